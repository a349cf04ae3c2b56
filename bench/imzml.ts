// node --expose-gc --import tsx bench/imzml.ts [--side 128] [--values 2500] [--runs 3]
// imzML -> ion images on a large generated pair: <side> x <side> pixels in processed mode, each spectrum
// <values> m/z values (64-bit floats, on one sqrt(m) grid as IONTOF writes) and 32-bit float counts,
// written with our writer into a temp folder under /tmp (removed afterwards; ~490 MB by default).
// Rates are MB of .ibd a second, beside reading the same bytes through the same file handle in the same
// run. The file was just written, so both read from the page cache: this measures the reader, not the disk.
import {mkdtemp, open, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {imzmlIonImages, openImzmlPair, pixelSums, readImzmlIndex, summedSpectrum} from "@operando/loaders/imzml/index";
import {ImzmlWriter} from "@operando/loaders/imzml/write";
import {openIbdFile} from "../bin/ibd-file.js";

const {values: args} = parseArgs({options: {side: {type: "string", default: "128"}, values: {type: "string", default: "2500"}, runs: {type: "string", default: "3"}}});
const side = Number(args.side);
const valueCount = Number(args.values);
const runCount = Number(args.runs);
const WINDOWS = [["6Li+", 6.015], ["7Li+", 7.016], ["16O-", 15.995], ["27Al+", 26.982], ["35Cl-", 34.969], ["58Ni+", 57.935], ["59Co+", 58.933], ["60Ni+", 59.931]]
  .map(([ion, massU]) => ({ion: ion as string, lowU: (massU as number) - 0.05, highU: (massU as number) + 0.05}));

const mb = (bytes: number) => bytes / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Measured<T> {
  result: T;
  seconds: number;
  /** Resident memory before the task (after a collection) and its peak during it, sampled every 10 ms (the reader yields at every piece read). */
  rssBeforeMb: number;
  peakRssMb: number;
}

async function measured<T>(task: () => Promise<T>): Promise<Measured<T>> {
  (globalThis as {gc?: () => void}).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    const result = await task();
    return {result, seconds: (performance.now() - t0) / 1000, rssBeforeMb: mb(before), peakRssMb: mb(Math.max(peak, process.memoryUsage().rss))};
  } finally {
    clearInterval(timer);
  }
}

/** A task on the .ibd through a file handle, as bin/convert.ts reads it. */
async function withIbd<T>(path: string, task: (ibd: Awaited<ReturnType<typeof openIbdFile>>["ibd"]) => Promise<T>): Promise<T> {
  const {ibd, close} = await openIbdFile(path);
  try {
    return await task(ibd);
  } finally {
    await close();
  }
}

async function writePair(folder: string): Promise<{xmlPath: string; ibdPath: string; ibdBytes: number}> {
  const grid = Float64Array.from({length: valueCount}, (_, i) => (1 + (i * 9) / valueCount) ** 2); // 1 to 100 u on a sqrt(m) grid
  const writer = new ImzmlWriter({mode: "processed", width: side, height: side, mzType: "float64", intensityType: "float32", pixelSize: {x: 0.5, y: 0.5, unit: "um"}});
  const ibdPath = join(folder, "bench.ibd");
  const handle = await open(ibdPath, "w");
  let ibdBytes = 0;
  let seed = 1;
  const intensity = new Float32Array(valueCount);
  try {
    const write = async (bytes: Uint8Array) => {
      await handle.write(bytes);
      ibdBytes += bytes.length;
    };
    await write(writer.start());
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        for (let i = 0; i < valueCount; i++) {
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          intensity[i] = seed >>> 28; // 0-15 counts
        }
        await write(writer.add({x, y, mzU: grid, intensity}));
      }
    }
  } finally {
    await handle.close();
  }
  const xmlPath = join(folder, "bench.imzML");
  await writeFile(xmlPath, writer.finish());
  return {xmlPath, ibdPath, ibdBytes};
}

/** The ceiling: the same bytes read through a file handle, 16 MB at a time into fresh buffers, as the reader does. */
async function plainRead(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    const {size} = await handle.stat();
    for (let offset = 0; offset < size; offset += 16 << 20) {
      const bytes = new Uint8Array(Math.min(16 << 20, size - offset));
      const {bytesRead} = await handle.read(bytes, 0, bytes.length, offset);
      if (bytesRead !== bytes.length) throw new Error(`short read at ${offset}`);
    }
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), "operando-imzml-bench-"));
  try {
    const t0 = performance.now();
    const {xmlPath, ibdPath, ibdBytes} = await writePair(folder);
    const xml = new Uint8Array(await readFile(xmlPath));
    console.log(`## imzML -> ion images: ${side} x ${side} pixels, processed, ${valueCount} m/z values (float64) + counts (float32) per spectrum`);
    console.log(`\n.ibd ${mb(ibdBytes).toFixed(0)} MB, XML ${mb(xml.length).toFixed(1)} MB, written in ${((performance.now() - t0) / 1000).toFixed(0)} s; ${WINDOWS.length} windows of ±0.05 u; median of ${runCount} runs.\n`);
    // A task may return the seconds of the part it times itself (the scan without the index).
    const steps: [string, number, (() => Promise<unknown>)][] = [
      ["plain read of the .ibd (16 MB pieces, file handle)", ibdBytes, () => plainRead(ibdPath)],
      ["XML -> index of spectra (saxes); MB/s of XML", xml.length, async () => readImzmlIndex(xml, xmlPath)],
      ["pixelSums on an opened file: .ibd -> 8 window sums + total per pixel", ibdBytes, () => withIbd(ibdPath, async (ibd) => {
        const file = await openImzmlPair(xml, xmlPath, ibd);
        const t0 = performance.now();
        await pixelSums(file, WINDOWS);
        return (performance.now() - t0) / 1000; // the scan alone, without the index
      })],
      ["imzmlIonImages end to end: XML + .ibd -> 8 ion images + total", ibdBytes, () => withIbd(ibdPath, (ibd) => imzmlIonImages(xml, xmlPath, ibd, WINDOWS))],
      ["summedSpectrum end to end (union of the m/z values)", ibdBytes, () => withIbd(ibdPath, async (ibd) => {
        const spectrum = await summedSpectrum(await openImzmlPair(xml, xmlPath, ibd));
        if (spectrum.mzU.length !== valueCount) throw new Error("the summed spectrum lost m/z values");
      })]
    ];
    const results = steps.map(() => [] as Measured<unknown>[]);
    for (let r = 0; r < runCount; r++) {
      for (const [k, [, , task]] of steps.entries()) results[k].push(await measured(task));
    }
    const seconds = (runs: Measured<unknown>[]) => median(runs.map((m) => (typeof m.result === "number" ? m.result : m.seconds)));
    const readRate = mb(ibdBytes) / seconds(results[0]);
    console.log("| step | median | rate | / plain read | RSS before -> peak |\n|---|---|---|---|---|");
    steps.forEach(([label, bytes], k) => {
      const rate = mb(bytes) / seconds(results[k]);
      const peak = Math.max(...results[k].map((m) => m.peakRssMb));
      const before = median(results[k].map((m) => m.rssBeforeMb));
      console.log(`| ${label} | ${seconds(results[k]).toFixed(2)} s | ${rate.toFixed(0)} MB/s | ${bytes === ibdBytes ? (rate / readRate).toFixed(2) : "-"} | ${before.toFixed(0)} -> ${peak.toFixed(0)} MB |`);
    });
    console.log(`\nProcess max RSS over the whole benchmark (including writing): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`);
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}

await main();
