// A run of real size through the whole path (issue 13): the dataset command writes it, the build converts it into
// a site of its own (.test-sites/large-run, test/e2e/own-site.ts; its time and peak memory), and each figure page
// is loaded in headless Chromium: the time to its first figure painted (on the page's own clock) and the bytes of
// data it fetched, beside the same page of the small reference run (dist/, npm run build first) in the same run of
// the benchmark, and their ratio;
// the ceiling of the same page, the time to fetch and decompress the data files it fetched before its first figure
// (in a page that does nothing else), and the ratio to it; and the memory of the tab (its renderer's resident set).
//   LARGE_RUN="512x512 34 8" (pixels, frames, ions per region; default) or e.g. "512x512 100 8" for 420M pixels.
//   LARGE_RUN_REUSE=1 measures the pages of the site the last run built (.test-sites/large-run/dist), not building it.
import {execFileSync} from "node:child_process";
import {readFileSync, readdirSync} from "node:fs";
import {existsSync} from "node:fs";
import {join} from "node:path";
import {launchChromium} from "../test/e2e/browser.js";
import {buildOwnSite} from "../test/e2e/own-site.js";
import {serveStatic} from "../test/e2e/static-server.js";

const [pixels, frames, ions] = (process.env.LARGE_RUN ?? "512x512 34 8").split(" ");
if (!existsSync("dist/reference/figure-2.html")) throw new Error("run `npm run build` first (the reference run's pages are the baseline)");

const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(0);
const started = performance.now();
let datasetSeconds = "";
let tables = "";
const builtSite = ".test-sites/large-run/dist";
const reuse = process.env.LARGE_RUN_REUSE === "1" && existsSync(builtSite);
const largeDist = reuse ? builtSite : await buildOwnSite("large-run", (dataDir) => {
  const t = performance.now();
  execFileSync("node_modules/.bin/tsx", ["bin/make-dataset.ts", "--out", join(dataDir, "large"), "--pixels", pixels, "--frames", frames, "--ions", ions, "--no-expected", "--quiet"], {stdio: "inherit"});
  datasetSeconds = seconds(t);
}, (stderr, tableSeconds) => (tables = `build of the tables ${tableSeconds.toFixed(0)} s (${stderr.split(/[\r\n]/).filter((line) => line.includes("peak memory")).map((line) => line.replace(/\x1b\[K/g, "").trim()).join("; ")})`));
const [width, height] = pixels.split("x").map(Number);
if (!reuse) console.log(`Run: 2 regions x ${frames} frames x ${pixels} x ${ions} ions + total (${((2 * Number(frames) * width * height * (Number(ions) + 1)) / 1e6).toFixed(0)}M pixel values).`);
console.log(reuse ? `The site of the last run of this benchmark (${builtSite}), not built again.\n` : `Dataset command ${datasetSeconds} s; ${tables}; dataset, tables and site ${seconds(started)} s.\n`);

const pages = [
  {page: "figure-2", first: ".operando-image-grid svg"},
  {page: "figure-3", first: ".operando-image-grid svg"},
  {page: "figure-4", first: ".operando-image-grid svg"},
  {page: "heterogeneity", first: ".operando-particle-map svg"},
  {page: "components", first: ".operando-score-images svg"},
  {page: "explorer", first: ".operando-roi-editor svg"},
  // Its grids are drawn when they come into view: the first is scrolled to as soon as it is on the page.
  {page: "supporting", first: ".operando-lazy-panel[data-drawn=true] svg", scrollTo: ".operando-lazy-panel"}
];

/** The resident memory of Chromium's renderer processes (the one tab open), in MB, from /proc. */
function rendererMegabytes(): number {
  let kilobytes = 0;
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf-8").includes("--type=renderer")) continue;
      kilobytes += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf-8"))?.[1] ?? 0);
    } catch {
      // The process ended while it was read.
    }
  }
  return kilobytes / 1e3;
}

const browser = await launchChromium();
/**
 * Median over 3 loads, each in a fresh context (no cache): ms to the first figure, the data bytes fetched by then
 * and after, the tab's memory once the page is idle (the largest of the loads), and the ceiling: the median ms to
 * fetch and decompress the data files fetched before the first figure, in a blank page of the same site.
 */
async function measure(origin: string, path: string, first: string, scrollTo?: string): Promise<{ms: number; megabytes: number; ceilingMs: number; tabMegabytes: number}> {
  const times: number[] = [];
  const ceilings: number[] = [];
  let bytes = 0;
  let tabMegabytes = 0;
  for (let k = 0; k < 3; k++) {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    const page = await context.newPage();
    let fetched = 0;
    const beforeFirst: string[] = [];
    let drawn = false;
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!drawn && url.pathname.startsWith("/_file/data/")) beforeFirst.push(url.pathname);
    });
    page.on("requestfinished", (request) => {
      // A request that finishes as the context closes has no sizes to give: it came after the page was idle.
      if (new URL(request.url()).pathname.startsWith("/_file/data/")) request.sizes().then((sizes) => (fetched += sizes.responseBodySize), () => undefined);
    });
    // The page's own clock when the first figure is painted: seen by a MutationObserver as it enters the page, then
    // a task queued from the next frame callback (it runs once that frame is drawn), so that neither playwright's
    // polling nor its round trip to a busy page adds to it.
    await page.addInitScript((selector) => {
      const seen = window as unknown as {firstFigurePaintedMs?: number};
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (seen.firstFigurePaintedMs = performance.now())));
      });
      observer.observe(document, {childList: true, subtree: true, attributes: true});
    }, first);
    await page.goto(origin + path, {waitUntil: "commit"});
    if (scrollTo) await page.locator(scrollTo).first().scrollIntoViewIfNeeded({timeout: 120_000});
    await page.waitForSelector(first, {timeout: 120_000});
    drawn = true;
    times.push(await (await page.waitForFunction(() => (window as unknown as {firstFigurePaintedMs?: number}).firstFigurePaintedMs, undefined, {timeout: 120_000})).jsonValue() as number);
    await page.waitForLoadState("networkidle");
    bytes = fetched;
    tabMegabytes = Math.max(tabMegabytes, rendererMegabytes());
    await context.close();
    ceilings.push(await readCeilingMs(origin, beforeFirst));
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[1];
  return {ms: median(times), megabytes: bytes / 1e6, ceilingMs: median(ceilings), tabMegabytes};
}

/** ms to fetch the files (fresh context, no cache) and undo the gzip of those that are gzip, all at once. */
async function readCeilingMs(origin: string, paths: string[]): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/404.html`, {waitUntil: "load"}).catch(() => undefined);
  const ms = await page.evaluate(async (files) => {
    const started = performance.now();
    await Promise.all(files.map(async (file) => {
      const response = await fetch(file);
      const body = response.body!;
      const stream = file.endsWith(".gz") ? body.pipeThrough(new DecompressionStream("gzip")) : body;
      await new Response(stream).arrayBuffer();
    }));
    return performance.now() - started;
  }, paths);
  await context.close();
  return ms;
}

const reference = await serveStatic("dist");
const large = await serveStatic(largeDist);
try {
  console.log("| page | reference: first figure (ms) | data (MB) | large run: first figure (ms) | data (MB) | ÷ reference | large run: read ceiling (ms) | ÷ ceiling | tab memory (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const {page, first, scrollTo} of pages) {
    const small = await measure(reference.origin, `/reference/${page}`, first, scrollTo);
    const big = await measure(large.origin, `/large/${page}`, first, scrollTo);
    console.log(`| ${page} | ${small.ms.toFixed(0)} | ${small.megabytes.toFixed(1)} | ${big.ms.toFixed(0)} | ${big.megabytes.toFixed(1)} | ${(big.ms / small.ms).toFixed(1)} | ${big.ceilingMs.toFixed(0)} | ${(big.ms / big.ceilingMs).toFixed(1)} | ${big.tabMegabytes.toFixed(0)} |`);
  }
} finally {
  await browser.close();
  await reference.close();
  await large.close();
}
