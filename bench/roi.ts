/**
 * ROI aggregation throughput: npx tsx bench/roi.ts [--sizes 1e6,1e7,1e8] [--runs 5]
 *
 * Stacks of 256 x 256 Uint16 frames, 8 ions, frames enough for 1M, 10M and 100M pixels; one ROI (a polygon
 * covering about 20% of the image) applied to every frame. Rates are pixels of the stack per second (the ROI
 * path reads only the ROI's rows, so it can beat a full scan). Medians of --runs timed runs in this process.
 * - plain sum: one loop over the whole Uint16Array, four accumulators (the practical limit of reading every pixel);
 * - TypeScript path: `sumSpans` per (ion, frame) over the ROI's row spans (what `roiTrends` does);
 * - DuckDB (node): `roiCountsSql` over the long pixels table (region, ion, frame, x, y, counts), in memory.
 * - DuckDB-WASM 1.29 in Node (blocking bindings, one thread), the same query, the table inserted as an Arrow IPC
 *   stream as a page does; only up to --wasm-max pixels (default 1e7: 100M rows need about 2.6 GB of WASM memory).
 * Then the ROI edit on the reference dataset: new polygon -> masks for every frame -> trend rows, in ms.
 */
import {execFileSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {Dictionary, Int8, Table, Uint16, Utf8, makeData, makeVector, vectorFromArray} from "apache-arrow";
import {duckdbWasmWithRun} from "../test/roi/duckdb-wasm.js";
import {loadRun} from "../loaders/sims/run.js";
import {driftLookup, driftSdLookup, registerRegions} from "../lib/imaging/drift.js";
import {stacksFromTables} from "../lib/imaging/stack.js";
import {roiFrameMasks, sumSpans, type RegionGrid, type RoiFrameMask} from "../lib/roi/aggregate.js";
import {rasteriseRings} from "../lib/roi/rasterise.js";
import {spanPixelCount} from "../lib/roi/spans.js";
import {roiCountsSql} from "../lib/roi/sql.js";
import {roiTrends} from "../lib/roi/trend.js";
import type {Ring} from "../lib/roi/types.js";

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const sizes = option("--sizes", "1e6,1e7,1e8").split(",").map(Number);
const runs = Number(option("--runs", "5"));
const wasmMax = Number(option("--wasm-max", "1e7"));
const [WIDTH, HEIGHT, IONS] = [256, 256, 8];
const grid = {width: WIDTH, height: HEIGHT, pixelWidthUm: 0.5, pixelHeightUm: 0.5};
/** An irregular polygon around the image centre, about 20% of the image. */
const ring: Ring = Array.from({length: 60}, (_, k) => {
  const angle = (2 * Math.PI * k) / 60;
  const r = 32 * (1 + 0.15 * Math.sin(5 * angle));
  return [64 + r * Math.cos(angle), 64 + r * Math.sin(angle)] as [number, number];
});
const counts = (ion: number, frame: number, x: number, y: number): number => (x * 7 + y * 13 + frame * 3 + ion * 5) % 17;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function time(f: () => number, repeat: number): {seconds: number; result: number} {
  let result = f(); // warm-up
  const seconds: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    result = f();
    seconds.push((performance.now() - start) / 1000);
  }
  return {seconds: median(seconds), result};
}
async function timeAsync(f: () => Promise<number>, repeat: number): Promise<{seconds: number; result: number}> {
  let result = await f();
  const seconds: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    result = await f();
    seconds.push((performance.now() - start) / 1000);
  }
  return {seconds: median(seconds), result};
}
const rate = (pixels: number, seconds: number): string => `${(pixels / seconds / 1e6).toFixed(0)} M`;

const spans = rasteriseRings([ring], grid);

function dictionary(names: string[], keys: Int8Array) {
  const type = new Dictionary(new Utf8(), new Int8());
  return makeVector(makeData({type, length: keys.length, data: keys, dictionary: vectorFromArray(names, new Utf8())}));
}
/** The long pixel table of the stacks, as the loader lays it out (dictionary strings, Uint16 numbers). */
function arrowPixels(stacks: Uint16Array[], framesPerIon: number): Table {
  const n = stacks.length * framesPerIon * WIDTH * HEIGHT;
  const [ion, frame, x, y, value] = [new Int8Array(n), new Uint16Array(n), new Uint16Array(n), new Uint16Array(n), new Uint16Array(n)];
  let row = 0;
  stacks.forEach((data, i) => {
    for (let k = 0; k < data.length; k++, row++) {
      ion[row] = i;
      frame[row] = Math.floor(k / (WIDTH * HEIGHT));
      y[row] = Math.floor((k % (WIDTH * HEIGHT)) / WIDTH);
      x[row] = k % WIDTH;
      value[row] = data[k];
    }
  });
  const u16 = (data: Uint16Array) => makeVector(makeData({type: new Uint16(), length: n, data}));
  return new Table({run: dictionary(["bench"], new Int8Array(n)), region: dictionary(["positive"], new Int8Array(n)),
    ion: dictionary(stacks.map((_, i) => `ion${i}`), ion), frame: u16(frame), x: u16(x), y: u16(y), counts: u16(value)});
}
function arrowImages(framesPerIon: number): Table {
  const n = IONS * framesPerIon;
  const ion = Int8Array.from({length: n}, (_, i) => Math.floor(i / framesPerIon));
  const frame = Uint16Array.from({length: n}, (_, i) => i % framesPerIon);
  return new Table({run: dictionary(["bench"], new Int8Array(n)), region: dictionary(["positive"], new Int8Array(n)),
    ion: dictionary(Array.from({length: IONS}, (_, i) => `ion${i}`), ion), frame: makeVector(makeData({type: new Uint16(), length: n, data: frame}))});
}
const roiShare = spanPixelCount(spans) / (WIDTH * HEIGHT);
const table: string[] = [
  `ROI: ${(100 * roiShare).toFixed(1)}% of each ${WIDTH} x ${HEIGHT} frame, ${spans.y.length} row spans; ${IONS} ions; medians of ${runs} runs.`,
  "",
  "| stack pixels | frames per ion | plain Uint16 sum (px/s) | TypeScript ROI spans (stack px/s) | same, ROI px/s | DuckDB node SQL (stack px/s) | DuckDB rows loaded in | DuckDB-WASM in Node (stack px/s) | sums agree |",
  "|---|---|---|---|---|---|---|---|---|"
];

for (const size of sizes) {
  const framesPerIon = Math.max(1, Math.round(size / (WIDTH * HEIGHT * IONS)));
  const frameSize = WIDTH * HEIGHT;
  const pixels = IONS * framesPerIon * frameSize;
  const stacks = Array.from({length: IONS}, (_, ion) => {
    const data = new Uint16Array(framesPerIon * frameSize);
    for (let f = 0; f < framesPerIon; f++) for (let y = 0; y < HEIGHT; y++) for (let x = 0; x < WIDTH; x++) data[f * frameSize + y * WIDTH + x] = counts(ion, f, x, y);
    return data;
  });
  const plain = time(() => {
    let [a, b, c, d] = [0, 0, 0, 0];
    for (const data of stacks) {
      for (let i = 0; i < data.length; i += 4) { // frame sizes are multiples of 4
        a += data[i];
        b += data[i + 1];
        c += data[i + 2];
        d += data[i + 3];
      }
    }
    return a + b + c + d;
  }, runs);
  const typescript = time(() => {
    let total = 0;
    for (const data of stacks) for (let f = 0; f < framesPerIon; f++) total += sumSpans(data, f * frameSize, spans);
    return total;
  }, runs);

  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const loadStart = performance.now();
  await connection.run(`CREATE TABLE pixels AS
    SELECT 'bench' AS run, 'positive' AS region, 'ion' || CAST(ion AS VARCHAR) AS ion, CAST(frame AS USMALLINT) AS frame,
      CAST(x AS USMALLINT) AS x, CAST(y AS USMALLINT) AS y, CAST((x * 7 + y * 13 + frame * 3 + ion * 5) % 17 AS USMALLINT) AS counts
    FROM (SELECT i // ${framesPerIon * frameSize} AS ion, (i // ${frameSize}) % ${framesPerIon} AS frame, (i % ${frameSize}) // ${WIDTH} AS y, i % ${WIDTH} AS x
          FROM range(${pixels}) t(i))`);
  await connection.run(`CREATE TABLE images AS SELECT DISTINCT run, region, ion, frame FROM pixels`);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const masks: RoiFrameMask[] = Array.from({length: framesPerIon}, (_, frame) => ({roi: "bench", region: "positive", frame, driftPx: [0, 0],
    spans, pixelCount: spanPixelCount(spans), areaUm2: spanPixelCount(spans) * 0.25, driftSdPx: 0, boundary: {index: new Int32Array(0), weight: new Float64Array(0)}}));
  const sql = roiCountsSql(masks);
  const duck = await timeAsync(async () => {
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    return rows.reduce((sum, r) => sum + Number(r.counts), 0);
  }, runs);
  connection.closeSync();
  let wasm = {seconds: NaN, result: typescript.result};
  if (pixels <= wasmMax) {
    const wasmConnection = await duckdbWasmWithRun({pixels: arrowPixels(stacks, framesPerIon), images: arrowImages(framesPerIon)});
    wasm = time(() => wasmConnection.query(sql).toArray().reduce((sum, r) => sum + Number(r.toJSON().counts), 0), runs);
    wasmConnection.close();
  }
  const agree = duck.result === typescript.result && wasm.result === typescript.result;
  table.push(`| ${(pixels / 1e6).toFixed(1)}M | ${framesPerIon} | ${rate(pixels, plain.seconds)} | ${rate(pixels, typescript.seconds)} | ${rate(pixels * roiShare, typescript.seconds)} | ${rate(pixels, duck.seconds)} | ${loadSeconds.toFixed(1)} s | ${Number.isNaN(wasm.seconds) ? "not run" : rate(pixels, wasm.seconds)} | ${agree ? "yes" : `NO (${duck.result} vs ${typescript.result})`} |`);
  process.stderr.write(`${pixels} pixels done\n`);
}

// An ROI edit on the reference dataset: masks for every frame and the trend rows of every ion of the region.
const reference = existsSync("data/reference/manifest.json") ? "data/reference" : join(mkdtempSync(join(tmpdir(), "roi-bench-")), "reference");
if (!existsSync(join(reference, "manifest.json"))) execFileSync("npx", ["tsx", "bin/make-dataset.ts", "--out", reference, "--quiet"], {stdio: "inherit"});
const manifest = JSON.parse(readFileSync(join(reference, "manifest.json"), "utf8"));
const tables = await loadRun(manifest, (path) => readFile(join(reference, path)));
const stacks = stacksFromTables(tables.images, tables.pixels);
const drifts = registerRegions(stacks);
const positive = stacks.find((s) => s.region === "positive")!;
const grids: RegionGrid[] = [{region: "positive", width: positive.width, height: positive.height, pixelWidthUm: positive.pixelWidthUm, pixelHeightUm: positive.pixelHeightUm, frames: positive.frames}];
let shift = 0;
const edit = time(() => {
  shift = (shift + 0.37) % 10;
  const polygon: Ring = [[20 + shift, 5], [45 + shift, 7], [40 + shift, 24], [22 + shift, 20]];
  const masks = roiFrameMasks([{kind: "polygon", name: "edited", region: "positive", polygons: [[polygon]]}], grids, driftLookup(drifts), new Map(), driftSdLookup(drifts));
  return roiTrends(stacks.filter((s) => s.region === "positive"), masks).length;
}, Math.max(runs, 9));
table.push("", `ROI edit on the reference dataset (one polygon, ${positive.frames.length} frames x ${stacks.filter((s) => s.region === "positive").length} ions, ` +
  `masks + registration term + exact intervals): ${(edit.seconds * 1000).toFixed(1)} ms (median), ${edit.result} rows.`);
console.log(table.join("\n"));
