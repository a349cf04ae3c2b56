// How soon each figure page of the reference run is interactive in headless Chromium: from navigation start to
// its first figure drawn, and to its last one (the ROI trends that DuckDB-WASM computes). Medians of 5 loads of
// the built site (npm run build first), each in a fresh browser context (no cache).
import {existsSync} from "node:fs";
import {launchChromium} from "../test/e2e/browser.js";
import {serveStatic} from "../test/e2e/static-server.js";

const pages = [
  {path: "/reference/figure-1d", first: ".operando-charge-discharge svg", last: ".operando-charge-discharge svg"},
  {path: "/reference/figure-2", first: ".operando-image-grid svg", last: ".operando-image-grid svg"},
  {path: "/reference/figure-3", first: ".operando-image-grid svg", last: "td[data-change]"},
  {path: "/reference/figure-4", first: ".operando-image-grid svg", last: "td[data-change]"},
  {path: "/reference/supporting", first: ".operando-series-grid svg", last: ".operando-series-grid[data-complete='true']"},
  {path: "/reference/heterogeneity", first: ".operando-particle-map svg", last: ".operando-particle-trend svg"},
  {path: "/reference/explorer", first: ".operando-roi-editor svg", last: ".operando-live-trend svg"}
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!existsSync("dist/reference/figure-2.html")) throw new Error("run `npm run build` first");
const server = await serveStatic("dist");
const browser = await launchChromium();
console.log("| page | first figure (ms) | all figures (ms) |\n|---|---:|---:|");
try {
  for (const {path, first, last} of pages) {
    if (!existsSync(`dist${path}.html`)) continue;
    const firstTimes: number[] = [];
    const lastTimes: number[] = [];
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext({viewport: {width: 1280, height: 900}});
      const page = await context.newPage();
      await page.goto(server.origin + path, {waitUntil: "commit"});
      await page.waitForSelector(first, {timeout: 60_000});
      firstTimes.push(await page.evaluate(() => performance.now()));
      await page.waitForSelector(last, {timeout: 60_000});
      lastTimes.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    console.log(`| ${path} | ${median(firstTimes).toFixed(0)} | ${median(lastTimes).toFixed(0)} |`);
  }
} finally {
  await browser.close();
  await server.close();
}
