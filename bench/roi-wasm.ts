// ROI aggregation in DuckDB-WASM 1.29.0 inside Debian's Chromium, at 1M, 10M and 100M pixels: the engine the
// pages use. The pixel table has the layout of the loaders' `pixels` table (small integer columns, sorted by
// ion, frame, y, x); the ROI is 20% of each 256 x 256 image, given as its (x, y) pixels; the query is the one
// lib/roi builds for the pages. Prints a markdown table (medians of 5 runs after one warm-up).
import {mkdir, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {launchChromium} from "../test/e2e/browser.js";
import {serveStatic} from "../test/e2e/static-server.js";

const root = "tmp/bench-wasm";
const npmDir = "src/.observablehq/cache/_npm/@duckdb/duckdb-wasm@1.29.0";

const pageScript = `
import * as duckdb from "./duckdb/_esm.js";
window.bench = async (pixels, repeats) => {
  const url = (path) => new URL(path, location.href).href;
  const worker = new Worker(url("./duckdb/dist/duckdb-browser-eh.worker.js"));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(url("./duckdb/dist/duckdb-eh.wasm"));
  const c = await db.connect();
  const side = 256, images = Math.round(pixels / (side * side));
  const ions = 8, frames = Math.ceil(images / ions);
  await c.query(\`CREATE TABLE pixels AS SELECT 'positive' AS region, (i // (\${frames} * 65536))::UTINYINT AS ion,
    ((i // 65536) % \${frames})::USMALLINT AS frame, ((i % 65536) // 256)::USMALLINT AS y, (i % 256)::USMALLINT AS x,
    (hash(i) % 40)::USMALLINT AS counts FROM range(\${images * 65536}) t(i)\`);
  // The ROI: a disc covering 20% of each image, as its pixels.
  await c.query(\`CREATE TABLE roi AS SELECT (i % 256)::USMALLINT AS x, (i // 256)::USMALLINT AS y FROM range(65536) t(i)
    WHERE ((i % 256) - 128) ** 2 + ((i // 256) - 128) ** 2 < 0.2 * 65536 / pi()\`);
  const query = "SELECT ion, frame, sum(counts)::BIGINT AS counts FROM pixels SEMI JOIN roi USING (x, y) WHERE region = 'positive' GROUP BY ion, frame";
  await c.query(query);
  const times = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await c.query(query);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const rows = Number((await c.query("SELECT count(*) AS n FROM pixels")).toArray()[0].n);
  await c.close(); await db.terminate();
  return {rows, medianMs: times[Math.floor(times.length / 2)]};
};
`;

async function main(): Promise<void> {
  await mkdir(root, {recursive: true});
  await writeFile(join(root, "index.html"), `<!doctype html><script type="module" src="./bench.js"></script>`);
  await writeFile(join(root, "bench.js"), pageScript);
  const {symlink, rm} = await import("node:fs/promises");
  await rm(join(root, "duckdb"), {force: true, recursive: true});
  await symlink(join(process.cwd(), npmDir), join(root, "duckdb"));
  const server = await serveStatic(root);
  const browser = await launchChromium();
  console.log("| pixels | DuckDB-WASM ROI sum (median ms) | Mpixels/s |\n|---:|---:|---:|");
  try {
    for (const pixels of [1e6, 1e7, 1e8]) {
      // A fresh page per size: DuckDB-WASM cannot load a second 100M-row table in one page (measured-here.md).
      const page = await browser.newPage();
      await page.goto(`${server.origin}/index.html`);
      await page.waitForFunction(() => "bench" in window);
      const {rows, medianMs} = await page.evaluate(([n, r]) => (window as any).bench(n, r), [pixels, 5] as const);
      console.log(`| ${rows.toLocaleString("en")} | ${medianMs.toFixed(1)} | ${(rows / medianMs / 1e3).toFixed(0)} |`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
