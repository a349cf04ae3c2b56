/**
 * Image stacks from the loaders' Arrow tables (docs/data-model.md): `images` gives each (region, ion, frame)'s
 * size and pixel size, `pixels` the counts. One dense stack per (run, region, ion), frames ascending.
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
      for (let i = 0; i < chunk.length; i++) keys[row++] = local[Number(indices[chunk.offset + i])];
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

/** Dense stacks of every (run, region, ion) in `images`, filled from `pixels`. Counts above 65535 use Uint32. */
export function stacksFromTables(images: Table, pixels: Table): ImageStack[] {
  const [runs, regions, ions] = ["run", "region", "ion"].map((name) => stringColumn(images, name));
  const [frames, widths, heights, pixelWidths, pixelHeights] =
    ["frame", "width", "height", "pixel_width_um", "pixel_height_um"].map((name) => numberColumn(images, name));
  const stacks = new Map<string, ImageStack>();
  for (let i = 0; i < images.numRows; i++) {
    const key = `${runs[i]}\u0000${regions[i]}\u0000${ions[i]}`;
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
  let maxCount = 0;
  const counts = numberColumn(pixels, "counts");
  for (let i = 0; i < counts.length; i++) if (counts[i] > maxCount) maxCount = counts[i];
  const slots = new Map<string, {stack: ImageStack; offset: number}>();
  for (const [key, stack] of stacks) {
    stack.frames.sort((a, b) => a - b);
    const size = stack.frames.length * stack.width * stack.height;
    stack.data = maxCount > 65535 ? new Uint32Array(size) : new Uint16Array(size);
    stack.frames.forEach((frame, slot) => slots.set(`${key}\u0000${frame}`, {stack, offset: slot * stack.width * stack.height}));
  }
  const runKeys = stringColumnKeys(pixels.getChild("run")!);
  const regionKeys = stringColumnKeys(pixels.getChild("region")!);
  const ionKeys = stringColumnKeys(pixels.getChild("ion")!);
  const [pixelFrames, xs, ys] = ["frame", "x", "y"].map((name) => numberColumn(pixels, name));
  let [previousRun, previousRegion, previousIon, previousFrame] = [-1, -1, -1, NaN];
  let target: {stack: ImageStack; offset: number} | undefined;
  for (let i = 0; i < counts.length; i++) {
    // Rows come sorted by image, so the slot look-up runs once per image, not per pixel.
    const run = runKeys.keys[i];
    const region = regionKeys.keys[i];
    const ion = ionKeys.keys[i];
    const frame = pixelFrames[i];
    if (run !== previousRun || region !== previousRegion || ion !== previousIon || frame !== previousFrame) {
      const names = [runKeys.names[run], regionKeys.names[region], ionKeys.names[ion]];
      target = slots.get(`${names.join("\u0000")}\u0000${frame}`);
      if (!target) throw new RangeError(`pixels: row ${i} (${names.join("/")} frame ${frame}) has no image in the images table`);
      [previousRun, previousRegion, previousIon, previousFrame] = [run, region, ion, frame];
    }
    const {stack, offset} = target!;
    const x = xs[i];
    const y = ys[i];
    if (x < 0 || x >= stack.width || y < 0 || y >= stack.height) throw new RangeError(`pixels: row ${i} (${x}, ${y}) is outside ${stack.width}x${stack.height}`);
    stack.data[offset + y * stack.width + x] = counts[i];
  }
  return [...stacks.values()];
}
