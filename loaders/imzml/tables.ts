// Arrow tables of an imzML image for export: one row per acquired pixel (`x, y, total_counts` and a
// column per mass window), or the summed spectrum (`mz, counts`). The file's facts are schema metadata.
import {Float64, makeData, type Data, type Table} from "apache-arrow";
import type {Spectrum} from "@operando/lib/spectra/spectrum-sum";
import {batchOf, schemaOf, smallestUint, tableOf, uintData} from "../sims/arrow-columns.js";
import type {ImzmlFile} from "./ibd.js";
import type {PixelSums} from "./ion-images.js";

function fileMetadata(file: ImzmlFile): Map<string, string> {
  const m = new Map<string, string>([
    ["source_file", file.fileName], ["format", "imzml"], ["mode", file.mode], ["pixels", JSON.stringify([file.width, file.height])],
    ["acquired_pixels", String(file.spectra.length)], ["ibd_file", file.ibd.name]
  ]);
  if (file.uuid) m.set("uuid", file.uuid);
  if (file.pixelSize) {
    m.set("pixel_size", JSON.stringify([file.pixelSize.x, file.pixelSize.y]));
    m.set("pixel_size_unit", file.pixelSize.unit === "um" ? "µm" : "nm");
  }
  if (file.warnings.length > 0) m.set("warnings", JSON.stringify(file.warnings));
  return m;
}

function uintColumn(values: ArrayLike<number>, max: number): Data {
  const array = new (smallestUint(max).array)(values.length);
  array.set(values);
  return uintData(array);
}

const float64Data = (values: Float64Array): Data<Float64> => makeData({type: new Float64(), length: values.length, nullCount: 0, data: values});

/** Whole non-negative counts as the smallest unsigned type; anything else (calibrated intensities) as Float64. */
function countsData(values: Float64Array): Data {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] >>> 0 !== values[i]) return float64Data(values);
    if (values[i] > max) max = values[i];
  }
  return uintColumn(values, max);
}

/** One row per acquired pixel, sorted by y then x. */
export function pixelTable(file: ImzmlFile, sums: PixelSums): Table {
  const order = Array.from(sums.x, (_, i) => i).sort((a, b) => sums.y[a] - sums.y[b] || sums.x[a] - sums.x[b]);
  const sorted = (values: ArrayLike<number>) => Float64Array.from(order, (i) => values[i]);
  const columns = [uintColumn(sorted(sums.x), file.width - 1), uintColumn(sorted(sums.y), file.height - 1), countsData(sorted(sums.totalCounts)), ...sums.windowCounts.map((counts) => countsData(sorted(counts)))];
  const names = ["x", "y", "total_counts", ...sums.windows.map((w) => w.ion)];
  const metadata = fileMetadata(file);
  metadata.set("mass_windows_u", JSON.stringify(Object.fromEntries(sums.windows.map((w) => [w.ion, [w.lowU, w.highU]]))));
  const schema = schemaOf(names.map((name, k) => [name, columns[k].type, false]), metadata);
  return tableOf(schema, [batchOf(schema, columns)]);
}

export function spectrumTable(file: ImzmlFile, spectrum: Spectrum, binWidthU?: number): Table {
  const metadata = fileMetadata(file);
  metadata.set("spectrum", binWidthU === undefined ? (file.mode === "continuous" ? "sum on the common m/z axis" : "sum on the union of the m/z values") : `sum in bins of ${binWidthU} u, at their centres`);
  const columns = [float64Data(spectrum.mzU), countsData(spectrum.counts)];
  const schema = schemaOf([["mz", columns[0].type, false], ["counts", columns[1].type, false]], metadata);
  return tableOf(schema, [batchOf(schema, columns)]);
}
