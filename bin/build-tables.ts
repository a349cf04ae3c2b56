// Converts every run in the data folder (a folder with manifest.json) into the tables the pages read:
// <out>/<run>/{frames,images,pixels,cycling}.arrow with .parquet beside them, the manifest, the ROI file and the
// truth when the run has them, parts.json saying which, the stage drift of every frame (registration is the
// slowest step of a page, and its result depends only on the images), <out>/index.json listing the runs built and
// <out>/errors.json listing the problems of the runs left out.
//
//   npx tsx bin/build-tables.ts [--data data] [--out src/data/runs]   (or OPERANDO_DATA_DIR, OPERANDO_RUNS_DIR)
//
// Every problem of a run is found in one round and printed as `error: <file>: <problem>`; a run with problems is
// left out and the others are built. Exit status: 0 when every run was built, 1 when runs were left out for
// their problems (the rest is written), 2 when nothing could be written. A run is written whole or not at all.
import {existsSync} from "node:fs";
import {mkdir, readdir, rename, rm, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {parseArgs} from "node:util";
import type {Table} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {LoaderError} from "@operando/loaders/errors";
import {ManifestError} from "@operando/loaders/sims/errors";
import {manifestFiles} from "@operando/loaders/sims/manifest-files";
import {runPathProblem} from "@operando/loaders/sims/manifest-paths";
import {parseJsonStrictly} from "@operando/loaders/sims/manifest-json";
import {validateManifest, withoutUnknownKeys, type Manifest} from "@operando/loaders/sims/manifest";
import {loadRun, RunProblemsError, type RunTables} from "@operando/loaders/sims/run";
import {frameSpansOfManifest, frameSpansOfTable, framesOutsideRecord} from "@operando/loaders/sims/run-record";
import {truthProblems} from "@operando/loaders/sims/run-truth";
import {registerRegions, savedRegionDrifts, type RegionDrift} from "@operando/lib/imaging/drift";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {roisFromGeoJson, RoiFileError} from "@operando/lib/roi/geojson";
import type {Roi} from "@operando/lib/roi/types";
import {runRoles} from "@operando/lib/run/run-roles";
import type {FigureRoles} from "@operando/lib/run/figure-roles";
import {IMZML_FILE, ibdPathBeside} from "@operando/loaders/imzml/index";
import {runSpectrumTable} from "./run-spectrum.js";
import {tableToArrowStream, tableToParquet} from "@operando/loaders/table-output";
import {acquireLock} from "./lock-file.js";
import {RunFileError, RunFolder} from "./run-folder.js";
import {removeOnSignal} from "./write-atomic.js";

const {values: options} = parseArgs({options: {data: {type: "string"}, out: {type: "string"}}});
const dataDir = options.data ?? process.env.OPERANDO_DATA_DIR ?? "data";
const outputDir = options.out ?? process.env.OPERANDO_RUNS_DIR ?? "src/data/runs";
const RUN_NAME = /^[a-z0-9-]+$/;
/** Missing image files reported one by one up to this many, then counted. */
const MISSING_SHOWN = 20;

/** One problem of one run, as errors.json lists it and the command prints it (`error: <file>: <problem>`). */
interface BuildProblem {
  run: string;
  file: string;
  problem: string;
}

interface RunSummary {
  run: string;
  title: string;
  synthetic: boolean;
  sample: string;
}

/** The problems of one run, each naming its file as a path from the working folder. */
class RunReport {
  readonly problems: BuildProblem[] = [];
  constructor(readonly run: string, readonly runDir: string) {}

  add(file: string, problem: string): void {
    this.problems.push({run: this.run, file, problem: problem.replace(/[\r\n]+/g, " ")});
  }

  /** `relative` is a path in the run folder. */
  addInRun(relative: string, problem: string): void {
    this.add(join(this.runDir, relative), problem);
  }

  /** A loader's error: its message is `<file>: <format>: <problem>`; run-relative file names get the run folder. */
  addLoaderError(error: LoaderError): void {
    const file = error.file.startsWith(this.runDir) ? error.file : join(this.runDir, error.file);
    this.add(file, error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message);
  }

  addManifestError(file: string, error: ManifestError): void {
    for (const p of error.problems) this.add(file, `manifest: ${p.jsonPath}: ${p.message}`);
  }
}

/** Parses a JSON file of the run, reporting a syntax error or a duplicate key with its line. */
function parseJson(report: RunReport, relative: string, text: string): unknown {
  const result = parseJsonStrictly(text);
  if ("value" in result) return result.value;
  for (const p of result.problems) report.addInRun(relative, `${p.message}${p.line ? ` (line ${p.line})` : ""}`);
  return undefined;
}

async function readRunFile(report: RunReport, folder: RunFolder, relative: string): Promise<Uint8Array | undefined> {
  try {
    return await folder.read(relative);
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    report.addInRun(relative, error.problem);
    return undefined;
  }
}

interface CheckedRun {
  manifest: Manifest;
  manifestText: string;
  tables: RunTables;
  cycling: Table;
  rois?: Uint8Array;
  truth?: Uint8Array;
  roles: FigureRoles;
  spectrum: Table;
  drifts: RegionDrift[];
}

/** Every check of a run, in one round: manifest, files, ROI file, truth, potentiostat file, images, frame times. */
async function checkRun(report: RunReport, folder: RunFolder, log: (message: string) => void): Promise<CheckedRun | undefined> {
  const manifestFile = join(report.runDir, "manifest.json");
  const manifestBytes = await readRunFile(report, folder, "manifest.json");
  if (!manifestBytes) return undefined;
  const manifestText = new TextDecoder().decode(manifestBytes);
  const value = parseJson(report, "manifest.json", manifestText);
  if (value === undefined) return undefined;

  let manifest: Manifest | undefined;
  try {
    manifest = validateManifest(value, manifestFile);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    report.addManifestError(manifestFile, error);
    // A manifest whose only problems are unknown keys can still have its files checked in this round.
    try {
      manifest = validateManifest(withoutUnknownKeys(value), manifestFile);
    } catch {
      manifest = undefined;
    }
  }
  const declared = (value as {run?: unknown}).run;
  if (typeof declared === "string" && declared !== report.run) report.add(manifestFile, `manifest: /run: "${declared}" is not the name of its folder, "${report.run}"`);

  // Paths that leave the folder as text were reported with the manifest; the others are resolved here.
  let missingImages = 0;
  const unreadable = new Set<string>();
  for (const file of manifestFiles(value)) {
    if (unreadable.has(file.path) || runPathProblem(file.path)) continue;
    try {
      await folder.resolve(file.path);
    } catch (error) {
      if (!(error instanceof RunFileError)) throw error;
      unreadable.add(file.path);
      if (file.role === "image" && ++missingImages > MISSING_SHOWN) continue;
      report.addInRun(file.path, `${error.problem} (${file.what})`);
    }
  }
  if (missingImages > MISSING_SHOWN) report.add(manifestFile, `and ${missingImages - MISSING_SHOWN} more image files cannot be read`);
  const readable = (path: string) => !unreadable.has(path) && !runPathProblem(path);

  const regionIds = manifest?.regions.map((r) => r.id) ?? [];
  let truth: Uint8Array | undefined;
  if (await folder.has("truth/truth.json")) {
    truth = await readRunFile(report, folder, "truth/truth.json");
    const parsed = truth && parseJson(report, "truth/truth.json", new TextDecoder().decode(truth));
    if (parsed !== undefined && manifest) for (const problem of truthProblems(parsed, regionIds)) report.addInRun("truth/truth.json", problem);
  }
  let rois: Uint8Array | undefined;
  let parsedRois: Roi[] = [];
  if (manifest?.rois && readable(manifest.rois) && (rois = await readRunFile(report, folder, manifest.rois))) {
    const parsed = parseJson(report, manifest.rois, new TextDecoder().decode(rois));
    try {
      if (parsed !== undefined) parsedRois = roisFromGeoJson(parsed, regionIds);
    } catch (error) {
      if (!(error instanceof RoiFileError)) throw error;
      for (const problem of error.problems) report.addInRun(manifest.rois, `ROI file: ${problem}`);
    }
  }
  if (!manifest) return undefined;

  let cycling: Table | undefined;
  const potentiostat = manifest.potentiostat;
  if (!potentiostat) {
    report.add(manifestFile, "manifest: /potentiostat: missing; the pages place every frame on the cycling record");
  } else if (readable(potentiostat.file)) {
    const bytes = await readRunFile(report, folder, potentiostat.file);
    const cyclingFile = join(report.runDir, potentiostat.file);
    try {
      if (bytes) cycling = parseCyclingFile(bytes, cyclingFile, {timeZone: potentiostat.timeZone ?? manifest.timeZone});
    } catch (error) {
      if (!(error instanceof LoaderError)) throw error;
      report.addLoaderError(error);
    }
  }
  // The images are read even when some are missing (those are reported above, not again), so that every
  // image's problem comes in this round.
  let tables: RunTables | undefined;
  try {
    tables = await loadRun(manifest, (path) => folder.read(path), {onProgress: log, manifestFile});
  } catch (error) {
    const missing = (p: LoaderError) => [...unreadable].some((path) => p.file === path);
    if (error instanceof RunProblemsError) error.problems.filter((p) => !missing(p)).forEach((p) => report.addLoaderError(p));
    else if (error instanceof ManifestError) report.addManifestError(manifestFile, error);
    else if (error instanceof LoaderError) report.addLoaderError(error);
    else throw error;
  }
  if (cycling) {
    const spans = tables ? frameSpansOfTable(tables.frames) : frameSpansOfManifest(manifest);
    for (const problem of framesOutsideRecord(manifest, spans, cycling)) report.add(manifestFile, `manifest: ${problem}`);
  }
  let spectrum: Table | undefined;
  if (manifest.spectrum && readable(manifest.spectrum)) {
    const isImzml = IMZML_FILE.test(manifest.spectrum);
    try {
      spectrum = await runSpectrumTable({path: await folder.resolve(manifest.spectrum), ibdPath: isImzml ? await folder.resolve(ibdPathBeside(manifest.spectrum)) : undefined});
    } catch (error) {
      if (error instanceof LoaderError) report.addLoaderError(error);
      else if (error instanceof RunFileError) report.addInRun(error.file, error.problem);
      else throw error;
    }
  }
  if (!tables || !cycling) return undefined;
  const roles = runRoles(manifest, tables.images, parsedRois);
  for (const problem of roles.problems) report.add(manifestFile, `manifest: ${problem.jsonPath}: ${problem.message}`);
  if (report.problems.length > 0) return undefined;
  log("registering frames");
  let drifts: RegionDrift[];
  try {
    drifts = registerRegions(stacksFromTables(tables.images, tables.pixels), "total", {manualDriftPx: manifest.registration?.manualDriftPx, registrationOff: manifest.registration?.off});
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    report.add(manifestFile, `manifest: /registration: ${error.message}`);
    return undefined;
  }
  // Registration says when it is unsure; the pages that use the drift say so too.
  for (const d of drifts) {
    for (const [frame, estimate] of d.byFrame) {
      if (!estimate.reliable) process.stderr.write(`\r\x1b[Kwarning: ${manifestFile}: region "${d.region}" frame ${frame}: ${estimate.reason}\n`);
    }
  }
  return {manifest, manifestText, tables, cycling, rois, truth, roles, drifts, spectrum: spectrum ?? (await runSpectrumTable(null))};
}

async function writeTable(folder: string, name: string, table: Table): Promise<void> {
  await writeFile(join(folder, `${name}.arrow`), tableToArrowStream(table));
  await writeFile(join(folder, `${name}.parquet`), tableToParquet(table, parquet));
}

/** Writes the run's output folder beside its place (named by this process), then swaps it in. */
async function writeRun(run: string, checked: CheckedRun, log: (message: string) => void): Promise<void> {
  const {tables: {frames, images, pixels}, cycling} = checked;
  const drift = savedRegionDrifts(checked.drifts);
  const partial = join(outputDir, `.${run}.${process.pid}.partial`);
  const previous = join(outputDir, `.${run}.${process.pid}.previous`);
  const forgetPartial = removeOnSignal(partial);
  const forgetPrevious = removeOnSignal(previous);
  await rm(partial, {recursive: true, force: true});
  await mkdir(partial, {recursive: true});
  await writeTable(partial, "frames", frames);
  await writeTable(partial, "images", images);
  await writeTable(partial, "pixels", pixels);
  await writeTable(partial, "cycling", cycling);
  await writeFile(join(partial, "manifest.json"), checked.manifestText);
  await writeFile(join(partial, "drift.json"), JSON.stringify(drift));
  // Pages read every part of a run from files that always exist: no ROI file is an empty collection, no truth null.
  await writeFile(join(partial, "rois.geojson"), checked.rois ?? JSON.stringify({type: "FeatureCollection", features: []}));
  await writeFile(join(partial, "truth.json"), checked.truth ?? "null");
  await writeFile(join(partial, "parts.json"), JSON.stringify({rois: checked.rois !== undefined, truth: checked.truth !== undefined, spectrum: checked.spectrum.numRows > 0}));
  await writeFile(join(partial, "roles.json"), JSON.stringify(checked.roles));
  await writeTable(partial, "spectrum", checked.spectrum);
  const target = join(outputDir, run);
  if (existsSync(target)) await rename(target, previous);
  await rename(partial, target);
  forgetPartial();
  await rm(previous, {recursive: true, force: true});
  forgetPrevious();
}

async function buildRun(run: string): Promise<RunSummary | BuildProblem[]> {
  const started = performance.now();
  const report = new RunReport(run, join(dataDir, run));
  const log = (message: string) => process.stderr.write(`\r\x1b[K${run}: ${message}`);
  let folder: RunFolder;
  try {
    folder = await RunFolder.open(report.runDir);
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    report.add(report.runDir, error.problem);
    return report.problems;
  }
  const checked = await checkRun(report, folder, log);
  if (!checked) {
    process.stderr.write(`\r\x1b[K${run}: left out of the site, ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}:\n`);
    for (const p of report.problems) process.stderr.write(`error: ${p.file}: ${p.problem}\n`);
    return report.problems;
  }
  await writeRun(run, checked, log);
  const {images, pixels} = checked.tables;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`\r\x1b[K${run}: ${images.numRows} images (${pixels.numRows} pixel rows), ${checked.cycling.numRows} cycling records in ${seconds} s\n`);
  const m = checked.manifest;
  return {run, title: m.title, synthetic: m.synthetic, sample: m.sample ?? ""};
}

/**
 * The run folders of the data folder: real folders with a manifest.json. A symbolic link, or a folder with a
 * manifest whose name cannot be a page path, is a problem of that name, not skipped in silence.
 */
async function runFolders(): Promise<{runs: string[]; problems: BuildProblem[]}> {
  const entries = await readdir(dataDir, {withFileTypes: true}).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${dataDir}: cannot list the data folder (${error.code})`);
  });
  const runs: string[] = [];
  const problems: BuildProblem[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dataDir, entry.name);
    if (entry.name.startsWith(".")) continue;
    if (entry.isSymbolicLink()) {
      problems.push({run: entry.name, file: path, problem: "is a symbolic link; a run folder must be a real folder inside the data folder (copy or move it there)"});
    } else if (entry.isDirectory() && existsSync(join(path, "manifest.json"))) {
      if (RUN_NAME.test(entry.name)) runs.push(entry.name);
      // make-dataset's folders in the making (<run>.tmp-<pid>, <run>.old-<pid>) are not runs yet.
      else if (!/\.(tmp|old)-\d+$/.test(entry.name)) {
        problems.push({run: entry.name, file: path, problem: "a run folder's name is its page path: use lower-case letters, digits and - only"});
      }
    }
  }
  for (const p of problems) process.stderr.write(`error: ${p.file}: ${p.problem}\n`);
  return {runs, problems};
}

async function main(): Promise<number> {
  await mkdir(outputDir, {recursive: true}).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${outputDir}: cannot create the output folder (${error.code})`);
  });
  const release = await acquireLock(join(outputDir, ".build-tables.lock"), "build of the tables");
  try {
    const {runs, problems} = await runFolders();
    if (runs.length === 0 && problems.length === 0) throw new Error(`${dataDir}: no run folder with a manifest.json`);
    const summaries: RunSummary[] = [];
    for (const run of runs) {
      const result = await buildRun(run);
      if (Array.isArray(result)) problems.push(...result);
      else summaries.push(result);
    }
    // Runs no longer built (removed, or left out for their problems) leave the site, and so do partial folders
    // of processes that were killed.
    const built = new Set(summaries.map((s) => s.run));
    for (const entry of await readdir(outputDir)) {
      if (!built.has(entry) && entry !== "index.json" && entry !== "errors.json" && entry !== ".build-tables.lock") {
        await rm(join(outputDir, entry), {recursive: true, force: true});
      }
    }
    await writeFile(join(outputDir, "index.json"), JSON.stringify(summaries, null, 2));
    await writeFile(join(outputDir, "errors.json"), JSON.stringify(problems, null, 2));
    if (problems.length === 0) return 0;
    const leftOut = new Set(problems.map((p) => p.run)).size;
    process.stderr.write(`${leftOut} run${leftOut === 1 ? "" : "s"} left out of the site for ${problems.length} problem${problems.length === 1 ? "" : "s"} (listed in ${join(outputDir, "errors.json")}); ${summaries.length} built\n`);
    return 1;
  } finally {
    await release();
  }
}

main().then((status) => process.exit(status), (error: Error) => {
  process.stderr.write(`\nerror: ${error.message.replace(/[\r\n]+/g, " ")}\n`);
  process.exit(2);
});
