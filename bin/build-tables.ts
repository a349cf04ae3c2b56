// Converts every run in data/ (a folder with manifest.json) into the tables the pages read:
// src/data/runs/<run>/{frames,images,pixels,cycling}.arrow with .parquet beside them, the manifest and
// ROI file, the stage drift of every frame (registration is the slowest step of a page, and its result
// depends only on the images), and src/data/runs/index.json listing the runs. A run is written whole or
// not at all; one progress line per run.
import {existsSync} from "node:fs";
import {mkdir, readdir, readFile, rename, rm, writeFile} from "node:fs/promises";
import {join} from "node:path";
import type {Table} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {loadRun} from "@operando/loaders/sims/run";
import {registerRegions} from "@operando/lib/imaging/drift";
import {roisFromGeoJson} from "@operando/lib/roi/geojson";
import {runRoles} from "@operando/lib/run/run-roles";
import {runSpectrumTable} from "./run-spectrum.js";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {tableToArrowStream, tableToParquet} from "@operando/loaders/table-output";

// Another data folder and output (a test's own site) by environment; the defaults are the project's.
const dataDir = process.env.OPERANDO_DATA_DIR ?? "data";
const outputDir = process.env.OPERANDO_RUNS_DIR ?? "src/data/runs";

async function readBytes(path: string): Promise<Uint8Array> {
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function runFolders(): Promise<string[]> {
  if (!existsSync(dataDir)) return [];
  const entries = await readdir(dataDir, {withFileTypes: true});
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(join(dataDir, entry.name, "manifest.json")))
    .map((entry) => entry.name)
    .sort();
}

async function writeTable(folder: string, name: string, table: Table): Promise<void> {
  await writeFile(join(folder, `${name}.arrow`), tableToArrowStream(table));
  await writeFile(join(folder, `${name}.parquet`), tableToParquet(table, parquet));
}

interface RunSummary {
  run: string;
  title: string;
  synthetic: boolean;
  sample: string;
}

async function buildRun(run: string): Promise<RunSummary> {
  const started = performance.now();
  const runDir = join(dataDir, run);
  const manifestText = await readFile(join(runDir, "manifest.json"), "utf-8");
  const manifest = JSON.parse(manifestText);
  const log = (message: string) => process.stderr.write(`\r\x1b[K${run}: ${message}`);
  const {frames, images, pixels, manifest: checked} = await loadRun(manifest, (path) => readBytes(join(runDir, path)), {onProgress: log});
  const potentiostat = checked.potentiostat;
  if (!potentiostat) throw new Error(`${join(runDir, "manifest.json")}: no potentiostat file; the pages place every frame on the cycling record`);
  const cyclingPath = join(runDir, potentiostat.file);
  const cycling = parseCyclingFile(await readBytes(cyclingPath), cyclingPath, {timeZone: potentiostat.timeZone ?? checked.timeZone});

  log("registering frames");
  const drift = registerRegions(stacksFromTables(images, pixels)).map((d) => ({
    region: d.region, ion: d.ion, referenceFrame: d.referenceFrame,
    frames: [...d.byFrame].map(([frame, estimate]) => ({frame, driftPx: estimate.driftPx, ok: estimate.ok, peakNcc: estimate.ok ? estimate.peakNcc : null}))
  }));

  // Pages read every part of a run from files that always exist: no ROI file is an empty collection, no truth null.
  const roisGeoJson = checked.rois ? JSON.parse(await readFile(join(runDir, checked.rois), "utf-8")) : {type: "FeatureCollection", features: []};
  const roles = runRoles(checked, images, roisFromGeoJson(roisGeoJson, checked.regions.map((r) => r.id)));
  if (roles.problems.length > 0) {
    throw new Error(`${join(runDir, "manifest.json")}: ${roles.problems.map((p) => `${p.jsonPath}: ${p.message}`).join("; ")}`);
  }

  const partial = join(outputDir, `.${run}.partial`);
  await rm(partial, {recursive: true, force: true});
  await mkdir(partial, {recursive: true});
  await writeTable(partial, "frames", frames);
  await writeTable(partial, "images", images);
  await writeTable(partial, "pixels", pixels);
  await writeTable(partial, "cycling", cycling);
  await writeFile(join(partial, "manifest.json"), manifestText);
  await writeFile(join(partial, "drift.json"), JSON.stringify(drift));
  await writeFile(join(partial, "rois.geojson"), JSON.stringify(roisGeoJson));
  await writeFile(join(partial, "roles.json"), JSON.stringify(roles));
  await writeTable(partial, "spectrum", await runSpectrumTable(checked.spectrum ? join(runDir, checked.spectrum) : null));
  const truth = join(runDir, "truth", "truth.json");
  await writeFile(join(partial, "truth.json"), existsSync(truth) ? await readFile(truth) : "null");
  await rm(join(outputDir, run), {recursive: true, force: true});
  await rename(partial, join(outputDir, run));

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`\r\x1b[K${run}: ${images.numRows} images (${pixels.numRows} pixel rows), ${cycling.numRows} cycling records in ${seconds} s\n`);
  return {run, title: checked.title ?? run, synthetic: checked.synthetic === true, sample: checked.sample ?? ""};
}

async function main(): Promise<void> {
  await mkdir(outputDir, {recursive: true});
  const runs = await runFolders();
  if (runs.length === 0) throw new Error(`${dataDir}/: no run folder with a manifest.json`);
  const summaries: RunSummary[] = [];
  for (const run of runs) summaries.push(await buildRun(run));
  for (const stale of await readdir(outputDir)) {
    if (!runs.includes(stale) && stale !== "index.json") await rm(join(outputDir, stale), {recursive: true, force: true});
  }
  await writeFile(join(outputDir, "index.json"), JSON.stringify(summaries, null, 2));
}

main().catch((error: Error) => {
  process.stderr.write(`\nerror: ${error.message}\n`);
  process.exit(1);
});
