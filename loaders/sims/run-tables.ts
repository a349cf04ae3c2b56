import type {Table} from "apache-arrow";
import {Float64, Uint32, Utf8} from "apache-arrow";
import {batchOf, float64Data, schemaOf, smallestUint, StringDictionary, tableOf, uintData, utf8Data, type UintArray} from "./arrow-columns.js";
import {asUintArray} from "./counts.js";
import type {Manifest} from "./manifest.js";
import type {FrameFacts, RunImage} from "./run-checks.js";

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The `frames`, `images` and `pixels` tables of docs/data-model.md. `images` must be sorted by
 * region, ion, frame. `pixels` has one record batch per image; batches of equal-sized images share
 * their x and y buffers, and dictionary columns share one dictionary, so memory is about the counts.
 */
export function buildRunTables(manifest: Manifest, images: RunImage[], frames: FrameFacts[]): {frames: Table; images: Table; pixels: Table} {
  const runs = new StringDictionary([manifest.run], 0);
  const regions = new StringDictionary(manifest.regions.map((r) => r.id).sort(byText), 1);
  const ions = new StringDictionary(manifest.ions.map((i) => i.id).sort(byText), 2);
  const frameType = smallestUint(Math.max(...manifest.frames.map((f) => f.index)));
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
    ["run", runs.type, false], ["region", regions.type, false], ["ion", ions.type, false], ["frame", frameType.type, false],
    ["width", sizeType.type, false], ["height", sizeType.type, false], ["pixel_width_um", new Float64(), false],
    ["pixel_height_um", new Float64(), false], ["total_counts", totalType, false], ["source_file", new Utf8(), false]
  ], metadata);
  const totals = images.map((i) => i.totalCounts);
  const imagesTable = tableOf(imagesSchema, [batchOf(imagesSchema, [
    runs.constant(manifest.run, n),
    regions.column(images.map((i) => i.entry.region)),
    ions.column(images.map((i) => i.entry.ion)),
    uintData(new frameType.array(n).map((_, k) => images[k].entry.frame)),
    uintData(new sizeType.array(n).map((_, k) => images[k].width)),
    uintData(new sizeType.array(n).map((_, k) => images[k].height)),
    float64Data(images.map((i) => i.pixelWidthUm)),
    float64Data(images.map((i) => i.pixelHeightUm)),
    totalType instanceof Uint32 ? uintData(Uint32Array.from(totals)) : float64Data(totals),
    utf8Data(images.map((i) => i.entry.file))
  ])]);

  return {frames: framesTable, images: imagesTable, pixels: pixelsTable(manifest, images, {runs, regions, ions}, frameType, metadata)};
}

function pixelsTable(
  manifest: Manifest, images: RunImage[], dict: {runs: StringDictionary; regions: StringDictionary; ions: StringDictionary},
  frameType: ReturnType<typeof smallestUint>, metadata: Map<string, string>
): Table {
  const countsType = smallestUint(Math.max(0, ...images.map((i) => i.maxCounts)));
  const xType = smallestUint(Math.max(0, ...images.map((i) => i.width - 1)));
  const yType = smallestUint(Math.max(0, ...images.map((i) => i.height - 1)));
  const schema = schemaOf([
    ["run", dict.runs.type, false], ["region", dict.regions.type, false], ["ion", dict.ions.type, false], ["frame", frameType.type, false],
    ["x", xType.type, false], ["y", yType.type, false], ["counts", countsType.type, false]
  ], metadata);
  const grids = new Map<string, {xs: UintArray; ys: UintArray}>();
  const frameColumns = new Map<string, UintArray>();
  const batches = images.map((image) => {
    const {width, height} = image;
    const length = width * height;
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
    const frameKey = `${length}:${image.entry.frame}`;
    let frames = frameColumns.get(frameKey);
    if (!frames) {
      frames = new frameType.array(length).fill(image.entry.frame);
      frameColumns.set(frameKey, frames);
    }
    // Narrow in place of the image's own array so the wider copy can be freed.
    image.counts = asUintArray(image.counts as Uint16Array | Uint32Array, countsType.array);
    return batchOf(schema, [
      dict.runs.constant(manifest.run, length), dict.regions.constant(image.entry.region, length), dict.ions.constant(image.entry.ion, length),
      uintData(frames), uintData(grid.xs), uintData(grid.ys), uintData(image.counts)
    ]);
  });
  return tableOf(schema, batches);
}
