/**
 * ROI aggregation throughput: npx tsx bench/roi.ts [--sizes 1e6,1e7,1e8] [--runs 5] [--wasm-max 1e8]
 *
 * The benchmark run of bench/workloads/roi-run.ts: 256 x 256 Uint16 frames, 8 ions, frames enough for 1M, 10M and 100M
 * stack pixels (pixels x ions x frames); one polygon ROI of about 20% of the image registered to every frame with
 * its own drift (so every frame has its own mask), with the registration term. Rates are stack pixels per second
 * (the TypeScript path reads only the ROI's rows, so it can beat a full scan). Medians of --runs timed runs.
 * - plain sum: one loop over the whole Uint16Array, four accumulators (the practical limit of reading every pixel);
 * - TypeScript path: `sumSpans` per (ion, frame) over that frame's mask (what `roiTrends` does);
 * - DuckDB (node-api, 2 threads, in memory): `roiCountsSql` over the `pixels` table of docs/data-model.md
 *   (region_id, frame, y, x, line, one counts column per ion) created inside DuckDB by SQL (load time shown);
 * - DuckDB-WASM 1.29 in Node (blocking bindings, one thread), the same query, the loader's tables (built by
 *   `buildRunTables`) inserted as Arrow IPC streams as a page does; up to --wasm-max stack pixels.
 * Every engine's total must equal the TypeScript total ("sums agree").
 * Then the ROI edit on the reference dataset: new polygon -> masks for every frame -> trend rows, in ms.
 */
import {execFileSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {duckdbWasmWithRun} from "../test/roi/duckdb-wasm.js";
import {loadRun} from "../loaders/sims/run.js";
import {driftLookup, driftSdLookup, registerRegions} from "../lib/imaging/drift.js";
import {stacksFromTables} from "../lib/imaging/stack.js";
import {roiFrameMasks, sumSpans, type RegionGrid} from "../lib/roi/aggregate.js";
import {roiCountsSql} from "../lib/roi/sql.js";
import {roiTrends} from "../lib/roi/trend.js";
import type {Ring} from "../lib/roi/types.js";
import {benchRun, HEIGHT, IONS, ionName, WIDTH} from "./workloads/roi-run.js";

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const sizes = option("--sizes", "1e6,1e7,1e8").split(",").map(Number);
const runs = Number(option("--runs", "5"));
const wasmMax = Number(option("--wasm-max", "1e8"));

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

const table: string[] = [
  "| stack pixels | frames per ion | plain Uint16 sum (px/s) | TypeScript ROI spans (stack px/s) | same, ROI px/s | DuckDB node SQL (stack px/s) | DuckDB rows loaded in | DuckDB-WASM in Node (stack px/s) | sums agree |",
  "|---|---|---|---|---|---|---|---|---|"
];

for (const size of sizes) {
  const run = benchRun(size, {tables: size <= wasmMax});
  const {framesPerIon, stacks, masks, stackPixels: pixels} = run;
  const frameSize = WIDTH * HEIGHT;
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
    for (const data of stacks) for (const mask of masks) total += sumSpans(data, mask.frame * frameSize, mask.spans);
    return total;
  }, runs);

  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const loadStart = performance.now();
  // The loader's layout, made by SQL with the counts of bench/workloads/roi-run.ts (countsAt).
  const ionColumns = Array.from({length: IONS}, (_, ion) => `CAST((x * 7 + y * 13 + frame * 3 + ${ion * 5}) % 17 AS USMALLINT) AS ${ionName(ion)}`);
  await connection.run(`CREATE TABLE pixels AS
    SELECT CAST(0 AS UTINYINT) AS region_id, CAST(frame AS USMALLINT) AS frame, CAST(y AS UTINYINT) AS y, CAST(x AS UTINYINT) AS x,
      CAST(frame * ${HEIGHT} + y AS UINTEGER) AS line, ${ionColumns.join(", ")}
    FROM (SELECT i // ${frameSize} AS frame, (i % ${frameSize}) // ${WIDTH} AS y, i % ${WIDTH} AS x FROM range(${framesPerIon * frameSize}) t(i))`);
  await connection.run(`CREATE TABLE images AS SELECT 'bench' AS run, 'positive' AS region, CAST(0 AS UTINYINT) AS region_id, 'ion' || ion AS ion,
    CAST(frame AS USMALLINT) AS frame FROM range(${IONS}) a(ion), range(${framesPerIon}) b(frame)`);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const sql = roiCountsSql(masks);
  const duck = await timeAsync(async () => {
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    return rows.reduce((sum, r) => sum + Number(r.counts), 0);
  }, runs);
  connection.closeSync();
  let wasm = {seconds: NaN, result: run.roiCounts};
  if (size <= wasmMax) {
    const wasmConnection = await duckdbWasmWithRun({pixels: run.pixels, images: run.images});
    wasm = time(() => wasmConnection.query(sql).toArray().reduce((sum, r) => sum + Number(r.toJSON().counts), 0), runs);
    wasmConnection.close();
  }
  const agree = typescript.result === run.roiCounts && duck.result === run.roiCounts && wasm.result === run.roiCounts;
  table.push(`| ${(pixels / 1e6).toFixed(1)}M | ${framesPerIon} | ${rate(pixels, plain.seconds)} | ${rate(pixels, typescript.seconds)} | ${rate(pixels * run.roiShare, typescript.seconds)} | ${rate(pixels, duck.seconds)} | ${loadSeconds.toFixed(1)} s | ${Number.isNaN(wasm.seconds) ? "not run" : rate(pixels, wasm.seconds)} | ${agree ? "yes" : `NO (${duck.result}, ${wasm.result} vs ${typescript.result})`} |`);
  process.stderr.write(`${pixels} pixels done\n`);
}
table.unshift(`ROI: ${(100 * benchRun(1, {tables: false}).roiShare).toFixed(1)}% of each ${WIDTH} x ${HEIGHT} frame, registered to every frame; ${IONS} ions; medians of ${runs} runs.`, "");

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
