import type {Table} from "apache-arrow";
import {Float64, makeData, Uint32, Utf8, type Data} from "apache-arrow";
import {PIXEL_KEY_COLUMNS} from "@operando/lib/imaging/stack";
import {batchOf, float64Data, schemaOf, smallestUint, StringDictionary, tableOf, uintData, utf8Data, type UintArray, type UintType} from "./arrow-columns.js";
import {asUintArray} from "./counts.js";
import {SimsRunError} from "./errors.js";
import type {Manifest} from "./manifest.js";
import type {FrameFacts, RunImage} from "./run-checks.js";

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The `frames`, `images` and `pixels` tables of docs/data-model.md. `images` must be sorted by
 * region, ion, frame. `pixels` has one record batch per (region, frame); batches of equal-sized frames
 * share their x and y buffers and the counts columns are the images' arrays, so memory is about the counts.
 * `region_id` (in `images` and `pixels`) is the region's index in the sorted region ids.
 */
export function buildRunTables(manifest: Manifest, images: RunImage[], frames: FrameFacts[]): {frames: Table; images: Table; pixels: Table} {
  const runs = new StringDictionary([manifest.run], 0);
  const regions = new StringDictionary(manifest.regions.map((r) => r.id).sort(byText), 1);
  const ions = new StringDictionary(manifest.ions.map((i) => i.id).sort(byText), 2);
  const frameType = smallestUint(Math.max(...manifest.frames.map((f) => f.index)));
  const regionIdType = smallestUint(regions.values.length - 1);
  const metadata = new Map([["run", manifest.run], ["synthetic", String(manifest.synthetic)], ["time_zone", manifest.timeZone]]);

  const sortedFrames = [...frames].sort((a, b) => byText(a.frame.region, b.frame.region) || a.frame.index - b.frame.index);
  const framesSchema = schemaOf([
    ["run", runs.type, false], ["region", regions.type, false], ["frame", frameType.type, false], ["label", new Utf8(), true],
    ["start_unix_s", new Float64(), false], ["end_unix_s", new Float64(), false], ["dose_ions_per_cm2", new Float64(), true]
  ], metadata);
  const framesTable = tableOf(framesSchema, [batchOf(framesSchema, [
    runs.constant(manifest.run, sortedFrames.length),
    regions.column(sortedFrames.map((f) => f.frame.region)),
    uintData(new frameType.array(sortedFrames.length).map((_, i) => sortedFrames[i].frame.index)),
    utf8Data(sortedFrames.map((f) => f.frame.label ?? null)),
    float64Data(sortedFrames.map((f) => f.startS)),
    float64Data(sortedFrames.map((f) => f.endS)),
    float64Data(sortedFrames.map((f) => f.doseIonsPerCm2))
  ])]);

  const maxTotal = Math.max(0, ...images.map((i) => i.totalCounts));
  const totalType = maxTotal < 2 ** 32 ? new Uint32() : new Float64();
  const sizeType = smallestUint(Math.max(1, ...images.map((i) => Math.max(i.width, i.height))));
  const n = images.length;
  const imagesSchema = schemaOf([
    ["run", runs.type, false], ["region", regions.type, false], ["region_id", regionIdType.type, false], ["ion", ions.type, false],
    ["frame", frameType.type, false], ["width", sizeType.type, false], ["height", sizeType.type, false], ["pixel_width_um", new Float64(), false],
    ["pixel_height_um", new Float64(), false], ["total_counts", totalType, false], ["source_file", new Utf8(), false]
  ], metadata);
  const totals = images.map((i) => i.totalCounts);
  const imagesTable = tableOf(imagesSchema, [batchOf(imagesSchema, [
    runs.constant(manifest.run, n),
    regions.column(images.map((i) => i.entry.region)),
    uintData(new regionIdType.array(n).map((_, k) => regions.values.indexOf(images[k].entry.region))),
    ions.column(images.map((i) => i.entry.ion)),
    uintData(new frameType.array(n).map((_, k) => images[k].entry.frame)),
    uintData(new sizeType.array(n).map((_, k) => images[k].width)),
    uintData(new sizeType.array(n).map((_, k) => images[k].height)),
    float64Data(images.map((i) => i.pixelWidthUm)),
    float64Data(images.map((i) => i.pixelHeightUm)),
    totalType instanceof Uint32 ? uintData(Uint32Array.from(totals)) : float64Data(totals),
    utf8Data(images.map((i) => i.entry.file))
  ])]);

  return {frames: framesTable, images: imagesTable, pixels: pixelsTable(manifest, images, regions.values, {frameType, regionIdType}, metadata)};
}

/** A column of `length` nulls for an ion without an image in this frame; equal lengths share one buffer. */
function nullColumn(counts: ReturnType<typeof smallestUint>, length: number, zeros: Map<number, UintArray>): Data<UintType> {
  let data = zeros.get(length);
  if (!data) zeros.set(length, (data = new counts.array(length)));
  return makeData({type: counts.type, length, nullCount: length, nullBitmap: new Uint8Array(Math.ceil(length / 8)), data}) as Data<UintType>;
}

/**
 * One row per pixel of every frame of every region, one counts column per ion (docs/data-model.md): DuckDB then
 * joins an ROI's row spans once per pixel for all ions at once, on integers (`region_id`, `line`).
 * One record batch per (region, frame); the counts columns are the images' own arrays.
 */
function pixelsTable(manifest: Manifest, images: RunImage[], regionIds: readonly string[],
  types: {frameType: ReturnType<typeof smallestUint>; regionIdType: ReturnType<typeof smallestUint>}, metadata: Map<string, string>): Table {
  const {frameType, regionIdType} = types;
  const countsType = smallestUint(Math.max(0, ...images.map((i) => i.maxCounts)));
  const xType = smallestUint(Math.max(0, ...images.map((i) => i.width - 1)));
  const yType = smallestUint(Math.max(0, ...images.map((i) => i.height - 1)));
  const ions = [...new Set(images.map((i) => i.entry.ion))].sort(byText);
  const clash = ions.find((ion) => (PIXEL_KEY_COLUMNS as readonly string[]).includes(ion));
  if (clash !== undefined) throw new SimsRunError(`${manifest.run}/manifest.json`, `ion "${clash}" has the name of a column of the pixels table (${PIXEL_KEY_COLUMNS.join(", ")})`);
  const byFrame = new Map<string, Map<string, RunImage>>();
  for (const image of images) {
    const key = `${regionIds.indexOf(image.entry.region)}:${image.entry.frame}`;
    if (!byFrame.has(key)) byFrame.set(key, new Map());
    byFrame.get(key)!.set(image.entry.ion, image);
  }
  const frameKeys = [...byFrame.keys()].sort((a, b) => {
    const [ra, fa] = a.split(":").map(Number);
    const [rb, fb] = b.split(":").map(Number);
    return ra - rb || fa - fb;
  });
  const nullable = new Set(ions.filter((ion) => frameKeys.some((key) => !byFrame.get(key)!.has(ion))));
  const schema = schemaOf([
    ["region_id", regionIdType.type, false], ["frame", frameType.type, false], ["y", yType.type, false], ["x", xType.type, false],
    ["line", new Uint32(), false], ...ions.map((ion): [string, UintType, boolean] => [ion, countsType.type, nullable.has(ion)])
  ], metadata);
  const grids = new Map<string, {xs: UintArray; ys: UintArray}>();
  const zeros = new Map<number, UintArray>();
  const regionColumns = new Map<string, UintArray>();
  const batches = frameKeys.map((key) => {
    const frameImages = byFrame.get(key)!;
    const first = frameImages.values().next().value!;
    const {width, height} = first;
    const length = width * height;
    const [regionId, frame] = key.split(":").map(Number);
    let grid = grids.get(`${width}x${height}`);
    if (!grid) {
      grid = {xs: new xType.array(length), ys: new yType.array(length)};
      for (let y = 0, i = 0; y < height; y++) {
        for (let x = 0; x < width; x++, i++) {
          grid.xs[i] = x;
          grid.ys[i] = y;
        }
      }
      grids.set(`${width}x${height}`, grid);
    }
    const lines = new Uint32Array(length);
    for (let y = 0, i = 0; y < height; y++, i += width) lines.fill(frame * height + y, i, i + width);
    const counts = ions.map((ion) => {
      const image = frameImages.get(ion);
      if (!image) return nullColumn(countsType, length, zeros);
      // Narrow in place of the image's own array so the wider copy can be freed.
      image.counts = asUintArray(image.counts as Uint16Array | Uint32Array, countsType.array);
      return uintData(image.counts);
    });
    let regionColumn = regionColumns.get(`${length}:${regionId}`);
    if (!regionColumn) regionColumns.set(`${length}:${regionId}`, (regionColumn = new regionIdType.array(length).fill(regionId)));
    return batchOf(schema, [uintData(regionColumn), uintData(new frameType.array(length).fill(frame)),
      uintData(grid.ys), uintData(grid.xs), uintData(lines), ...counts]);
  });
  return tableOf(schema, batches);
}
