/**
 * Writes the synthetic reference dataset (a run folder, docs/data-model.md) from the forward model in
 * lib/model/. Without options: data/reference (sample 1) and data/reference-s16 (sample 2, Figure S16).
 *
 *   npx tsx bin/make-dataset.ts [--out data/reference] [--sample 1|2] [--seed N] [--pixels 256x96]
 *     [--frames N] [--drift-um 0.5] [--counts-scale 1 | --noise 1] [--ions 4] [--pulses N] [--no-expected] [--imzml] [--quiet]
 *
 * --imzml: also an imzML export of every (region, frame), `sims/<region>/f<frame>.imzML` with its .ibd
 * (bin/imzml-export.ts): the same counts as the text exports, as spectra, with isotopes and a background.
 * --pulses N: primary pulses per pixel and frame; the detector then saturates (one ion of a mass per pulse,
 * lib/model/experiment.ts). Without it counts are Poisson and do not saturate.
 *
 * The same options give the same bytes. Each run is written into a temporary folder beside the target and
 * renamed into place at the end, so a failure leaves nothing half-written.
 */
import {closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from "node:fs";
import {basename, join, resolve} from "node:path";
import {tableToIPC} from "apache-arrow";
import {IONS} from "../lib/model/chemistry.js";
import {DEFAULT_OPTIONS, PROTOCOL, buildExperiment, type ExperimentOptions} from "../lib/model/experiment.js";
import {labelMaps} from "../lib/model/labels.js";
import {encodeWindows1252, writeGcplMpt} from "../lib/model/mpt-export.js";
import {POTENTIOSTAT_FILE, REGIONS, SPECTRUM_FILE, buildManifest, buildRois, buildTruth, type ImageTotal} from "../lib/model/run-files.js";
import {createRandom, deriveSeed} from "../lib/model/random.js";
import {COMPANION_ISOTOPES, modelSpectrum, spectrumText, type SpectrumPeak} from "../lib/model/spectrum.js";
import {ACQUISITION_START_LOCAL_MS, writeFileIn} from "./dataset-frames.js";
import {writeFramesOnThreads} from "./dataset-threads.js";
import {ExpectedStream, labelsTable} from "../lib/model/truth-tables.js";

interface RunRequest {
  out: string;
  options: ExperimentOptions;
  expected: boolean;
  quiet: boolean;
  imzml: boolean;
}

function fail(message: string): never {
  process.stderr.write(`make-dataset: ${message}\n`);
  process.exit(2);
}

function parseArguments(argv: string[]): RunRequest[] {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-expected" || arg === "--quiet" || arg === "--imzml") flags.add(arg);
    else if (arg.startsWith("--")) {
      const [key, inline] = arg.split("=", 2);
      const value = inline ?? argv[++i];
      if (value === undefined) fail(`${key} needs a value`);
      values.set(key, value);
    } else fail(`unexpected argument "${arg}"`);
  }
  const known = ["--out", "--sample", "--seed", "--pixels", "--frames", "--drift-um", "--counts-scale", "--noise", "--ions", "--pulses"];
  for (const key of values.keys()) if (!known.includes(key)) fail(`unknown option ${key} (known: ${known.join(", ")}, --no-expected, --imzml, --quiet)`);
  const number = (key: string, fallback: number, check: (v: number) => boolean) => {
    const text = values.get(key);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || !check(value)) fail(`${key} ${text} is not valid`);
    return value;
  };
  const pixels = values.get("--pixels") ?? `${DEFAULT_OPTIONS.width}x${DEFAULT_OPTIONS.height}`;
  const match = /^(\d+)x(\d+)$/.exec(pixels);
  if (!match || Number(match[1]) < 8 || Number(match[2]) < 8 || Number(match[1]) > 4096 || Number(match[2]) > 4096) fail(`--pixels ${pixels} is not WIDTHxHEIGHT (8..4096)`);
  if (values.has("--noise") && values.has("--counts-scale")) fail("give --noise or --counts-scale, not both");
  const noise = number("--noise", 1, (v) => v > 0);
  const base = {
    seed: number("--seed", DEFAULT_OPTIONS.seed, (v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32),
    width: Number(match[1]),
    height: Number(match[2]),
    frames: number("--frames", DEFAULT_OPTIONS.frames, (v) => Number.isInteger(v) && v >= 1 && v <= 999),
    driftStepUm: number("--drift-um", DEFAULT_OPTIONS.driftStepUm, (v) => v >= 0 && v <= 10),
    countsScale: number("--counts-scale", 1 / (noise * noise), (v) => v > 0 && v <= 1e4),
    ionsPerRegion: number("--ions", DEFAULT_OPTIONS.ionsPerRegion, (v) => Number.isInteger(v) && v >= 1 && v <= 8),
    pulsesPerPixel: values.has("--pulses") ? number("--pulses", 0, (v) => Number.isInteger(v) && v >= 1 && v <= 1e7) : undefined
  };
  const common = {expected: !flags.has("--no-expected"), quiet: flags.has("--quiet"), imzml: flags.has("--imzml")};
  const sampleText = values.get("--sample");
  if (sampleText !== undefined && sampleText !== "1" && sampleText !== "2") fail(`--sample ${sampleText} is not 1 or 2`);
  const out = values.get("--out");
  if (out === undefined && sampleText === undefined) {
    return [
      {out: "data/reference", options: {...base, sample: 1}, ...common},
      {out: "data/reference-s16", options: {...base, sample: 2}, ...common}
    ];
  }
  const sample = sampleText === "2" ? 2 : 1;
  return [{out: out ?? (sample === 1 ? "data/reference" : "data/reference-s16"), options: {...base, sample}, ...common}];
}

/** The spectrum's peaks: each imaged ion with the counts of its pristine images over both regions, and its companion isotopes. */
function spectrumPeaks(totals: ImageTotal[]): SpectrumPeak[] {
  const pristine = new Map<string, number>();
  for (const t of totals) if (t.frame === 0 && t.ion !== "total") pristine.set(t.ion, (pristine.get(t.ion) ?? 0) + t.totalCounts);
  return [...pristine].flatMap(([ion, counts]) => {
    const massU = [...IONS.positive, ...IONS.negative].find((i) => i.id === ion)!.massU;
    return [{massU, counts}, ...(COMPANION_ISOTOPES[ion] ?? []).map(([companionU, relative]) => ({massU: companionU, counts: counts * relative}))];
  });
}

async function writeRun(request: RunRequest, folder: string): Promise<void> {
  const startedMs = performance.now();
  const run = basename(resolve(request.out));
  const {options} = request;
  const experiment = buildExperiment(options);
  const acquisitionMs = ACQUISITION_START_LOCAL_MS[options.sample];
  const write = (path: string, content: string | Uint8Array) => writeFileIn(folder, path, content);
  const cycles = Math.max(...experiment.run.steps.map((s) => s.cycle)) + 1;
  const mpt = writeGcplMpt(experiment.run, experiment.cell, {acquisitionStartLocalMs: acquisitionMs, cycles, ...PROTOCOL, fileStem: `operando-sample${options.sample}_GCPL_C01`});
  write(POTENTIOSTAT_FILE, encodeWindows1252(mpt));
  write("manifest.json", JSON.stringify(buildManifest(experiment, run, acquisitionMs), null, 2) + "\n");
  write("rois.geojson", JSON.stringify(buildRois(experiment), null, 2) + "\n");
  mkdirSync(join(folder, "truth"), {recursive: true});
  write("truth/labels.arrow", tableToIPC(labelsTable(REGIONS.map((region) => ({region, labels: labelMaps(experiment.layouts[region], experiment.grid)})), options.width, options.height), "stream"));

  const ionOrder = [...new Set([...REGIONS.flatMap((r) => experiment.ions[r]), "total"])];
  const stream = new ExpectedStream({regions: REGIONS, ions: ionOrder, frames: experiment.points.length, width: options.width, height: options.height});
  const expectedFd = request.expected ? openSync(join(folder, "truth/expected.arrow"), "w") : undefined;
  const totals: ImageTotal[] = [];
  const tasks = experiment.points.flatMap((point) => REGIONS.map((region) => ({point: point.index, region})));
  try {
    await writeFramesOnThreads(experiment, {folder, options, expected: request.expected, imzml: request.imzml}, tasks, (k, written) => {
      const {point, region} = tasks[k];
      totals.push(...written.totals);
      for (const image of written.expected) writeSync(expectedFd!, stream.encode(region, image.ion, point, image.values));
      if (!request.quiet && region === REGIONS.at(-1)) {
        process.stderr.write(`make-dataset: ${run} frame ${point + 1}/${experiment.points.length} (${experiment.points[point].name}) ${((performance.now() - startedMs) / 1000).toFixed(1)} s\n`);
      }
    });
    if (expectedFd !== undefined) writeSync(expectedFd, stream.end());
  } finally {
    if (expectedFd !== undefined) closeSync(expectedFd);
  }
  write("truth/truth.json", JSON.stringify(buildTruth(experiment, run, acquisitionMs, totals), null, 2) + "\n");
  write(SPECTRUM_FILE, spectrumText(modelSpectrum(spectrumPeaks(totals), createRandom(deriveSeed(options.seed, "spectrum", options.sample)))));
}

/** Writes into `<out>.tmp-<pid>`, then swaps it into place. */
async function writeAtomically(request: RunRequest): Promise<void> {
  const target = resolve(request.out);
  const temporary = `${target}.tmp-${process.pid}`;
  const previous = `${target}.old-${process.pid}`;
  rmSync(temporary, {recursive: true, force: true});
  mkdirSync(temporary, {recursive: true});
  try {
    await writeRun(request, temporary);
    if (existsSync(target)) renameSync(target, previous);
    renameSync(temporary, target);
    rmSync(previous, {recursive: true, force: true});
  } catch (error) {
    rmSync(temporary, {recursive: true, force: true});
    throw error;
  }
}

const started = performance.now();
for (const request of parseArguments(process.argv.slice(2))) {
  await writeAtomically(request);
  if (!request.quiet) process.stderr.write(`make-dataset: wrote ${request.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
