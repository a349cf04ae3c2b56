// npx tsx --expose-gc bench/sims.ts [--frames 100] [--runs 5]
// 1. ASCII matrix parse throughput (512 x 512 images, counts of several magnitudes).
// 2. A run of <frames> frames x 8 ions of 512 x 512 pixels written as ASCII matrices into a temp folder
//    under /tmp, converted end to end by loadRun (files -> checked frames/images/pixels tables), then the
//    tables serialised as Arrow IPC streams (counted, not kept). The folder is removed afterwards.
// Prints a markdown table of medians; peak memory is the process's maximum resident set size.
import {mkdtemp, mkdir, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Writable} from "node:stream";
import {pipeline} from "node:stream/promises";
import {parseArgs} from "node:util";
import {RecordBatchStreamWriter, type Table} from "apache-arrow";
import {readAsciiImage} from "@operando/loaders/sims/read-ascii";
import {loadRun} from "@operando/loaders/sims/run";
import {writeAsciiImage} from "@operando/loaders/sims/write-ascii";

const {values: args} = parseArgs({options: {frames: {type: "string", default: "100"}, runs: {type: "string", default: "5"}}});
const frameCount = Number(args.frames);
const runCount = Math.max(5, Number(args.runs));
const SIZE = 512;
const IONS = ["6Li+", "7Li+", "16O-", "27Al+", "35Cl-", "58Ni+", "59Co+", "total"];

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson-ish counts: a smooth pattern of mean `meanCounts` with exponential scatter (cheap to draw). */
function ionImage(meanCounts: number, seed: number): Uint32Array {
  const random = seeded(seed);
  const data = new Uint32Array(SIZE * SIZE);
  for (let y = 0, i = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++, i++) {
      const pattern = 1 + 0.8 * Math.sin(x / 23 + seed) * Math.cos(y / 31);
      data[i] = Math.floor(-Math.log(1 - random()) * meanCounts * pattern);
    }
  }
  return data;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => bytes / 1e6;

const cpuSeconds = () => {
  const {user, system} = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Throughput by wall clock and by this process's CPU time (the machine is shared, so both are shown). */
function parseThroughput(label: string, text: string, values: "counts" | "any"): string {
  const bytes = new TextEncoder().encode(text);
  const repeats = Math.max(1, Math.ceil(30e6 / bytes.length));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runCount + 1; r++) {
    const [t0, c0] = [performance.now(), cpuSeconds()];
    for (let k = 0; k < repeats; k++) readAsciiImage(bytes, "bench.txt", {values});
    const [seconds, cpuUsed] = [(performance.now() - t0) / 1000, cpuSeconds() - c0];
    if (r === 0) continue; // the first run warms up the JIT
    wall.push(mb(bytes.length * repeats) / seconds);
    cpu.push(mb(bytes.length * repeats) / cpuUsed);
  }
  return `| ${label} | ${mb(bytes.length).toFixed(2)} MB | ${median(wall).toFixed(0)} MB/s | ${Math.min(...wall).toFixed(0)}-${Math.max(...wall).toFixed(0)} | ${median(cpu).toFixed(0)} MB/s |`;
}

async function ipcBytes(table: Table): Promise<number> {
  let bytes = 0;
  const writer = new RecordBatchStreamWriter();
  const done = pipeline(writer.toNodeStream(), new Writable({write(chunk: Buffer, _encoding, callback) {
    bytes += chunk.length;
    callback();
  }}));
  for (const batch of table.batches) {
    writer.write(batch);
    await new Promise((resolve) => setImmediate(resolve)); // let the stream drain batch by batch
  }
  writer.finish();
  await done;
  return bytes;
}

async function writeRun(folder: string): Promise<number> {
  let bytes = 0;
  const frames = [];
  const start = Date.UTC(2025, 5, 2, 0, 0, 0);
  for (let f = 0; f < frameCount; f++) {
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + "Z";
    frames.push({index: f, region: "positive", start: iso(start + f * 1800_000), end: iso(start + f * 1800_000 + 1600_000)});
    await mkdir(join(folder, "sims", `f${String(f).padStart(2, "0")}`), {recursive: true});
    for (const [k, ion] of IONS.entries()) {
      const text = writeAsciiImage({data: ionImage([0.3, 2, 5, 12, 1, 30, 8, 60][k], f * 8 + k), width: SIZE, height: SIZE}, {ion, region: "positive", fieldOfViewUm: [100, 100]});
      bytes += text.length;
      await writeFile(join(folder, "sims", `f${String(f).padStart(2, "0")}`, `${ion}.txt`), text);
    }
  }
  const manifest = {
    schema: "operando-notebook/manifest@1", run: "bench", title: "Benchmark run", synthetic: true, timeZone: "UTC",
    regions: [{id: "positive", fieldOfViewUm: [100, 100], pixels: [SIZE, SIZE]}],
    ions: IONS.map((id) => ({id, regions: ["positive"]})), frames, images: {pattern: "sims/f{frame}/{ion}.txt"}
  };
  await writeFile(join(folder, "manifest.json"), JSON.stringify(manifest));
  return bytes;
}

async function main(): Promise<void> {
  console.log(`## ASCII matrix parse (512 x 512, tab-separated), median of ${runCount} runs of >= 30 MB each\n`);
  console.log("| image | file size | median (wall clock) | range | median (per CPU second) |\n|---|---|---|---|---|");
  console.log(parseThroughput("counts mean 0.3 (mostly 0/1)", writeAsciiImage({data: ionImage(0.3, 1), width: SIZE, height: SIZE}, {}), "counts"));
  console.log(parseThroughput("counts mean 30", writeAsciiImage({data: ionImage(30, 2), width: SIZE, height: SIZE}, {}), "counts"));
  console.log(parseThroughput("counts mean 3000", writeAsciiImage({data: ionImage(3000, 3), width: SIZE, height: SIZE}, {}), "counts"));
  const shortDecimals = Float64Array.from(ionImage(30, 4), (v) => Math.round((v / 7) * 100) / 100);
  console.log(parseThroughput("2-place decimals, decimal comma, `;`", writeAsciiImage({data: shortDecimals, width: SIZE, height: SIZE}, {}, {separator: ";", decimalComma: true}), "any"));
  const longDecimals = Float64Array.from(ionImage(30, 5), (v) => v / 7);
  console.log(parseThroughput("17-digit decimals (checked slow path)", writeAsciiImage({data: longDecimals, width: SIZE, height: SIZE}, {}), "any"));

  const folder = await mkdtemp(join(tmpdir(), "operando-sims-bench-"));
  try {
    const t0 = performance.now();
    const fileBytes = await writeRun(folder);
    const writeSeconds = (performance.now() - t0) / 1000;
    const manifest = JSON.parse(await readFile(join(folder, "manifest.json"), "utf8"));
    const loadSeconds: number[] = [];
    const loadCpuSeconds: number[] = [];
    const ipcSeconds: number[] = [];
    let summary = "";
    for (let r = 0; r < runCount; r++) {
      const [t1, c1] = [performance.now(), cpuSeconds()];
      const tables = await loadRun(manifest, async (path) => new Uint8Array(await readFile(join(folder, path))));
      loadSeconds.push((performance.now() - t1) / 1000);
      loadCpuSeconds.push(cpuSeconds() - c1);
      const t2 = performance.now();
      const ipc = (await ipcBytes(tables.frames)) + (await ipcBytes(tables.images)) + (await ipcBytes(tables.pixels));
      ipcSeconds.push((performance.now() - t2) / 1000);
      (globalThis as {gc?: () => void}).gc?.(); // with --expose-gc: count only what the tables hold
      const heapMb = mb(process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
      summary = `${tables.pixels.numRows.toLocaleString("en-US")} pixel rows (${tables.pixels.schema.fields.map((f) => `${f.name} ${f.type}`).join(", ")}); IPC ${mb(ipc).toFixed(0)} MB; heap + array buffers with the tables alive ${heapMb.toFixed(0)} MB`;
    }
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(`\n## Run of ${frameCount} frames x ${IONS.length} ions x ${SIZE} x ${SIZE} (ASCII matrices, ${mb(fileBytes).toFixed(0)} MB on disk, written in ${writeSeconds.toFixed(0)} s)\n`);
    console.log("| step | median | range |\n|---|---|---|");
    console.log(`| loadRun: read + parse + check + build tables | ${median(loadSeconds).toFixed(2)} s (${(mb(fileBytes) / median(loadSeconds)).toFixed(0)} MB/s of files; CPU ${median(loadCpuSeconds).toFixed(2)} s) | ${Math.min(...loadSeconds).toFixed(2)}-${Math.max(...loadSeconds).toFixed(2)} s |`);
    console.log(`| Arrow IPC stream of frames + images + pixels | ${median(ipcSeconds).toFixed(2)} s | ${Math.min(...ipcSeconds).toFixed(2)}-${Math.max(...ipcSeconds).toFixed(2)} s |`);
    console.log(`\n${summary}. Peak memory (max RSS of the process over all runs): ${maxRssMb.toFixed(0)} MB.`);
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}

await main();
