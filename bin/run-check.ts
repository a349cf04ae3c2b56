// Finding the runs of a data folder and checking each whole before anything of it is written: the manifest, every
// file it names, the images, the ROI file, the truth, the potentiostat file and the frame times, then the frames'
// registration. The build of the tables (bin/build-tables.ts) and the export (bin/export.ts) read runs this way.
// Every problem of a run is found in one round, each as `{run, file, problem}` (printed `error: <file>: <problem>`).
import {existsSync} from "node:fs";
import {readdir} from "node:fs/promises";
import {join} from "node:path";
import type {Table} from "apache-arrow";
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
import {registrationProblems, type RegionDrift} from "@operando/lib/imaging/drift";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {roisFromGeoJson, RoiFileError} from "@operando/lib/roi/geojson";
import type {Roi} from "@operando/lib/roi/types";
import {runRoles} from "@operando/lib/run/run-roles";
import type {FigureRoles} from "@operando/lib/run/figure-roles";
import {IMZML_FILE, ibdPathBeside} from "@operando/loaders/imzml/index";
import {registerRegionsOnThreads} from "./registration-threads.js";
import {runSpectrumTable} from "./run-spectrum.js";
import {RunFileError, RunFolder} from "./run-folder.js";

const RUN_NAME = /^[a-z0-9-]+$/;
/** Missing image files reported one by one up to this many, then counted. */
const MISSING_SHOWN = 20;

/** One problem of one run, as errors.json lists it and the commands print it (`error: <file>: <problem>`). */
export interface RunProblem {
  run: string;
  file: string;
  problem: string;
}

/** The problems of one run, each naming its file as a path from the working folder. */
class RunReport {
  readonly problems: RunProblem[] = [];
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

export interface CheckedRun {
  manifest: Manifest;
  manifestText: string;
  tables: RunTables;
  cycling: Table;
  rois?: Uint8Array;
  /** The ROI file's shapes, checked against the regions ([] without an ROI file). */
  parsedRois: Roi[];
  truth?: Uint8Array;
  roles: FigureRoles;
  spectrum: Table;
  /** One dense stack per (region, ion), from the images and pixels tables. */
  stacks: ImageStack[];
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
  // No ROI file, or one read without a problem: the figure roles' ROI names can be checked against it.
  let roiFileRead = !manifest?.rois;
  if (manifest?.rois && readable(manifest.rois) && (rois = await readRunFile(report, folder, manifest.rois))) {
    const parsed = parseJson(report, manifest.rois, new TextDecoder().decode(rois));
    try {
      if (parsed !== undefined) {
        parsedRois = roisFromGeoJson(parsed, regionIds);
        roiFileRead = true;
      }
    } catch (error) {
      if (!(error instanceof RoiFileError)) throw error;
      for (const problem of error.problems) report.addInRun(manifest.rois, `ROI file: ${problem}`);
    }
  }
  if (!manifest) return undefined;

  // Drifts given by hand and regions turned off, checked against the manifest's frames in this round.
  const registration = {manualDriftPx: manifest.registration?.manualDriftPx, registrationOff: manifest.registration?.off};
  const regionFrames = manifest.regions.map((r) => ({region: r.id, frames: manifest!.frames.filter((f) => f.region === r.id).map((f) => f.index)}));
  for (const problem of registrationProblems(regionFrames, registration)) report.add(manifestFile, `manifest: ${problem.jsonPath}: ${problem.message}`);

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
    tables = await loadRun(manifest, (path) => folder.read(path), {onProgress: log, manifestFile, openFile: (path) => folder.open(path)});
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
  // Declared roles, checked in this round even when images could not be read; ROI names only against an ROI file that was read.
  const roles = runRoles(manifest, tables?.images, parsedRois);
  for (const problem of roles.problems) {
    if (roiFileRead || !/\/(rois|electrolyteRois)\//.test(problem.jsonPath)) report.add(manifestFile, `manifest: ${problem.jsonPath}: ${problem.message}`);
  }
  if (!tables || !cycling) return undefined;
  if (report.problems.length > 0) return undefined;
  const stacks = stacksFromTables(tables.images, tables.pixels);
  log("registering frames");
  const drifts: RegionDrift[] = await registerRegionsOnThreads(stacks, "total", registration);
  // Registration says when it is unsure; the pages that use the drift say so too.
  for (const d of drifts) {
    for (const [frame, estimate] of d.byFrame) {
      if (!estimate.reliable) process.stderr.write(`\r\x1b[Kwarning: ${manifestFile}: region "${d.region}" frame ${frame}: ${estimate.reason}\n`);
    }
  }
  return {manifest, manifestText, tables, cycling, rois, parsedRois, truth, roles, stacks, drifts, spectrum: spectrum ?? (await runSpectrumTable(null))};
}

/** Opens and checks the run `run` of `dataDir`: the run read into tables, or every problem of it (not printed). */
export async function checkRunFolder(dataDir: string, run: string, log: (message: string) => void): Promise<CheckedRun | RunProblem[]> {
  const report = new RunReport(run, join(dataDir, run));
  let folder: RunFolder;
  try {
    folder = await RunFolder.open(report.runDir);
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    report.add(report.runDir, error.problem);
    return report.problems;
  }
  return (await checkRun(report, folder, log)) ?? report.problems;
}

/**
 * The run folders of the data folder: real folders with a manifest.json. A symbolic link, or a folder with a
 * manifest whose name cannot be a page path, is a problem of that name, not skipped in silence.
 */
export async function runFolders(dataDir: string): Promise<{runs: string[]; problems: RunProblem[]}> {
  const entries = await readdir(dataDir, {withFileTypes: true}).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${dataDir}: cannot list the data folder (${error.code})`);
  });
  const runs: string[] = [];
  const problems: RunProblem[] = [];
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
