// The dataset command and the build of a run's tables at real size (issue 13), each beside a ceiling measured in
// the same run of the benchmark: for the dataset command, writing the same bytes into the same number of files;
// for the build, reading every file of the run folder and a plain sum over its bytes. Rates are in pixel values a
// second (2 regions x frames x width x height x ions, as issue 13 counts them; the total-ion images are written
// besides) and in MB a second of the run's files.
//   BUILD_RUN="512x512 34 8" (pixels, frames, ions per region; default: 142M pixel values) or "512x512 100 8" (420M).
// The run and its tables are written under the OS temp folder and removed afterwards.
import {execFileSync, spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

const [pixels, frames, ions] = (process.env.BUILD_RUN ?? "512x512 34 8").split(" ");
const [width, height] = pixels.split("x").map(Number);
const pixelValues = 2 * Number(frames) * width * height * Number(ions);
const scratch = mkdtempSync(join(tmpdir(), "bench-build-"));

function filesUnder(folder: string): string[] {
  return readdirSync(folder, {recursive: true, encoding: "utf8"}).map((name) => join(folder, name)).filter((path) => statSync(path).isFile());
}

/** Seconds to write files of these sizes into a fresh folder (the dataset command's ceiling). */
function writeCeilingSeconds(sizes: number[]): number {
  const folder = join(scratch, "write-ceiling");
  mkdirSync(folder);
  const largest = new Uint8Array(Math.max(...sizes)).fill(48);
  const started = performance.now();
  sizes.forEach((size, k) => writeFileSync(join(folder, `${k}.txt`), largest.subarray(0, size)));
  const seconds = (performance.now() - started) / 1000;
  rmSync(folder, {recursive: true});
  return seconds;
}

/** Seconds to read every file and sum its bytes (the build's ceiling); the sum is returned so it is not skipped. */
function readCeilingSeconds(paths: string[]): {seconds: number; byteSum: number} {
  const started = performance.now();
  let byteSum = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    for (let i = 0; i < bytes.length; i++) byteSum += bytes[i];
  }
  return {seconds: (performance.now() - started) / 1000, byteSum};
}

const rate = (count: number, seconds: number) => (count / seconds / 1e6).toFixed(1);

try {
  const dataDir = join(scratch, "data");
  const runDir = join(dataDir, "large");
  let started = performance.now();
  execFileSync("node_modules/.bin/tsx", ["bin/make-dataset.ts", "--out", runDir, "--pixels", pixels, "--frames", frames, "--ions", ions, "--no-expected", "--quiet"], {stdio: "inherit"});
  const datasetSeconds = (performance.now() - started) / 1000;
  const runFiles = filesUnder(runDir);
  const sizes = runFiles.map((path) => statSync(path).size);
  const runBytes = sizes.reduce((sum, size) => sum + size, 0);
  const writeSeconds = writeCeilingSeconds(sizes);

  started = performance.now();
  const build = spawnSync("node_modules/.bin/tsx", ["bin/build-tables.ts", "--data", dataDir, "--out", join(scratch, "tables")], {encoding: "utf8"});
  const buildSeconds = (performance.now() - started) / 1000;
  if (build.status !== 0) throw new Error(`the build of the tables failed (status ${build.status}):\n${build.stderr}`);
  const peakMemory = /peak memory so far ([\d.]+ GB)/.exec(build.stderr)?.[1] ?? "not reported";
  const read = readCeilingSeconds(runFiles);

  console.log(`Run: 2 regions x ${frames} frames x ${pixels} x ${ions} ions = ${(pixelValues / 1e6).toFixed(0)}M pixel values (and the total-ion images), ${runFiles.length} files, ${(runBytes / 1e6).toFixed(0)} MB (byte sum ${read.byteSum}).\n`);
  console.log("| step | time (s) | M pixel values/s | MB/s of the run's files | ceiling | ceiling (MB/s) | ÷ ceiling | peak memory |\n|---|---:|---:|---:|---|---:|---:|---:|");
  console.log(`| dataset command | ${datasetSeconds.toFixed(1)} | ${rate(pixelValues, datasetSeconds)} | ${rate(runBytes, datasetSeconds)} | writing the same files | ${rate(runBytes, writeSeconds)} | ${(writeSeconds / datasetSeconds).toFixed(3)} | |`);
  console.log(`| build of the tables | ${buildSeconds.toFixed(1)} | ${rate(pixelValues, buildSeconds)} | ${rate(runBytes, buildSeconds)} | reading the files and summing their bytes | ${rate(runBytes, read.seconds)} | ${(read.seconds / buildSeconds).toFixed(3)} | ${peakMemory} |`);
} finally {
  rmSync(scratch, {recursive: true, force: true});
}
