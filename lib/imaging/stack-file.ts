/**
 * One (region, ion) image stack as a table of its own, and back, so that a page fetches only the images it draws:
 * the build writes each frame of each stack as a stack of one frame (docs/data-model.md, "pixels/"), and the page
 * joins the frames it fetched into one stack. And, for the SQL a page runs in DuckDB-WASM, the `pixels` table
 * layout (lib/roi/sql.ts) rebuilt from the stacks it loaded.
 *
 * A stack table has one column `counts` (uint16, or uint32 above 65535), frame by frame in ascending frame order,
 * each frame row by row (x fastest), and the stack's geometry in its schema metadata.
 */
import {Field, makeData, Schema, Table, Uint16, Uint32, RecordBatch, Struct, type Data} from "apache-arrow";
import type {ImageStack} from "./raster.js";

const GEOMETRY_KEY = "operando.stack";

/** Everything of a stack but its counts, as the metadata of its table. */
type StackGeometry = Omit<ImageStack, "data">;

function tableOfColumns(fields: Field[], children: Data[], length: number, metadata?: Map<string, string>): Table {
  const schema = new Schema(fields, metadata);
  const data = makeData({type: new Struct(fields), length, nullCount: 0, children});
  return new Table(schema, [new RecordBatch(schema, data)]);
}

export function stackCountsTable(stack: ImageStack): Table {
  const wide = stack.data instanceof Uint32Array;
  const geometry: StackGeometry = {run: stack.run, region: stack.region, ion: stack.ion, width: stack.width, height: stack.height,
    pixelWidthUm: stack.pixelWidthUm, pixelHeightUm: stack.pixelHeightUm, frames: stack.frames};
  const type = wide ? new Uint32() : new Uint16();
  const counts = makeData({type, length: stack.data.length, nullCount: 0, data: stack.data});
  return tableOfColumns([new Field("counts", type, false)], [counts], stack.data.length, new Map([[GEOMETRY_KEY, JSON.stringify(geometry)]]));
}

/** The stack a stack table holds; `file` names it in errors. */
export function stackFromCountsTable(table: Table, file: string): ImageStack {
  const text = table.schema.metadata.get(GEOMETRY_KEY);
  if (!text) throw new RangeError(`${file}: not an image stack table (no "${GEOMETRY_KEY}" metadata)`);
  const geometry = JSON.parse(text) as StackGeometry;
  const column = table.getChild("counts");
  if (!column) throw new RangeError(`${file}: no "counts" column`);
  const expected = geometry.frames.length * geometry.width * geometry.height;
  if (column.length !== expected) {
    throw new RangeError(`${file}: ${column.length} counts where ${geometry.frames.length} frames of ${geometry.width} x ${geometry.height} pixels need ${expected}`);
  }
  const values = column.toArray() as Uint16Array | Uint32Array;
  if (!(values instanceof Uint16Array || values instanceof Uint32Array)) throw new RangeError(`${file}: counts are ${column.type}, not uint16 or uint32`);
  return {...geometry, data: values};
}

/** Each frame of a stack as a stack of its own (views on the stack's counts, no copy). */
export function stackByFrame(stack: ImageStack): ImageStack[] {
  const size = stack.width * stack.height;
  return stack.frames.map((frame, slot) => ({...stack, frames: [frame], data: stack.data.subarray(slot * size, (slot + 1) * size)}));
}

/**
 * One stack of frames of the same (region, ion) and geometry, in ascending frame order, from stacks of one or
 * more frames each (as `stackByFrame` writes them); a part of another stack or geometry is an error naming it.
 */
export function joinStackFrames(parts: ImageStack[]): ImageStack {
  if (parts.length === 0) throw new RangeError("joinStackFrames: no frames to join");
  const [first] = parts;
  const size = first.width * first.height;
  for (const part of parts) {
    const same = part.run === first.run && part.region === first.region && part.ion === first.ion && part.width === first.width &&
      part.height === first.height && part.pixelWidthUm === first.pixelWidthUm && part.pixelHeightUm === first.pixelHeightUm;
    if (!same) throw new RangeError(`joinStackFrames: frames ${part.frames.join(", ")} are of ${part.ion} in "${part.region}" (${part.width} x ${part.height}), not of the stack of ${first.ion} in "${first.region}" (${first.width} x ${first.height})`);
  }
  const slots = parts.flatMap((part) => part.frames.map((frame, slot) => ({frame, part, slot}))).sort((a, b) => a.frame - b.frame);
  for (let k = 1; k < slots.length; k++) {
    if (slots[k].frame === slots[k - 1].frame) throw new RangeError(`joinStackFrames: frame ${slots[k].frame} of ${first.ion} in "${first.region}" is given twice`);
  }
  const wide = parts.some((part) => part.data instanceof Uint32Array);
  const data = wide ? new Uint32Array(slots.length * size) : new Uint16Array(slots.length * size);
  slots.forEach(({part, slot}, k) => data.set(part.data.subarray(slot * size, (slot + 1) * size), k * size));
  return {...first, frames: slots.map((s) => s.frame), data};
}

/**
 * The `pixels` table (docs/data-model.md: region_id, frame, y, x, line, one counts column per ion, null where an
 * ion has no image of a frame) of the given stacks, sorted by region and frame; `regionIds` maps each region to
 * its `region_id` in the run's `images` table, so that the SQL's join on the images finds them.
 */
export function pixelsTableOfStacks(stacks: ImageStack[], regionIds: ReadonlyMap<string, number>): Table {
  const ions = [...new Set(stacks.map((s) => s.ion))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const regions = [...new Set(stacks.map((s) => s.region))].sort((a, b) => regionIds.get(a)! - regionIds.get(b)!);
  const frames = new Map(regions.map((region) => [region, [...new Set(stacks.filter((s) => s.region === region).flatMap((s) => s.frames))].sort((a, b) => a - b)]));
  let length = 0;
  for (const region of regions) {
    const stack = stacks.find((s) => s.region === region)!;
    length += frames.get(region)!.length * stack.width * stack.height;
  }
  const keys = ["region_id", "frame", "y", "x", "line"].map(() => new Uint32Array(length));
  const counts = ions.map(() => new Uint32Array(length));
  const valid = ions.map(() => new Uint8Array(Math.ceil(length / 8)));
  let row = 0;
  for (const region of regions) {
    const regionStacks = stacks.filter((s) => s.region === region);
    const {width, height} = regionStacks[0];
    const regionId = regionIds.get(region);
    if (regionId === undefined) throw new RangeError(`pixelsTableOfStacks: region "${region}" has no region_id`);
    for (const frame of frames.get(region)!) {
      const start = row;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++, row++) {
          keys[0][row] = regionId;
          keys[1][row] = frame;
          keys[2][row] = y;
          keys[3][row] = x;
          keys[4][row] = frame * height + y;
        }
      }
      ions.forEach((ion, j) => {
        const stack = regionStacks.find((s) => s.ion === ion);
        const slot = stack ? stack.frames.indexOf(frame) : -1;
        if (!stack || slot < 0) return;
        counts[j].set(stack.data.subarray(slot * width * height, (slot + 1) * width * height), start);
        for (let i = start; i < row; i++) valid[j][i >> 3] |= 1 << (i & 7);
      });
    }
  }
  const fields = [...["region_id", "frame", "y", "x", "line"].map((name) => new Field(name, new Uint32(), false)), ...ions.map((ion) => new Field(ion, new Uint32(), true))];
  const children = [
    ...keys.map((values) => makeData({type: new Uint32(), length, nullCount: 0, data: values})),
    ...counts.map((values, j) => {
      let nullCount = 0;
      for (let i = 0; i < length; i++) if (!(valid[j][i >> 3] & (1 << (i & 7)))) nullCount++;
      return makeData({type: new Uint32(), length, nullCount, nullBitmap: nullCount > 0 ? valid[j] : undefined, data: values});
    })
  ];
  return tableOfColumns(fields, children, length);
}
