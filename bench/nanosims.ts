// npx tsx bench/nanosims.ts [--runs 7]
// Reading the real NanoSIMS fixtures (big-endian 16-bit): readNanoSimsFile (header + images) and
// parseNanoSimsFile (+ the long table), in MB of file a second, beside a ceiling measured in the same run:
// decoding the same image bytes big-endian with one DataView loop into a Uint16Array.
import {readFileSync} from "node:fs";
import {parseArgs} from "node:util";
import {parseNanoSimsFile, readNanoSimsFile} from "@operando/loaders/nanosims/index";

const {values: args} = parseArgs({options: {runs: {type: "string", default: "7"}}});
const runCount = Math.max(5, Number(args.runs));
const FIXTURES = new URL("../../shared/fixtures/nanosims/", import.meta.url);
const FILES = ["OpenMIMS_doc_051117_05-32dRe-03b.im", "image sun.im"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** MB/s of `bytes` through `work`, repeated to about 100 MB a run; the first run warms the JIT and is dropped. */
function rate(bytes: Uint8Array, work: () => unknown): number {
  const repeats = Math.max(1, Math.ceil(100e6 / bytes.length));
  const rates: number[] = [];
  for (let r = 0; r <= runCount; r++) {
    const t0 = performance.now();
    for (let k = 0; k < repeats; k++) work();
    if (r > 0) rates.push((bytes.length * repeats) / 1e6 / ((performance.now() - t0) / 1000));
  }
  return median(rates);
}

function ceiling(bytes: Uint8Array, headerBytes: number): Uint16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + headerBytes, bytes.length - headerBytes);
  const out = new Uint16Array(view.byteLength / 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint16(2 * i, false);
  return out;
}

console.log("| file | size | ceiling: DataView decode (MB/s) | readNanoSimsFile (MB/s) | ratio | parseNanoSimsFile, long table (MB/s) | ratio |");
console.log("|---|---|---|---|---|---|---|");
for (const name of FILES) {
  const bytes = new Uint8Array(readFileSync(new URL(name, FIXTURES)));
  const {headerBytes} = readNanoSimsFile(bytes, name).header;
  const top = rate(bytes, () => ceiling(bytes, headerBytes));
  const read = rate(bytes, () => readNanoSimsFile(bytes, name));
  const table = rate(bytes, () => parseNanoSimsFile(bytes, name));
  console.log(`| ${name} | ${(bytes.length / 1e6).toFixed(2)} MB | ${top.toFixed(0)} | ${read.toFixed(0)} | ${(read / top).toFixed(2)} | ${table.toFixed(0)} | ${(table / top).toFixed(2)} |`);
}
