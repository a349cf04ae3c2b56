// Issue 13's "a figure page fetches at most 2x the bytes of what it draws": each figure page of the reference run
// (dist/) and of the large run (.test-sites/large-run/dist, bench/large-run.ts builds it) is loaded in headless
// Chromium and drawn in full (scrolled through to its end, so that lazy panels draw, until the network is idle and
// nothing more is drawn); then the bytes it fetched under /_file/data/ (the stack frames, the build's other files
// under pixels/, the other tables) beside the bytes of what it drew, in two measures:
// - images: the pixel values of every ion image (a Plot raster, an SVG <image> of a PNG data URL: the PNG's own
//   width x height, times the channels of an RGB overlay) at the run's stored bytes per pixel value (its stack frame
//   files on disk over the pixel values they hold); the measure of earlier runs of this benchmark;
// - all drawn: those images; the score images, whose values are floats, at 4 bytes a value (float32) instead; and
//   the data of every chart (an SVG with no image in it): each distinct point of its dots, line vertices and bars
//   as 2 values (x, y) and each distinct rule as 3 (x, y1, y2), at 4 bytes a value. Axes, frames, text, legends,
//   colour bars and the marks drawn over an image (outlines, scale bars) are not counted, nor HTML tables.
// Nothing is timed. Per page it also lists, per stored (region, ion), the frames fetched beside the images drawn of
// it, and the other files fetched. `npm run bench -- page-bytes` (node --expose-gc --import tsx bench/page-bytes.ts).
//   PAGE_BYTES_REFERENCE_SITE, PAGE_BYTES_LARGE_SITE: other built sites (defaults dist, .test-sites/large-run/dist);
//   PAGE_BYTES_PAGES: some of the pages, e.g. heterogeneity,components.
import {existsSync, readFileSync, readdirSync, statSync} from "node:fs";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {tableFromIPC} from "apache-arrow";
import type {Page} from "playwright-core";
import {stackFromCountsTable} from "../lib/imaging/stack-file.js";
import {launchChromium} from "../test/e2e/browser.js";
import {serveStatic} from "../test/e2e/static-server.js";

const sites = [
  {run: "reference", root: process.env.PAGE_BYTES_REFERENCE_SITE ?? "dist"},
  {run: "large", root: process.env.PAGE_BYTES_LARGE_SITE ?? ".test-sites/large-run/dist"}
];
for (const {root} of sites) if (!existsSync(join(root, "index.html"))) throw new Error(`${root}: no built site (npm run build; bench/large-run.ts for the large run)`);
const pageNames = process.env.PAGE_BYTES_PAGES?.split(",") ?? ["figure-2", "figure-3", "figure-4", "heterogeneity", "components", "explorer", "supporting"];
// A page of 1800 images (the large run's supporting series) takes minutes to draw on two shared cores.
const drawTimeoutMs = 30 * 60_000;

interface StackEntry {
  region: string;
  ion: string;
  frames: {frame: number; file: string}[];
}

interface StoredRun {
  /** Each stack frame's file name in pixels/ to its (region, ion, frame). */
  frameOfFile: Map<string, {region: string; ion: string; frame: number}>;
  /** The regions' labels (what the pages' Region inputs show) to their ids. */
  regionOfLabel: Map<string, string>;
  storedBytesPerPixelValue: number;
  stackBytes: number;
  pixelValues: number;
}

/** The run's stack frames on disk: their bytes over the pixel values they hold (one frame file per stack read for its geometry). */
function storedRun(root: string, run: string): StoredRun {
  const runDir = join(root, "_file/data/runs", run);
  const pixelsDir = join(runDir, "pixels");
  // The site holds the gzip copies of the run's JSON files (src/components/run-files.ts).
  const siteJson = (file: string) => JSON.parse(gunzipSync(readFileSync(`${file}.gz`)).toString("utf-8"));
  const index = siteJson(join(pixelsDir, "index.json")) as StackEntry[];
  const manifest = siteJson(join(runDir, "manifest.json")) as {regions: {id: string; label?: string}[]};
  const frameOfFile = new Map<string, {region: string; ion: string; frame: number}>();
  let stackBytes = 0;
  let pixelValues = 0;
  for (const {region, ion, frames} of index) {
    const firstFile = join(pixelsDir, frames[0].file);
    const {width, height} = stackFromCountsTable(tableFromIPC(gunzipSync(readFileSync(firstFile))), firstFile);
    pixelValues += frames.length * width * height;
    for (const {frame, file} of frames) {
      stackBytes += statSync(join(pixelsDir, file)).size;
      frameOfFile.set(file, {region, ion, frame});
    }
  }
  const regionOfLabel = new Map(manifest.regions.map((r) => [r.label ?? r.id, r.id]));
  return {frameOfFile, regionOfLabel, storedBytesPerPixelValue: stackBytes / pixelValues, stackBytes, pixelValues};
}

/** One ion image the page drew: the head of its PNG data URL (enough for the PNG's size), where it is, and what it shows. */
interface DrawnImage {
  pngHead: string;
  figure: string;
  channels: number;
  /** The stored (region, ion) it shows where the page draws one as it is (labels as the page shows them). */
  shows: {regionLabel: string; ion: string}[];
}

/**
 * Every raster image in the page. The image grids (Figures 2-4) title each row "ion / region"; the supporting
 * series titles its columns by ion and each grid by its region; the explorer's editor shows the Region and Ion
 * inputs' choice and its RGB overlay names its ions in the legend. Score images and the particle map are computed
 * from many frames (no one stored image). No named inner functions: tsx would wrap them in a helper that the page
 * does not have.
 */
function drawnImagesInPage(): DrawnImage[] {
  const [regionChoice, ionChoice] = ["Region", "Ion"].map((name) => [...document.querySelectorAll("form")]
    .find((form) => form.querySelector("label")?.textContent?.trim() === name)?.querySelector("select")?.selectedOptions[0]?.textContent ?? "");
  return [...document.querySelectorAll("svg image")].flatMap((image) => {
    const href = image.getAttribute("href") ?? image.getAttributeNS("http://www.w3.org/1999/xlink", "href") ?? "";
    if (!href.startsWith("data:image/png;base64,")) return [];
    const pngHead = href.slice(0, 64);
    // In a grid, the row's title is the nearest title before the cell; the cells between give its column.
    const panel = image.closest(".operando-image-panel");
    let rowLabel: Element | null = null;
    let column = 0;
    for (let sibling = panel?.previousElementSibling; sibling; sibling = sibling.previousElementSibling, column++) {
      if (sibling.matches("svg.operando-label")) {
        rowLabel = sibling;
        break;
      }
    }
    const rowTitle = rowLabel ? [...rowLabel.querySelectorAll("text")].map((text) => text.textContent ?? "") : [];
    const seriesGrid = image.closest(".operando-series-grid");
    const rgb = image.closest(".operando-rgb-overlay");
    if (image.closest(".operando-image-grid") && rowLabel) return [{pngHead, figure: "image grid", channels: 1, shows: [{regionLabel: rowTitle[1], ion: rowTitle[0]}]}];
    if (seriesGrid && rowLabel) {
      // The column titles are on the first part of the figure's grid (lib/run/supporting-series.ts, gridParts).
      const titled = image.closest("figure")?.querySelector(".operando-series-grid") ?? seriesGrid;
      const ion = titled.children[1 + column].querySelector("svg.operando-label text")?.textContent ?? "";
      const caption = image.closest("figure")?.querySelector("figcaption")?.textContent ?? "";
      return [{pngHead, figure: "supporting series", channels: 1, shows: [{regionLabel: caption.split(", cycle")[0], ion}]}];
    }
    if (rgb) {
      const ions = [...rgb.querySelectorAll("text")].flatMap((text) => /^(.*) \((red|green|blue)\)$/.exec(text.textContent ?? "")?.[1] ?? []);
      return [{pngHead, figure: "RGB overlay", channels: ions.length, shows: ions.map((ion) => ({regionLabel: regionChoice, ion}))}];
    }
    if (image.closest(".operando-roi-editor")) return [{pngHead, figure: "ROI editor", channels: 1, shows: [{regionLabel: regionChoice, ion: ionChoice}]}];
    const figure = image.closest(".operando-score-images") ? "score image" : image.closest(".operando-particle-map") ? "particle map" : "other";
    return [{pngHead, figure, channels: 1, shows: []}];
  });
}

/** Bytes a drawn float value is priced at: float32. */
const FLOAT_VALUE_BYTES = 4;

/**
 * The data values of the page's charts (see the head of this file): per SVG with no <image>, the distinct points of
 * its dot, line and bar marks (Plot's aria-label) as 2 values each, and its distinct rules as 3. A dot on a line's
 * vertex is one point. No named inner functions (see drawnImagesInPage).
 */
function drawnChartValuesInPage(): number {
  let values = 0;
  for (const svg of document.querySelectorAll("svg")) {
    if (svg.querySelector("image") || svg.parentElement?.closest("svg")) continue;
    const points = new Set<string>();
    const rules = new Set<string>();
    for (const mark of svg.querySelectorAll("g[aria-label]")) {
      const kind = mark.getAttribute("aria-label");
      if (kind === "dot") for (const circle of mark.querySelectorAll("circle")) points.add(`${Number(circle.getAttribute("cx")).toFixed(1)},${Number(circle.getAttribute("cy")).toFixed(1)}`);
      if (kind === "line") {
        for (const path of mark.querySelectorAll("path")) {
          const numbers = (path.getAttribute("d") ?? "").match(/-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? [];
          for (let k = 0; k + 1 < numbers.length; k += 2) points.add(`${Number(numbers[k]).toFixed(1)},${Number(numbers[k + 1]).toFixed(1)}`);
        }
      }
      if (kind === "bar" || kind === "rect") for (const rect of mark.querySelectorAll("rect")) points.add(`bar ${rect.getAttribute("x")},${rect.getAttribute("y")},${rect.getAttribute("height")}`);
      if (kind === "rule") for (const line of mark.querySelectorAll("line")) rules.add(["x1", "y1", "x2", "y2"].map((name) => line.getAttribute(name)).join(","));
    }
    values += 2 * points.size + 3 * rules.size;
  }
  return values;
}

/** [width, height] of a PNG from its data URL's head (the IHDR chunk: bytes 16-23). */
function pngSize(pngHead: string): [number, number] {
  const bytes = Buffer.from(pngHead.slice("data:image/png;base64,".length, "data:image/png;base64,".length + 32), "base64");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const drawnPixelValuesOf = (image: DrawnImage) => pngSize(image.pngHead)[0] * pngSize(image.pngHead)[1] * image.channels;
// Score images draw float values; every other image draws counts, or grey levels and particle colours (the particle map).
const drawnBytesOf = (image: DrawnImage, stored: StoredRun) => drawnPixelValuesOf(image) * (image.figure === "score image" ? FLOAT_VALUE_BYTES : stored.storedBytesPerPixelValue);

/** Scrolls through the page until every lazy panel and series grid is drawn, the network is idle and no image is added. */
async function drawFully(page: Page): Promise<void> {
  let previous = "";
  for (;;) {
    await page.evaluate(async () => {
      for (let y = 0; y <= document.documentElement.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    });
    // A panel scrolled past while the page was busy may not have seen itself in view: brought into view one by one.
    for (const panel of await page.$$(".operando-lazy-panel[data-drawn=false]")) {
      await panel.scrollIntoViewIfNeeded();
      await page.waitForFunction((element) => element.getAttribute("data-drawn") === "true" || element.textContent?.startsWith("The images of this panel could not be drawn"), panel, {timeout: drawTimeoutMs, polling: 250});
      const failure = await panel.evaluate((element) => (element.getAttribute("data-drawn") === "true" ? null : element.textContent));
      if (failure) throw new Error(failure);
    }
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>(".operando-series-grid")].every((grid) => grid.dataset.complete === "true"), undefined, {timeout: drawTimeoutMs, polling: 500});
    await page.waitForLoadState("networkidle", {timeout: drawTimeoutMs});
    await page.waitForTimeout(2000);
    const state = await page.evaluate(() => `${document.querySelectorAll("svg image").length} ${document.documentElement.scrollHeight} ${document.querySelectorAll(".operando-lazy-panel[data-drawn=false]").length}`);
    if (state === previous) return;
    previous = state;
  }
}

interface PageBytes {
  frameBytes: number;
  otherPixelsBytes: number;
  tableBytes: number;
  fetchedFrames: {region: string; ion: string; frame: number}[];
  /** Every other file under /_file/data/ (the build's pixels/ files and the tables) to the bytes fetched of it. */
  otherFileBytes: Map<string, number>;
  images: DrawnImage[];
  chartValues: number;
}

async function measurePage(browser: Awaited<ReturnType<typeof launchChromium>>, origin: string, run: string, pageName: string, stored: StoredRun): Promise<PageBytes> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const pixelsPrefix = `/_file/data/runs/${run}/pixels/`;
  const result: PageBytes = {frameBytes: 0, otherPixelsBytes: 0, tableBytes: 0, fetchedFrames: [], otherFileBytes: new Map(), images: [], chartValues: 0};
  const sizes: Promise<void>[] = [];
  const failures: string[] = [];
  page.on("pageerror", (error) => failures.push(error.message));
  page.on("requestfinished", (request) => {
    const path = decodeURIComponent(new URL(request.url()).pathname);
    if (!path.startsWith("/_file/data/")) return;
    sizes.push(request.sizes().then(({responseBodySize}) => {
      const file = path.startsWith(pixelsPrefix) ? path.slice(pixelsPrefix.length) : null;
      const frame = file === null ? undefined : stored.frameOfFile.get(file);
      if (frame) {
        result.frameBytes += responseBodySize;
        result.fetchedFrames.push(frame);
        return;
      }
      if (file !== null) result.otherPixelsBytes += responseBodySize;
      else result.tableBytes += responseBodySize;
      const name = path.slice("/_file/data/".length).replace(`runs/${run}/`, "");
      result.otherFileBytes.set(name, (result.otherFileBytes.get(name) ?? 0) + responseBodySize);
    }));
  });
  await page.goto(`${origin}/${run}/${pageName}`, {waitUntil: "load"});
  await drawFully(page);
  result.images = await page.evaluate(drawnImagesInPage);
  result.chartValues = await page.evaluate(drawnChartValuesInPage);
  await Promise.all(sizes);
  await context.close();
  if (failures.length > 0) throw new Error(`${run}/${pageName}: ${failures.join("; ")}`);
  return result;
}

/** Frames as ranges: 0-16 or 0, 8, 16. */
function frameRanges(frames: number[]): string {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let k = 0; k < sorted.length; ) {
    let end = k;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
    ranges.push(end > k ? `${sorted[k]}-${sorted[end]}` : String(sorted[k]));
    k = end + 1;
  }
  return ranges.join(", ");
}

/** Per stored (region, ion): the frames fetched of it beside the images drawn of it. */
function fetchedAgainstDrawn(measured: PageBytes, stored: StoredRun): string[] {
  const key = (region: string, ion: string) => `${region} ${ion}`;
  const fetched = new Map<string, number[]>();
  for (const {region, ion, frame} of measured.fetchedFrames) fetched.set(key(region, ion), [...(fetched.get(key(region, ion)) ?? []), frame]);
  const drawn = new Map<string, number>();
  for (const image of measured.images) {
    for (const {regionLabel, ion} of image.shows) {
      const region = stored.regionOfLabel.get(regionLabel) ?? regionLabel;
      drawn.set(key(region, ion), (drawn.get(key(region, ion)) ?? 0) + 1);
    }
  }
  return [...new Set([...fetched.keys(), ...drawn.keys()])].sort().map((pair) => {
    const frames = fetched.get(pair) ?? [];
    return `${pair}: fetched ${frames.length} frame(s) (${frameRanges(frames) || "none"}), drew ${drawn.get(pair) ?? 0} image(s) of it`;
  });
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
const browser = await launchChromium();
const details: string[] = [];
console.log(`${new Date().toISOString()}: bytes under /_file/data/ each page fetched once drawn in full, against the bytes of what it draws.\n`);
try {
  const storedRuns = sites.map(({run, root}) => ({run, root, stored: storedRun(root, run)}));
  for (const {run, root, stored} of storedRuns) {
    console.log(`${run} (${root}): ${mb(stored.stackBytes)} MB of stack frames on disk for ${(stored.pixelValues / 1e6).toFixed(1)}M pixel values, ${stored.storedBytesPerPixelValue.toFixed(3)} bytes per pixel value.`);
  }
  console.log("\n| page | run | fetched: stack frames (MB) | other pixels/ files (MB) | other tables (MB) | drawn images | drawn (M pixel values) | stored bytes per pixel value | images drawn (MB) | stack frames ÷ images | pixels/ ÷ images | all data ÷ images | chart values drawn | all drawn (MB) | all data ÷ all drawn |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const pageName of pageNames) {
    for (const {run, root, stored} of storedRuns) {
      const server = await serveStatic(root);
      try {
        const measured = await measurePage(browser, server.origin, run, pageName, stored);
        const drawnPixelValues = measured.images.reduce((sum, image) => sum + drawnPixelValuesOf(image), 0);
        const drawnBytes = drawnPixelValues * stored.storedBytesPerPixelValue;
        const pixelsBytes = measured.frameBytes + measured.otherPixelsBytes;
        const allBytes = pixelsBytes + measured.tableBytes;
        const allDrawnBytes = measured.images.reduce((sum, image) => sum + drawnBytesOf(image, stored), 0) + measured.chartValues * FLOAT_VALUE_BYTES;
        const ratio = (bytes: number, drawn = drawnBytes) => (drawn > 0 ? (bytes / drawn).toFixed(2) : "–");
        console.log(`| ${pageName} | ${run} | ${mb(measured.frameBytes)} | ${mb(measured.otherPixelsBytes)} | ${mb(measured.tableBytes)} | ${measured.images.length} | ${(drawnPixelValues / 1e6).toFixed(3)} | ${stored.storedBytesPerPixelValue.toFixed(3)} | ${mb(drawnBytes)} | ${ratio(measured.frameBytes)} | ${ratio(pixelsBytes)} | ${ratio(allBytes)} | ${measured.chartValues} | ${mb(allDrawnBytes)} | ${ratio(allBytes, allDrawnBytes)} |`);
        const byFigure = new Map<string, {count: number; pixelValues: number; sizes: Set<string>}>();
        for (const image of measured.images) {
          const entry = byFigure.get(image.figure) ?? {count: 0, pixelValues: 0, sizes: new Set<string>()};
          entry.sizes.add(`${pngSize(image.pngHead).join(" x ")} px${image.channels > 1 ? ` x ${image.channels} channels` : ""}`);
          byFigure.set(image.figure, {count: entry.count + 1, pixelValues: entry.pixelValues + drawnPixelValuesOf(image), sizes: entry.sizes});
        }
        details.push(`${pageName}, ${run}:`,
          `  drawn: ${[...byFigure].map(([figure, {count, pixelValues, sizes}]) => `${figure} ${count} image(s) of ${[...sizes].join(", ")}, ${(pixelValues / 1e6).toFixed(3)}M pixel values`).join("; ") || "no image"}`,
          `  other files: ${[...measured.otherFileBytes].sort(([, a], [, b]) => b - a).map(([name, bytes]) => `${name} ${mb(bytes)} MB`).join(", ")}`,
          ...fetchedAgainstDrawn(measured, stored).map((line) => `  ${line}`));
      } finally {
        await server.close();
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`\n${details.join("\n")}`);
