/**
 * ROI aggregation in DuckDB-WASM 1.29.0 inside Debian's Chromium, the engine the pages use:
 * npx tsx bench/roi-wasm.ts [--sizes 1e6,1e7,1e8] [--runs 5]
 *
 * For each size, the benchmark run of bench/workloads/roi-run.ts (256 x 256 frames, 8 ions, the loader's `images` and
 * `pixels` tables built by `buildRunTables`, a 20% polygon ROI registered to every frame with its own drift) is
 * written as Arrow IPC streams, fetched by a fresh page and inserted with `insertArrowFromIPCStream` as a page
 * does; then the page runs the ROI query (registration term included) in its two forms, each in a fresh page, and
 * the summed counts must equal the TypeScript total: `roiCountsQuery` over the masks inserted as the four Arrow
 * tables of lib/roi/mask-tables.ts (what the pages run), and `roiCountsSql`, the masks written into the query.
 * Prints a markdown table: medians of --runs timed runs after one warm-up, rates in stack pixels (pixels x ions x
 * frames) per second.
 */
import {mkdir, rm, symlink, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {tableToIPC, type Table} from "apache-arrow";
import {launchChromium} from "../test/e2e/browser.js";
import {serveStatic} from "../test/e2e/static-server.js";
import {roiMaskTables} from "../lib/roi/mask-tables.js";
import {roiCountsQuery, roiCountsSql} from "../lib/roi/sql.js";
import {benchRun} from "./workloads/roi-run.js";

const root = "tmp/bench-wasm";
const npmDir = "src/.observablehq/cache/_npm/@duckdb/duckdb-wasm@1.29.0";

const pageScript = `
import * as duckdb from "./duckdb/_esm.js";
window.bench = async (tables, sql, repeats) => {
  const url = (path) => new URL(path, location.href).href;
  const worker = new Worker(url("./duckdb/dist/duckdb-browser-eh.worker.js"));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(url("./duckdb/dist/duckdb-eh.wasm"));
  const c = await db.connect();
  const loadStart = performance.now();
  for (const name of tables) {
    const bytes = new Uint8Array(await (await fetch(url(name + ".arrow"))).arrayBuffer());
    await c.insertArrowFromIPCStream(bytes, {name});
  }
  const loadMs = performance.now() - loadStart;
  const total = async () => (await c.query(sql)).toArray().reduce((sum, r) => sum + Number(r.counts), 0);
  let counts = await total();
  const times = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    counts = await total();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  await c.close(); await db.terminate();
  return {counts, loadMs, medianMs: times[Math.floor(times.length / 2)]};
};
`;

export interface WasmCase {
  label: string;
  tables: Record<string, Table>;
  sql: string;
}

/** Runs each case in a fresh page (DuckDB-WASM cannot load a second large table in one page, measured-here.md). */
export async function measureInChromium(cases: Iterable<WasmCase>, repeats: number,
  report: (c: WasmCase, result: {counts: number; loadMs: number; medianMs: number}) => void): Promise<void> {
  await rm(root, {force: true, recursive: true});
  await mkdir(root, {recursive: true});
  await writeFile(join(root, "index.html"), `<!doctype html><script type="module" src="./bench.js"></script>`);
  await writeFile(join(root, "bench.js"), pageScript);
  await symlink(join(process.cwd(), npmDir), join(root, "duckdb"));
  const server = await serveStatic(root);
  const browser = await launchChromium();
  try {
    for (const c of cases) {
      for (const [name, table] of Object.entries(c.tables)) await writeFile(join(root, `${name}.arrow`), tableToIPC(table, "stream"));
      const page = await browser.newPage();
      await page.goto(`${server.origin}/index.html`);
      await page.waitForFunction(() => "bench" in window);
      const args = [Object.keys(c.tables), c.sql, repeats] as const;
      report(c, await page.evaluate((a) => (window as unknown as {bench: (...x: typeof a) => Promise<{counts: number; loadMs: number; medianMs: number}>}).bench(...a), args));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: string): string => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const sizes = option("--sizes", "1e6,1e7,1e8").split(",").map(Number);
  const repeats = Number(option("--runs", "5"));
  const expected = new Map<string, {stackPixels: number; roiCounts: number; rows: number}>();
  function* cases(): Generator<WasmCase> {
    for (const size of sizes) {
      const run = benchRun(size);
      expected.set(String(size), {stackPixels: run.stackPixels, roiCounts: run.roiCounts, rows: run.pixels.numRows});
      const tables = {images: run.images, pixels: run.pixels};
      yield {label: `${size} mask tables`, tables: {...tables, ...roiMaskTables(run.masks)}, sql: roiCountsQuery()};
      yield {label: `${size} inlined`, tables, sql: roiCountsSql(run.masks)};
    }
  }
  const lines = ["| stack pixels | pixel rows | query | DuckDB-WASM load (s) | query (median ms) | stack Mpx/s | equals TypeScript |", "|---:|---:|---|---:|---:|---:|---|"];
  await measureInChromium(cases(), repeats, (c, {counts, loadMs, medianMs}) => {
    const [size, form] = c.label.split(/ (.*)/);
    const {stackPixels, roiCounts, rows} = expected.get(size)!;
    const query = form === "inlined" ? "`roiCountsSql`, masks inlined" : "`roiCountsQuery`, masks as tables";
    lines.push(`| ${(stackPixels / 1e6).toFixed(1)}M | ${(rows / 1e6).toFixed(2)}M | ${query} | ${(loadMs / 1000).toFixed(1)} | ${medianMs.toFixed(1)} | ` +
      `${(stackPixels / medianMs / 1e3).toFixed(0)} | ${counts === roiCounts ? "yes" : `NO (${counts} vs ${roiCounts})`} |`);
    process.stderr.write(`${stackPixels} pixels done\n`);
  });
  console.log(lines.join("\n"));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
