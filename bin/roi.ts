/**
 * npx tsx bin/roi.ts <run folder> <rois.geojson> <out.csv|out.parquet> [--no-register] [--register-ion <ion>]
 *   [--drift-sd <px>] [--labels-ion <ion>]
 *
 * Writes the ROI trend table of a run (docs/analysis.md): one row per (ROI, ion, frame) with counts, area,
 * counts per um2 and its 95% interval (exact Poisson, widened by the registration's uncertainty: measured per
 * frame by thinning, or --drift-sd px for every registered frame), and the drift applied. Frames are registered per region on the total-ion image (or
 * --register-ion) unless --no-register. Particle ROIs (`properties.particle`) use the
 * labels of a segmentation of --labels-ion summed over registered frames. Errors: one line
 * `error: <file>: <problem>` and exit code 1; the output is written atomically.
 */
import {readFile, rename, rm} from "node:fs/promises";
import {RunFileError, RunFolder} from "./run-folder.js";
import {basename, dirname, join, resolve} from "node:path";
import {loadRun} from "../loaders/sims/run.js";
import {LoaderError} from "../loaders/errors.js";
import {driftLookup, driftSdLookup, registerRegions, type RegionDrift} from "../lib/imaging/drift.js";
import {registeredSum} from "../lib/imaging/particles.js";
import type {Raster} from "../lib/imaging/raster.js";
import {segmentParticles} from "../lib/imaging/segment.js";
import {stacksFromTables} from "../lib/imaging/stack.js";
import {roiFrameMasks} from "../lib/roi/aggregate.js";
import {roisFromGeoJson} from "../lib/roi/geojson.js";
import {roiTrends, type RoiTrendRow} from "../lib/roi/trend.js";
import {writeFileAtomic} from "./write-atomic.js";

class CliError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
  }
}

const COLUMNS = ["roi", "region", "ion", "frame", "counts", "area_um2", "counts_per_um2", "counts_per_um2_low",
  "counts_per_um2_high", "drift_x_px", "drift_y_px", "drift_sd_px"] as const;

function rowValues(row: RoiTrendRow): (string | number)[] {
  return [row.roi, row.region, row.ion, row.frame, row.counts, row.areaUm2, row.countsPerUm2, row.countsPerUm2Low,
    row.countsPerUm2High, row.driftXPx, row.driftYPx, row.driftSdPx];
}

/** RFC 4180 CSV; NaN (empty ROI) is an empty field. */
function trendCsv(rows: RoiTrendRow[]): string {
  const field = (value: string | number): string => {
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return [COLUMNS.join(","), ...rows.map((row) => rowValues(row).map(field).join(","))].join("\n") + "\n";
}

async function writeParquet(path: string, rows: RoiTrendRow[]): Promise<void> {
  const {DuckDBInstance, DOUBLE, INTEGER, BIGINT, VARCHAR} = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const types = [VARCHAR, VARCHAR, VARCHAR, INTEGER, BIGINT, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE];
  await connection.run(`CREATE TABLE roi_trends (${COLUMNS.map((c, i) => `${c} ${types[i].toString()}`).join(", ")})`);
  const appender = await connection.createAppender("roi_trends");
  for (const row of rows) {
    appender.appendVarchar(row.roi);
    appender.appendVarchar(row.region);
    appender.appendVarchar(row.ion);
    appender.appendInteger(row.frame);
    appender.appendBigInt(BigInt(row.counts));
    for (const value of [row.areaUm2, row.countsPerUm2, row.countsPerUm2Low, row.countsPerUm2High, row.driftXPx, row.driftYPx, row.driftSdPx]) {
      if (Number.isNaN(value)) appender.appendNull();
      else appender.appendDouble(value);
    }
    appender.endRow();
  }
  appender.closeSync();
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial.parquet`);
  try {
    await connection.run(`COPY roi_trends TO '${temporary.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, {force: true});
    throw error;
  } finally {
    connection.closeSync();
  }
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(path, `not valid JSON: ${(error as Error).message}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const flags = new Set(argv.filter((a) => a === "--no-register"));
  const option = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const valued = ["--register-ion", "--labels-ion", "--drift-sd"];
  const positional = argv.filter((a, i) => !a.startsWith("--") && !valued.includes(argv[i - 1]));
  const unknown = argv.filter((a) => a.startsWith("--") && a !== "--no-register" && !valued.includes(a));
  if (positional.length !== 3 || unknown.length > 0) {
    throw new CliError("bin/roi.ts", "usage: npm run roi -- <run folder> <rois.geojson> <out.csv|out.parquet> [--no-register] [--register-ion <ion>] [--drift-sd <px>] [--labels-ion <ion>]");
  }
  // Without --drift-sd each frame's drift uncertainty is measured (lib/imaging/drift-sd.ts).
  const driftSdPx = option("--drift-sd") === undefined ? undefined : Number(option("--drift-sd"));
  if (driftSdPx !== undefined && !(driftSdPx >= 0)) throw new CliError("bin/roi.ts", `--drift-sd ${option("--drift-sd")} is not a number >= 0 (px)`);
  const [runFolder, roisPath, outPath] = positional.map((p) => resolve(p));
  const format = /\.csv$/i.test(outPath) ? "csv" : /\.parquet$/i.test(outPath) ? "parquet" : null;
  if (!format) throw new CliError(outPath, "output must end in .csv or .parquet");

  const manifest = await readJson(join(runFolder, "manifest.json"));
  const roiJson = await readJson(roisPath);
  const parseRois = (regions?: string[]) => {
    try {
      return roisFromGeoJson(roiJson, regions);
    } catch (error) {
      throw new CliError(roisPath, (error as Error).message);
    }
  };
  parseRois(); // fail fast, before the run is loaded
  // Every file the manifest names is read through the run folder, which refuses paths and links leading out of it.
  const folder = await RunFolder.open(runFolder).catch((error: unknown) => {
    throw error instanceof RunFileError ? new CliError(error.file, error.problem) : error;
  });
  const tables = await loadRun(manifest, (path) => folder.read(path), {
    onProgress: (message) => process.stderr.write(`${basename(runFolder)}: ${message}\n`)
  });
  const regions = tables.manifest.regions.map((r) => r.id);
  const rois = parseRois(regions);
  const stacks = stacksFromTables(tables.images, tables.pixels);
  const drifts: RegionDrift[] = flags.has("--no-register") ? [] : registerRegions(stacks, option("--register-ion") ?? "total",
    {manualDriftPx: tables.manifest.registration?.manualDriftPx, registrationOff: tables.manifest.registration?.off});
  for (const drift of drifts) {
    for (const [frame, estimate] of drift.byFrame) {
      if (!estimate.reliable) process.stderr.write(`warning: ${join(runFolder, "manifest.json")}: region "${drift.region}" frame ${frame}: ${estimate.reason}\n`);
    }
  }
  const lookup = driftLookup(drifts);
  const labels = new Map<string, Raster>();
  if (rois.some((r) => r.kind === "particle")) {
    const ion = option("--labels-ion");
    if (!ion) throw new CliError(roisPath, "has particle ROIs; give --labels-ion <ion> to segment particles on");
    for (const stack of stacks.filter((s) => s.ion === ion)) {
      labels.set(stack.region, segmentParticles(registeredSum(stack, (frame) => lookup(stack.region, frame))));
    }
  }
  const grids = regions.flatMap((region) => {
    const stack = stacks.find((s) => s.region === region);
    return stack ? [{region, width: stack.width, height: stack.height, pixelWidthUm: stack.pixelWidthUm, pixelHeightUm: stack.pixelHeightUm, frames: stack.frames}] : [];
  });
  let rows: RoiTrendRow[];
  try {
    rows = roiTrends(stacks, roiFrameMasks(rois, grids, lookup, labels, driftSdLookup(drifts, driftSdPx)));
  } catch (error) {
    throw new CliError(roisPath, (error as Error).message);
  }
  if (format === "csv") await writeFileAtomic(outPath, trendCsv(rows));
  else await writeParquet(outPath, rows);
  process.stderr.write(`${basename(outPath)}: ${rows.length} rows (${rois.length} ROIs)\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof LoaderError || error instanceof CliError ? error.message
    : error instanceof Error ? `bin/roi.ts: ${error.message}` : `bin/roi.ts: ${String(error)}`;
  process.stderr.write(`error: ${message.replace(/[\r\n]+/g, " ")}\n`);
  process.exitCode = 1;
});
