// The explorer's ROI edit in headless Chromium, on the built site (npm run build first): after a first edit (which
// fetches every frame of the picked ion: until then the trend is the build's), from a mouse drag of an
// ROI vertex (the pointermove event) to the trend redrawn in the page (its chart replaced, seen by a
// MutationObserver the benchmark adds) and painted (a task queued from the next frame callback), and the trend's
// own redraw time (its `redrawMs`) when every ROI changes at once (the editor's value set and its input event sent).
// Medians and maxima of 15 edits. EXPLORER_SITE and EXPLORER_RUN give another built site and run (default: dist/
// and the reference run), e.g. the large run's of bench/large-run.ts: .test-sites/large-run/dist and large.
import {existsSync} from "node:fs";
import {launchChromium} from "../test/e2e/browser.js";
import {serveStatic} from "../test/e2e/static-server.js";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
interface Redraw {at: number; paintedAt?: number}
// Serialised into the page by page.evaluate, so it names only what the page has.
const lastRedraw = () => {
  const seen = (window as unknown as {trendRedraws: Redraw[]}).trendRedraws;
  return {count: seen.length, last: seen.at(-1)};
};

const siteDir = process.env.EXPLORER_SITE ?? "dist";
const run = process.env.EXPLORER_RUN ?? "reference";
if (!existsSync(`${siteDir}/${run}/explorer.html`)) throw new Error(`${siteDir}/${run}/explorer.html: no such page (npm run build first)`);
const server = await serveStatic(siteDir);
const browser = await launchChromium();
try {
  const page = await browser.newPage({viewport: {width: 1280, height: 1000}});
  await page.goto(`${server.origin}/${run}/explorer`, {waitUntil: "load"});
  await page.waitForSelector(".operando-live-trend svg", {timeout: 60_000});
  // Until an ROI is edited the trend is the build's: the first edit fetches every frame of the ion, then sums.
  await page.locator(".operando-roi-editor").evaluate((editor) => editor.scrollIntoView({block: "start"}));
  const firstVertex = (await page.locator(".operando-roi-layer circle").first().boundingBox())!;
  await page.mouse.move(firstVertex.x + firstVertex.width / 2, firstVertex.y + firstVertex.height / 2);
  await page.mouse.down();
  const firstEditAt = Date.now();
  await page.mouse.move(firstVertex.x + firstVertex.width / 2 + 2, firstVertex.y + firstVertex.height / 2);
  await page.mouse.up();
  await page.waitForSelector(".operando-live-trend[data-source=page]", {timeout: 120_000});
  const firstEditMs = Date.now() - firstEditAt;
  await page.locator(".operando-live-trend").evaluate((trend) => {
    const seen: Redraw[] = [];
    (window as unknown as {trendRedraws: Redraw[]}).trendRedraws = seen;
    new MutationObserver(() => {
      const redraw: Redraw = {at: performance.now()};
      seen.push(redraw);
      requestAnimationFrame(() => setTimeout(() => (redraw.paintedAt = performance.now())));
    }).observe(trend, {childList: true, subtree: true});
  });
  await page.locator(".operando-roi-editor").evaluate((editor) => editor.scrollIntoView({block: "start"}));
  await page.waitForTimeout(500);
  await page.locator(".operando-roi-editor svg").first().evaluate((svg) =>
    svg.addEventListener("pointermove", () => ((window as unknown as {lastMoveAt: number}).lastMoveAt = performance.now()), {capture: true}));
  const vertex = (await page.locator(".operando-roi-layer circle").first().boundingBox())!;
  let [x, y] = [vertex.x + vertex.width / 2, vertex.y + vertex.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  const toRedraw: number[] = [];
  const toPaint: number[] = [];
  for (let i = 0; i < 15; i++) {
    const before = (await page.evaluate(lastRedraw)).count;
    x += i % 2 ? -3 : 4;
    await page.mouse.move(x, y + (i % 3));
    await page.waitForFunction((n) => {
      const seen = (window as unknown as {trendRedraws: Redraw[]}).trendRedraws;
      return seen.length > n && seen.at(-1)!.paintedAt !== undefined;
    }, before);
    const redraw = (await page.evaluate(lastRedraw)).last!;
    const movedAt = await page.evaluate(() => (window as unknown as {lastMoveAt: number}).lastMoveAt);
    toRedraw.push(redraw.at - movedAt);
    toPaint.push(redraw.paintedAt! - movedAt);
  }
  await page.mouse.up();
  // Every ROI moved at once, as a script would set them: the editor's value, then its input event (the page
  // redraws the trend on it and keeps the time in the trend's redrawMs).
  const setRois: number[] = await page.evaluate(`(() => {
    const editor = document.querySelector(".operando-roi-editor");
    const trend = document.querySelector(".operando-live-trend");
    const base = editor.value;
    return Array.from({length: 15}, (_, i) => {
      editor.value = base.map((f) => ({...f, geometry: {...f.geometry, coordinates: [f.geometry.coordinates[0].map(([u, v]) => [u + 0.05 * (i + 1), v])]}}));
      editor.dispatchEvent(new Event("input", {bubbles: true}));
      return trend.redrawMs;
    });
  })()`);
  console.log(`| ROI edit in the explorer (${run} run) | median (ms) | max (ms) |\n|---|---:|---:|`);
  console.log(`| first edit: every frame of the ion fetched, then the trend computed (once) | ${firstEditMs.toFixed(0)} | |`);
  console.log(`| mouse drag: pointermove → trend redrawn | ${median(toRedraw).toFixed(1)} | ${Math.max(...toRedraw).toFixed(1)} |`);
  console.log(`| mouse drag: pointermove → frame painted | ${median(toPaint).toFixed(1)} | ${Math.max(...toPaint).toFixed(1)} |`);
  console.log(`| every ROI changed at once (setRois: masks, sums, chart) | ${median(setRois).toFixed(1)} | ${Math.max(...setRois).toFixed(1)} |`);
} finally {
  await browser.close();
  await server.close();
}
