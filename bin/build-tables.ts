// Converts every run in the data folder (a folder with manifest.json) into the tables the pages read:
// <out>/<run>/{frames,images,cycling,spectrum}.arrow with .parquet beside them (the counts are in no table here:
// `npm run export` writes them as Parquet for other tools); one file per frame of each stack in <out>/<run>/pixels/
// (what the pages fetch), with each particle region's segmentation and each region's PCA; the trends of the run's
// ROIs (roi-trends) and particles (particle-trends); the histogram of each stack's counts (count-histograms.json);
// the manifest, the ROI file and the truth when the run has them, parts.json saying which; the stage drift of every
// frame (registration is the slowest step of a page, and its result depends only on the images); <out>/index.json
// listing the runs built and <out>/errors.json listing the problems of the runs left out.
//
//   npx tsx bin/build-tables.ts [--data data] [--out src/data/runs]   (or OPERANDO_DATA_DIR, OPERANDO_RUNS_DIR)
//
// Every problem of a run is found in one round and printed as `error: <file>: <problem>`; a run with problems is
// left out and the others are built. Exit status: 0 when every run was built, 1 when runs were left out for
// their problems (the rest is written), 2 when nothing could be written. A run is written whole or not at all.
import {mkdir, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {gzip, gzipSync} from "node:zlib";
import {parseArgs, promisify} from "node:util";
import type {Table} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {driftLookup, driftSdLookup, savedRegionDrifts} from "@operando/lib/imaging/drift";
import {hasPulses, manifestPulses} from "@operando/lib/roi/dead-time-trend";
import type {RoiTrendRow} from "@operando/lib/roi/trend";
import {roiTrendTable} from "@operando/lib/roi/trend-table";
import {runRoiTrends} from "@operando/lib/run/roi-trends";
import {analyseRun, runObservations, type RunAnalysis} from "@operando/lib/run/analysis";
import {chargeDischargeCurve, type CurvePoint} from "@operando/lib/echem/curve";
import {curveTable} from "@operando/lib/echem/curve-table";
import {cyclingSeriesFromTable} from "@operando/lib/echem/series";
import {observationsJson} from "@operando/lib/run/observations-file";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {stackByFrame, stackCountsTable} from "@operando/lib/imaging/stack-file";
import {segmentRegisteredSum} from "@operando/lib/imaging/particles";
import {segmentationTables} from "@operando/lib/imaging/segmentation-file";
import {particleIdPrefix, particleTrendRows} from "@operando/lib/run/particles";
import {PAGE_BIN_FACTORS, stackCountHistogram} from "@operando/lib/imaging/count-histogram";
import {componentIons, regionComponents} from "@operando/lib/run/components";
import {componentFrameTable, componentsSummaryJson} from "@operando/lib/run/components-file";
import {componentsContext, noComponentsReason} from "@operando/lib/run/components-view";
import {tableToArrowStream, tableToParquet} from "@operando/loaders/table-output";
import {acquireLock} from "./lock-file.js";
import {checkRunFolder, runFolders, type CheckedRun, type RunProblem} from "./run-check.js";
import {removeOnSignal, swapFolderIn} from "./write-atomic.js";

const gzipAsync = promisify(gzip);
const {values: options} = parseArgs({options: {data: {type: "string"}, out: {type: "string"}}});
const dataDir = options.data ?? process.env.OPERANDO_DATA_DIR ?? "data";
const outputDir = options.out ?? process.env.OPERANDO_RUNS_DIR ?? "src/data/runs";

interface RunSummary {
  run: string;
  title: string;
  synthetic: boolean;
  sample: string;
}

async function writeTable(folder: string, name: string, table: Table): Promise<void> {
  await writeFile(join(folder, `${name}.arrow`), tableToArrowStream(table));
  await writeFile(join(folder, `${name}.parquet`), tableToParquet(table, parquet));
}

/** Writes the run's output folder beside its place (named by this process), then swaps it in. */
/**
 * One file per frame of each (region, ion) stack, `pixels/<k>-<frame>.arrow.gz`, listed in `pixels/index.json`
 * with its region, ion and frame, so that a page fetches only the images it draws: the frames of its figure
 * first, the rest when it needs them (the site serves the files as they are: observablehq.config.ts). Arrow IPC
 * compressed with gzip, which the browser decompresses itself (DecompressionStream): as small as Parquet with zstd
 * here (3.5 against 3.4 MB on the reference run) without the 6.5 MB of parquet-wasm on every page. Files are
 * numbered rather than named by the ion, whose id may hold characters a URL would have to escape.
 */
async function writeStackFiles(folder: string, stacks: ImageStack[]): Promise<void> {
  await mkdir(join(folder, "pixels"));
  const index = stacks.map((stack, k) => ({region: stack.region, ion: stack.ion, frames: stack.frames.map((frame) => ({frame, file: `${k}-${frame}.arrow.gz`}))}));
  // gzip runs on libuv's threads: up to four frames compress while the next is encoded (a fifth of the build when it was synchronous).
  const writing = new Set<Promise<void>>();
  for (const [k, stack] of stacks.entries()) {
    for (const [slot, frame] of stackByFrame(stack).entries()) {
      const written = gzipAsync(tableToArrowStream(stackCountsTable(frame))).then((bytes) => writeFile(join(folder, "pixels", index[k].frames[slot].file), bytes));
      writing.add(written);
      void written.then(() => writing.delete(written), () => undefined);
      if (writing.size >= 4) await Promise.race(writing);
    }
  }
  await Promise.all(writing);
  await writeFile(join(folder, "pixels", "index.json"), JSON.stringify(index));
}

/**
 * The particles of each region a page segments (roles.json, "particles"), segmented once here on the registered
 * sum of the region's marker ion: `pixels/segmentation-<k>.arrow.gz` (lib/imaging/segmentation-file.ts), listed in
 * `pixels/segmentations.json` with its region and ion, so that a page draws the particles without that ion's stack;
 * and every particle's trend on that ion (`particleTrendRows`), the rows of `particle-trends`.
 */
async function writeParticleFiles(folder: string, checked: CheckedRun): Promise<RoiTrendRow[]> {
  const drift = {driftPx: driftLookup(checked.drifts), driftSdPx: driftSdLookup(checked.drifts)};
  const index = checked.roles.particles.flatMap(({region, markerIon}, k) => {
    const stack = checked.stacks.find((s) => s.region === region && s.ion === markerIon);
    return stack ? [{region, ion: markerIon, file: `segmentation-${k}.arrow.gz`, sumFile: `registered-sum-${k}.arrow.gz`, backgroundFile: `particle-background-${k}.arrow.gz`, stack, prefix: particleIdPrefix(checked.roles.particles, k)}] : [];
  });
  const rows: RoiTrendRow[] = [];
  for (const {region, ion, file, sumFile, backgroundFile, stack, prefix} of index) {
    const {summed, segmentation} = segmentRegisteredSum(stack, (frame) => drift.driftPx(region, frame));
    const tables = segmentationTables({region, ion, pixelWidthUm: stack.pixelWidthUm, pixelHeightUm: stack.pixelHeightUm, summed, segmentation});
    await writeFile(join(folder, "pixels", file), gzipSync(tableToArrowStream(tables.labels)));
    await writeFile(join(folder, "pixels", sumFile), gzipSync(tableToArrowStream(tables.summed)));
    await writeFile(join(folder, "pixels", backgroundFile), gzipSync(tableToArrowStream(tables.background)));
    rows.push(...particleTrendRows(stack, segmentation, prefix, drift));
  }
  await writeFile(join(folder, "pixels", "segmentations.json"), JSON.stringify(index.map(({region, ion, file, sumFile, backgroundFile}) => ({region, ion, file, sumFile, backgroundFile}))));
  return rows;
}

/**
 * The PCA of every region with two ions or more besides the total-ion image, as its page shows it
 * (`regionComponents`), so that the page draws it without the region's stacks or the run's timeline
 * (lib/run/components-file.ts): the summary `pixels/components-<k>.json`, with the timeline around it
 * (`componentsContext` of `timeline`, the run as its pages read it), and each frame's scores
 * `pixels/components-<k>-<frame>.arrow.gz`; listed in `pixels/components.json` as
 * `[{region, file, frames: [{frame, file}]}]`, a region with no components as `{region, unfilled}` (why, in a sentence).
 */
async function writeComponentFiles(folder: string, checked: CheckedRun, timeline: RunAnalysis): Promise<void> {
  const driftPx = driftLookup(checked.drifts);
  const regions = [...new Set(checked.stacks.map((s) => s.region))];
  const index = [];
  for (const [k, region] of regions.entries()) {
    const unfilled = noComponentsReason(componentIons(checked.stacks, region));
    if (unfilled) {
      index.push({region, unfilled});
      continue;
    }
    const pca = regionComponents(checked.stacks, region, (frame) => driftPx(region, frame), "pca");
    await writeFile(join(folder, "pixels", `components-${k}.json`), componentsSummaryJson(pca, componentsContext(timeline, checked.tables.images, region)));
    const frames = pca.matrix.frames.map((frame) => ({frame, file: `components-${k}-${frame}.arrow.gz`}));
    for (const [slot, {file}] of frames.entries()) await writeFile(join(folder, "pixels", file), gzipSync(tableToArrowStream(componentFrameTable(pca, slot))));
    index.push({region, file: `components-${k}.json`, frames});
  }
  await writeFile(join(folder, "pixels", "components.json"), JSON.stringify(index));
}

/**
 * The trends of the run's own ROIs, the rows `npm run roi` writes for its ROI file with the build's drift, so
 * that the figure pages draw them without summing pixels (they sum again as a check). Particle ROIs of the file
 * are left out: the build's particles are those of the figure roles (`writeParticleFiles`).
 */
function buildTrends(checked: CheckedRun): RoiTrendRow[] {
  const rois = checked.parsedRois.filter((roi) => roi.kind !== "particle");
  return runRoiTrends(checked.stacks, rois, {driftPx: driftLookup(checked.drifts), driftSdPx: driftSdLookup(checked.drifts),
    pulsesPerPixel: hasPulses(checked.manifest) ? manifestPulses(checked.manifest) : undefined});
}

async function writeRun(run: string, checked: CheckedRun, log: (message: string) => void): Promise<void> {
  const {tables: {frames, images}, cycling} = checked;
  const drift = savedRegionDrifts(checked.drifts);
  const partial = join(outputDir, `.${run}.${process.pid}.partial`);
  const forgetPartial = removeOnSignal(partial);
  await rm(partial, {recursive: true, force: true});
  await mkdir(partial, {recursive: true});
  await writeTable(partial, "frames", frames);
  await writeTable(partial, "images", images);
  await writeTable(partial, "cycling", cycling);
  await writeCurveFiles(partial, cycling);
  // The frames on the cycling record, so that pages have them without the cycling table (lib/run/observations-file.ts).
  const observations = runObservations(cycling, frames, checked.manifest.potentiostat?.clockOffsetS);
  await writeFile(join(partial, "observations.json"), observationsJson(observations));
  await writeFile(join(partial, "manifest.json"), checked.manifestText);
  await writeFile(join(partial, "drift.json"), JSON.stringify(drift));
  // Pages read every part of a run from files that always exist: no ROI file is an empty collection, no truth null.
  await writeFile(join(partial, "rois.geojson"), checked.rois ?? JSON.stringify({type: "FeatureCollection", features: []}));
  await writeFile(join(partial, "truth.json"), checked.truth ?? "null");
  await writeFile(join(partial, "parts.json"), JSON.stringify({rois: checked.rois !== undefined, truth: checked.truth !== undefined, spectrum: checked.spectrum.numRows > 0}));
  await writeFile(join(partial, "roles.json"), JSON.stringify(checked.roles));
  await writeTable(partial, "spectrum", checked.spectrum);
  await writeStackFiles(partial, checked.stacks);
  await writeFile(join(partial, "count-histograms.json"), JSON.stringify(checked.stacks.flatMap((stack) =>
    PAGE_BIN_FACTORS.map((binFactor) => ({region: stack.region, ion: stack.ion, binFactor, ...stackCountHistogram(stack, binFactor)})))));
  // The run's timeline as its pages read it (src/components/run-files.ts timeline; no ROI is needed here).
  const timeline = analyseRun({manifest: JSON.parse(checked.manifestText), stacks: [], observations, drift});
  await writeComponentFiles(partial, checked, timeline);
  await writeTable(partial, "particle-trends", roiTrendTable(await writeParticleFiles(partial, checked)));
  await writeTable(partial, "roi-trends", roiTrendTable(buildTrends(checked)));
  await writePageCopies(partial);
  await swapFolderIn(partial, join(outputDir, run));
  forgetPartial();
}

/** Each cycle's charge–discharge curve, `curve-<cycle>.arrow` (lib/echem/curve-table.ts), for the pages that draw one cycle. */
async function writeCurveFiles(folder: string, cycling: Table): Promise<void> {
  const series = cyclingSeriesFromTable(cycling);
  // Every cycle of the record has a file, empty for a cycle with no charge or discharge.
  const byCycle = new Map([...new Set(series.cycle)].map((cycle) => [cycle, [] as CurvePoint[]]));
  for (const point of chargeDischargeCurve(series)) byCycle.get(point.cycle)!.push(point);
  for (const [cycle, points] of byCycle) await writeFile(join(folder, `curve-${cycle}.arrow`), tableToArrowStream(curveTable(points)));
}

/**
 * The gzip of every table and JSON file of the run's folder and of its pixels/ lists, beside it (`<file>.gz`): what
 * the pages fetch (src/components/run-files.ts), 3 to 13 times smaller, from any static host, whether or not it
 * compresses what it serves. The files themselves stay for other tools.
 */
async function writePageCopies(folder: string): Promise<void> {
  for (const dir of [folder, join(folder, "pixels")]) {
    for (const file of await readdir(dir)) {
      if (/\.(json|geojson|arrow)$/.test(file)) await writeFile(join(dir, `${file}.gz`), await gzipAsync(await readFile(join(dir, file))));
    }
  }
}

async function buildRun(run: string): Promise<RunSummary | RunProblem[]> {
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`\r\x1b[K${run}: ${message}`);
  const checked = await checkRunFolder(dataDir, run, log);
  if (Array.isArray(checked)) {
    process.stderr.write(`\r\x1b[K${run}: left out of the site, ${checked.length} problem${checked.length === 1 ? "" : "s"}:\n`);
    for (const p of checked) process.stderr.write(`error: ${p.file}: ${p.problem}\n`);
    return checked;
  }
  await writeRun(run, checked, log);
  const {images, pixels} = checked.tables;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // maxRSS is the process's peak so far (kB): with one run, the build's; with several, the largest run's or before.
  const peakGigabytes = (process.resourceUsage().maxRSS / 1e6).toFixed(1);
  process.stderr.write(`\r\x1b[K${run}: ${images.numRows} images (${pixels.numRows} pixel rows), ${checked.cycling.numRows} cycling records in ${seconds} s (peak memory so far ${peakGigabytes} GB)\n`);
  const m = checked.manifest;
  return {run, title: m.title, synthetic: m.synthetic, sample: m.sample ?? ""};
}

async function main(): Promise<number> {
  await mkdir(outputDir, {recursive: true}).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${outputDir}: cannot create the output folder (${error.code})`);
  });
  const release = await acquireLock(join(outputDir, ".build-tables.lock"), "build of the tables");
  try {
    const {runs, problems} = await runFolders(dataDir);
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
