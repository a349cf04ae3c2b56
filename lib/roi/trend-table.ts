/**
 * The ROI trend table as `npm run roi` writes it (docs/analysis.md): one row per (ROI, ion, frame), snake_case
 * columns with units in their names, NaN (an empty mask, an unknown pulse count) as null. The registration's share
 * of the counts' spread (`registration_sd_counts`) is a column, so that a reader of the table can recompute the
 * interval or a change between frames (lib/imaging/particles.ts). The dead-time columns are there when the rows
 * carry them (lib/roi/dead-time-trend.ts).
 */
import {Float64, Int32, Int64, Table, Utf8, vectorFromArray, type Vector} from "apache-arrow";
import type {RoiDeadTimeRow} from "./dead-time-trend.js";
import type {RoiTrendRow} from "./trend.js";

type NumberKey<Row> = {[K in keyof Row]: Row[K] extends number ? K : never}[keyof Row];

const TEXT_COLUMNS: [string, "roi" | "region" | "ion"][] = [["roi", "roi"], ["region", "region"], ["ion", "ion"]];
const MEASURE_COLUMNS: [string, NumberKey<RoiTrendRow>][] = [
  ["area_um2", "areaUm2"], ["counts_per_um2", "countsPerUm2"], ["counts_per_um2_low", "countsPerUm2Low"],
  ["counts_per_um2_high", "countsPerUm2High"], ["drift_x_px", "driftXPx"], ["drift_y_px", "driftYPx"], ["drift_sd_px", "driftSdPx"],
  ["registration_sd_counts", "registrationSdCounts"]
];
const DEAD_TIME_COLUMNS: [string, NumberKey<RoiDeadTimeRow>][] = [
  ["pulses_per_pixel", "pulsesPerPixel"], ["dead_time_corrected_counts", "correctedCounts"],
  ["dead_time_corrected_counts_per_um2", "correctedCountsPerUm2"], ["dead_time_corrected_counts_per_um2_low", "correctedCountsPerUm2Low"],
  ["dead_time_corrected_counts_per_um2_high", "correctedCountsPerUm2High"], ["saturated_pixels", "saturatedPixels"]
];

const nullableFloats = (values: number[]): Vector => vectorFromArray(values.map((v) => (Number.isNaN(v) ? null : v)), new Float64());

export function roiTrendTable(rows: RoiTrendRow[] | RoiDeadTimeRow[]): Table {
  const withDeadTime = rows.length > 0 && "correctedCounts" in rows[0];
  const columns: Record<string, Vector> = {};
  for (const [name, key] of TEXT_COLUMNS) columns[name] = vectorFromArray(rows.map((r) => r[key]), new Utf8());
  columns.frame = vectorFromArray(rows.map((r) => r.frame), new Int32());
  columns.counts = vectorFromArray(rows.map((r) => BigInt(r.counts)), new Int64());
  for (const [name, key] of MEASURE_COLUMNS) columns[name] = nullableFloats(rows.map((r) => r[key]));
  if (withDeadTime) for (const [name, key] of DEAD_TIME_COLUMNS) columns[name] = nullableFloats((rows as RoiDeadTimeRow[]).map((r) => r[key]));
  return new Table(columns);
}

/** The rows of a trend table (as the build writes `roi-trends.arrow`), null read back as NaN. */
export function roiTrendRowsFromTable(table: Table): RoiTrendRow[] {
  const column = (name: string) => {
    const vector = table.getChild(name);
    if (!vector) throw new RangeError(`the ROI trend table has no "${name}" column`);
    return vector;
  };
  const text = TEXT_COLUMNS.map(([name]) => column(name));
  const frames = column("frame");
  const counts = column("counts");
  const measures = MEASURE_COLUMNS.map(([name]) => column(name));
  return Array.from({length: table.numRows}, (_, i) => {
    const row = {roi: String(text[0].get(i)), region: String(text[1].get(i)), ion: String(text[2].get(i)), frame: Number(frames.get(i)), counts: Number(counts.get(i))} as RoiTrendRow;
    MEASURE_COLUMNS.forEach(([, key], j) => {
      const value = measures[j].get(i);
      row[key] = value === null ? NaN : Number(value);
    });
    return row;
  });
}
