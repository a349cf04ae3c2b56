/**
 * Image stacks from the loaders' Arrow tables of one run (docs/data-model.md): `images` gives each (region, ion,
 * frame)'s size, pixel size and `region_id`, `pixels` the counts. One dense stack per (region, ion), frames ascending.
 */
import {DataType, type Table, type Vector} from "apache-arrow";
import type {ImageStack} from "./raster.js";

/** Per-row integer keys of a string column and the strings they stand for (dictionary columns without get()). */
export function stringColumnKeys(vector: Vector): {keys: Int32Array; names: string[]} {
  const keys = new Int32Array(vector.length);
  const names: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.length;
      ids.set(name, id);
      names.push(name);
    }
    return id;
  };
  let row = 0;
  for (const chunk of vector.data) {
    if (DataType.isDictionary(chunk.type) && chunk.dictionary) {
      const local = Array.from({length: chunk.dictionary.length}, (_, i) => idOf(String(chunk.dictionary!.get(i))));
      const indices = chunk.values as ArrayLike<number>;
      for (let i = 0; i < chunk.length; i++) keys[row++] = local[Number(indices[i])];
    } else {
      const single = vector.data.length === 1 ? vector : null;
      for (let i = 0; i < chunk.length; i++, row++) keys[row] = idOf(String(single ? single.get(row) : vector.get(row)));
    }
  }
  return {keys, names};
}

function numberColumn(table: Table, name: string): ArrayLike<number> {
  const column = table.getChild(name);
  if (!column) throw new RangeError(`table has no column "${name}"`);
  const values = column.toArray() as ArrayLike<number | bigint>;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return Float64Array.from(values, Number);
  return values as ArrayLike<number>;
}

function stringColumn(table: Table, name: string): string[] {
  const column = table.getChild(name);
  if (!column) throw new RangeError(`table has no column "${name}"`);
  const {keys, names} = stringColumnKeys(column);
  return Array.from(keys, (k) => names[k]);
}

/** The columns of the `pixels` table that are not ions' counts (docs/data-model.md). */
export const PIXEL_KEY_COLUMNS = ["region_id", "frame", "y", "x", "line"] as const;

/**
 * Dense stacks of every (run, region, ion) in `images`, filled from `pixels` (one row per pixel of every
 * (region, frame), one counts column per ion, null where that ion has no image of the frame). Counts above
 * 65535 use Uint32.
 */
export function stacksFromTables(images: Table, pixels: Table): ImageStack[] {
  const [runs, regions, ions] = ["run", "region", "ion"].map((name) => stringColumn(images, name));
  const [regionIds, frames, widths, heights, pixelWidths, pixelHeights] =
    ["region_id", "frame", "width", "height", "pixel_width_um", "pixel_height_um"].map((name) => numberColumn(images, name));
  const stacks = new Map<string, ImageStack>();
  const regionOfId = new Map<number, string>();
  for (let i = 0; i < images.numRows; i++) {
    if (regionOfId.has(regionIds[i]) && regionOfId.get(regionIds[i]) !== regions[i]) {
      throw new RangeError(`images: region_id ${regionIds[i]} stands for both "${regionOfId.get(regionIds[i])}" and "${regions[i]}"`);
    }
    regionOfId.set(regionIds[i], regions[i]);
    const key = `${regions[i]}\u0000${ions[i]}`;
    let stack = stacks.get(key);
    if (!stack) {
      stack = {run: runs[i], region: regions[i], ion: ions[i], width: widths[i], height: heights[i],
        pixelWidthUm: pixelWidths[i], pixelHeightUm: pixelHeights[i], frames: [], data: new Uint16Array(0)};
      stacks.set(key, stack);
    } else if (stack.width !== widths[i] || stack.height !== heights[i]) {
      throw new RangeError(`images: ${regions[i]}/${ions[i]} frame ${frames[i]} is ${widths[i]}x${heights[i]}, other frames ${stack.width}x${stack.height}`);
    }
    stack.frames.push(frames[i]);
  }
  const ionColumns = pixels.schema.fields.map((f) => f.name).filter((name) => !(PIXEL_KEY_COLUMNS as readonly string[]).includes(name));
  let maxCount = 0;
  for (const ion of ionColumns) {
    for (const chunk of pixels.getChild(ion)!.data) {
      if (chunk.nullCount === chunk.length) continue;
      const values = chunk.values as ArrayLike<number>;
      for (let i = 0; i < chunk.length; i++) if (values[i] > maxCount) maxCount = values[i];
    }
  }
  const slots = new Map<string, number>();
  for (const [key, stack] of stacks) {
    stack.frames.sort((a, b) => a - b);
    const size = stack.frames.length * stack.width * stack.height;
    stack.data = maxCount > 65535 ? new Uint32Array(size) : new Uint16Array(size);
    stack.frames.forEach((frame, slot) => slots.set(`${key}\u0000${frame}`, slot * stack.width * stack.height));
  }
  const [pixelRegionIds, pixelFrames, xs, ys] = ["region_id", "frame", "x", "y"].map((name) => numberColumn(pixels, name));
  for (const ion of ionColumns) {
    const column = pixels.getChild(ion)!;
    let row = 0;
    for (const chunk of column.data) {
      const values = chunk.values as ArrayLike<number>; // already sliced: chunk.offset only applies to the null bitmap
      const validity = chunk.nullCount > 0 ? chunk.nullBitmap : undefined;
      let [previousRegion, previousFrame] = [NaN, NaN];
      let target: ImageStack["data"] = new Uint16Array(0);
      let [width, height, offset] = [0, 0, 0];
      for (let i = 0; i < chunk.length; i++, row++) {
        const bit = chunk.offset + i;
        if (validity && !(validity[bit >> 3] & (1 << (bit & 7)))) continue;
        // Rows come sorted by (region, frame), so the slot look-up runs once per frame, not per pixel.
        if (pixelRegionIds[row] !== previousRegion || pixelFrames[row] !== previousFrame) {
          [previousRegion, previousFrame] = [pixelRegionIds[row], pixelFrames[row]];
          const region = regionOfId.get(previousRegion);
          const stack = stacks.get(`${region}\u0000${ion}`);
          const slot = slots.get(`${region}\u0000${ion}\u0000${previousFrame}`);
          if (!stack || slot === undefined) throw new RangeError(`pixels: row ${row} (${region ?? `region_id ${previousRegion}`}/${ion} frame ${previousFrame}) has no image in the images table`);
          [target, width, height, offset] = [stack.data, stack.width, stack.height, slot];
        }
        const x = xs[row];
        const y = ys[row];
        if (x >= width || y >= height) throw new RangeError(`pixels: row ${row} (${x}, ${y}) is outside ${width}x${height}`);
        target[offset + y * width + x] = values[i];
      }
    }
  }
  return [...stacks.values()];
}
