// A run of real size through the whole path (issue 13): the dataset command writes it, the build converts it into
// a site of its own (.test-sites/large-run, test/e2e/own-site.ts), and each figure page is loaded in headless
// Chromium, the time to its first figure and the bytes of data it fetched measured beside the same page of the
// small reference run (dist/, npm run build first) in the same run of the benchmark, and their ratio.
//   LARGE_RUN="512x512 34 8" (pixels, frames, ions per region; default) or e.g. "512x512 100 8" for 420M pixels.
import {execFileSync} from "node:child_process";
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
const largeDist = await buildOwnSite("large-run", (dataDir) => {
  const t = performance.now();
  execFileSync("node_modules/.bin/tsx", ["bin/make-dataset.ts", "--out", join(dataDir, "large"), "--pixels", pixels, "--frames", frames, "--ions", ions, "--no-expected", "--quiet"], {stdio: "inherit"});
  datasetSeconds = seconds(t);
});
const [width, height] = pixels.split("x").map(Number);
console.log(`Run: 2 regions x ${frames} frames x ${pixels} x ${ions} ions + total (${((2 * Number(frames) * width * height * (Number(ions) + 1)) / 1e6).toFixed(0)}M pixel values).`);
console.log(`Dataset command ${datasetSeconds} s; dataset, build of its tables and of its site ${seconds(started)} s.\n`);

const pages = [
  {page: "figure-2", first: ".operando-image-grid svg"},
  {page: "figure-3", first: ".operando-image-grid svg"},
  {page: "figure-4", first: ".operando-image-grid svg"},
  {page: "heterogeneity", first: ".operando-particle-map svg"},
  {page: "components", first: ".operando-score-images svg"},
  {page: "explorer", first: ".operando-roi-editor svg"}
];

const browser = await launchChromium();
/** Median over 3 loads, each in a fresh context (no cache): ms to the first figure, and the data bytes fetched by then and after. */
async function measure(origin: string, path: string, first: string): Promise<{ms: number; megabytes: number}> {
  const times: number[] = [];
  let bytes = 0;
  for (let k = 0; k < 3; k++) {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    const page = await context.newPage();
    let fetched = 0;
    page.on("requestfinished", async (request) => {
      if (new URL(request.url()).pathname.startsWith("/_file/data/")) fetched += (await request.sizes()).responseBodySize;
    });
    await page.goto(origin + path, {waitUntil: "commit"});
    await page.waitForSelector(first, {timeout: 120_000});
    times.push(await page.evaluate(() => performance.now()));
    await page.waitForLoadState("networkidle");
    bytes = fetched;
    await context.close();
  }
  return {ms: times.sort((a, b) => a - b)[1], megabytes: bytes / 1e6};
}

const reference = await serveStatic("dist");
const large = await serveStatic(largeDist);
try {
  console.log("| page | reference: first figure (ms) | data (MB) | large run: first figure (ms) | data (MB) | time ratio |\n|---|---:|---:|---:|---:|---:|");
  for (const {page, first} of pages) {
    const small = await measure(reference.origin, `/reference/${page}`, first);
    const big = await measure(large.origin, `/large/${page}`, first);
    console.log(`| ${page} | ${small.ms.toFixed(0)} | ${small.megabytes.toFixed(1)} | ${big.ms.toFixed(0)} | ${big.megabytes.toFixed(1)} | ${(big.ms / small.ms).toFixed(1)} |`);
  }
} finally {
  await browser.close();
  await reference.close();
  await large.close();
}
