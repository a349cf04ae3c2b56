/**
 * Parse throughput of the BioLogic readers: the largest fixture and a >= 200 MB file made by tiling its
 * records (written to the OS temp folder, removed afterwards), beside the time to just read the same bytes.
 * Run: npx tsx bench/echem.ts   (prints a markdown table; medians of 7 runs after 2 untimed warm-up runs)
 */
import {readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {parseCyclingFile} from "../loaders/echem/index.js";
import {parseMpr} from "../loaders/echem/mpr.js";
import {parseMpt} from "../loaders/echem/mpt.js";
import {readMprModules} from "../loaders/echem/mpr-modules.js";
import {SHARED_FIXTURES} from "../test/shared-fixtures.js";

const FIXTURES = `${SHARED_FIXTURES}potentiostat/biologic/`;
const RUNS = 7;
const WARM_UP_RUNS = 2;
const TARGET_BYTES = 200 * 1024 * 1024;
const TIME_ZONE = "Europe/Zurich";

function medianMs(run: () => unknown): number {
  for (let k = 0; k < WARM_UP_RUNS; k++) run(); // let the JIT compile the loops before timing
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The .mpr with its data records repeated until the file holds at least `targetBytes`. */
function tileMpr(bytes: Uint8Array, targetBytes: number): Uint8Array {
  const data = readMprModules(bytes, "tile.mpr").find((m) => m.shortName === "VMP data")!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows = view.getUint32(data.dataOffset, true);
  const recordsOffset = data.version >= 10 ? 0x3ef : data.version === 3 ? 0x196 : 0x195;
  const records = bytes.subarray(data.dataOffset + recordsOffset, data.dataOffset + data.dataLength);
  const copies = Math.ceil(targetBytes / records.length);
  const head = bytes.subarray(0, data.dataOffset + recordsOffset);
  const tail = bytes.subarray(data.dataOffset + data.dataLength);
  const out = new Uint8Array(head.length + records.length * copies + tail.length);
  out.set(head, 0);
  for (let c = 0; c < copies; c++) out.set(records, head.length + c * records.length);
  out.set(tail, head.length + records.length * copies);
  const outView = new DataView(out.buffer);
  outView.setUint32(data.dataOffset, rows * copies, true);
  const isNewLayout = view.getUint32(data.headerOffset + 41, true) === 0xffffffff;
  outView.setUint32(data.headerOffset + 41 + (isNewLayout ? 4 : 0), data.dataLength - records.length + records.length * copies, true);
  return out;
}

/** The .mpt with its data lines repeated until the file holds at least `targetBytes`. */
function tileMpt(bytes: Uint8Array, targetBytes: number): Uint8Array {
  const text = new TextDecoder("latin1").decode(bytes);
  const headerCount = Number(/Nb header lines : (\d+)/.exec(text)![1]);
  let position = 0;
  for (let line = 0; line < headerCount; line++) position = text.indexOf("\n", position) + 1;
  const lastBody = bytes.subarray(position);
  const body = lastBody[lastBody.length - 1] === 10 ? lastBody : Uint8Array.from([...lastBody, 13, 10]);
  const copies = Math.ceil(targetBytes / body.length);
  const out = new Uint8Array(position + body.length * copies);
  out.set(bytes.subarray(0, position), 0);
  for (let c = 0; c < copies; c++) out.set(body, position + c * body.length);
  return out;
}

interface Row {
  file: string;
  sizeMb: number;
  readMs: number;
  columnsMs: number;
  tableMs: number;
}

function measure(label: string, path: string, parseColumns: (bytes: Uint8Array) => unknown): Row {
  const bytes = new Uint8Array(readFileSync(path));
  const name = path.split("/").pop()!;
  return {
    file: label,
    sizeMb: bytes.length / 1e6,
    readMs: medianMs(() => readFileSync(path)),
    columnsMs: medianMs(() => parseColumns(bytes)),
    tableMs: medianMs(() => parseCyclingFile(bytes, name, {timeZone: TIME_ZONE}))
  };
}

const rows: Row[] = [];
const mprFixture = `${FIXTURES}bcd.issue_241.mpr`;
const mptFixture = `${FIXTURES}bcd.issue_241.mpt`;
rows.push(measure("bcd.issue_241.mpr (largest .mpr fixture)", mprFixture, (b) => parseMpr(b, "x.mpr")));
rows.push(measure("bcd.issue_241.mpt (largest .mpt fixture)", mptFixture, (b) => parseMpt(b, "x.mpt")));
const tiledMpr = join(tmpdir(), `echem-bench-${process.pid}.mpr`);
const tiledMpt = join(tmpdir(), `echem-bench-${process.pid}.mpt`);
try {
  writeFileSync(tiledMpr, tileMpr(new Uint8Array(readFileSync(mprFixture)), TARGET_BYTES));
  rows.push(measure(`bcd tiled .mpr (${(statSync(tiledMpr).size / 1e6).toFixed(0)} MB)`, tiledMpr, (b) => parseMpr(b, "x.mpr")));
  rmSync(tiledMpr);
  writeFileSync(tiledMpt, tileMpt(new Uint8Array(readFileSync(mptFixture)), TARGET_BYTES));
  rows.push(measure(`bcd tiled .mpt (${(statSync(tiledMpt).size / 1e6).toFixed(0)} MB)`, tiledMpt, (b) => parseMpt(b, "x.mpt")));
} finally {
  rmSync(tiledMpr, {force: true});
  rmSync(tiledMpt, {force: true});
}

const rate = (mb: number, ms: number) => (mb / (ms / 1000)).toFixed(0);
const ratio = (readMs: number, ms: number) => `${((100 * readMs) / ms).toFixed(0)}%`;
console.log(`Node ${process.version}, medians of ${RUNS} runs after ${WARM_UP_RUNS} warm-up runs, files in the page cache; load average at the end ${loadavg()[0].toFixed(1)}.\n`);
console.log("Targets (issue 12): the .mpr to the Arrow cycling table at >= 30% of the read rate, the .mpt at >= 12%.\n");
console.log("| file | size (MB) | read bytes only (MB/s) | parse to typed columns (MB/s) | ratio to read | parse to the Arrow cycling table (MB/s) | ratio to read |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.file} | ${r.sizeMb.toFixed(1)} | ${rate(r.sizeMb, r.readMs)} | ${rate(r.sizeMb, r.columnsMs)} | ${ratio(r.readMs, r.columnsMs)} | ${rate(r.sizeMb, r.tableMs)} | ${ratio(r.readMs, r.tableMs)} |`);
}
