/**
 * npx tsx bin/roi.ts <run folder> <rois.geojson> <out.csv|out.parquet> [--no-register] [--register-ion <ion>]
 *   [--drift-sd <px>] [--labels-ion <ion>]
 *
 * Writes the ROI trend table of a run (docs/analysis.md): one row per (ROI, ion, frame) with counts, area,
 * counts per um2 and its 95% interval (exact Poisson, widened by the registration's uncertainty: measured per
 * frame by thinning, or --drift-sd px for every registered frame), and the drift applied; when the manifest gives
 * the pulses per pixel (`detector.pulsesPerPixel`, or per frame), the dead-time corrected counts with their
 * interval and the saturated pixels of each mask (lib/roi/dead-time-trend.ts). Frames are registered per region on the total-ion image (or
 * --register-ion) unless --no-register. Particle ROIs (`properties.particle`) use the
 * labels of a segmentation of --labels-ion summed over registered frames. Errors: one line
 * `error: <file>: <problem>` and exit code 1; the output is written atomically.
 */
import {readFile} from "node:fs/promises";
import * as parquet from "parquet-wasm";
import {RunFileError, RunFolder} from "./run-folder.js";
import {basename, join, resolve} from "node:path";
import {loadRun} from "../loaders/sims/run.js";
import {LoaderError} from "../loaders/errors.js";
import {driftLookup, driftSdLookup, type RegionDrift} from "../lib/imaging/drift.js";
import {segmentRegisteredSum} from "../lib/imaging/particles.js";
import type {Raster} from "../lib/imaging/raster.js";
import {stacksFromTables} from "../lib/imaging/stack.js";
import {roisFromGeoJson} from "../lib/roi/geojson.js";
import {hasPulses, manifestPulses} from "../lib/roi/dead-time-trend.js";
import type {RoiTrendRow} from "../lib/roi/trend.js";
import {runRoiTrends} from "../lib/run/roi-trends.js";
import {roiTrendTable} from "../lib/roi/trend-table.js";
import {tableToCsv, tableToParquet} from "../loaders/table-output.js";
import {registerRegionsOnThreads} from "./registration-threads.js";
import {writeFileAtomic} from "./write-atomic.js";

class CliError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
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
    openFile: (path) => folder.open(path),
    onProgress: (message) => process.stderr.write(`${basename(runFolder)}: ${message}\n`)
  });
  const regions = tables.manifest.regions.map((r) => r.id);
  const rois = parseRois(regions);
  const stacks = stacksFromTables(tables.images, tables.pixels);
  const drifts: RegionDrift[] = flags.has("--no-register") ? [] : await registerRegionsOnThreads(stacks, option("--register-ion") ?? "total",
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
      labels.set(stack.region, segmentRegisteredSum(stack, (frame) => lookup(stack.region, frame)).segmentation);
    }
  }
  let rows: RoiTrendRow[];
  try {
    // With the pulses per pixel in the manifest (detector, or per frame), the dead-time columns too.
    rows = runRoiTrends(stacks, rois, {driftPx: lookup, driftSdPx: driftSdLookup(drifts, driftSdPx), labels,
      pulsesPerPixel: hasPulses(tables.manifest) ? manifestPulses(tables.manifest) : undefined});
  } catch (error) {
    throw new CliError(roisPath, (error as Error).message);
  }
  const table = roiTrendTable(rows);
  await writeFileAtomic(outPath, format === "csv" ? tableToCsv(table) : tableToParquet(table, parquet));
  process.stderr.write(`${basename(outPath)}: ${rows.length} rows (${rois.length} ROIs)\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof LoaderError || error instanceof CliError ? error.message
    : error instanceof Error ? `bin/roi.ts: ${error.message}` : `bin/roi.ts: ${String(error)}`;
  process.stderr.write(`error: ${message.replace(/[\r\n]+/g, " ")}\n`);
  process.exitCode = 1;
});
