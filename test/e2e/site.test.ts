// The built site (dist/) in a real browser: every page loads with no console error, no failed
// request and no request off this machine, and draws its figure or table.
import {readdirSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {isLoopback} from "./browser.js";
import {dist, useBuiltSite} from "./built-site.js";

const site = useBuiltSite();

function builtPages(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : builtPages(path);
    return entry.name.endsWith(".html") && entry.name !== "404.html" ? [path] : [];
  });
}

function pageUrl(file: string): string {
  return "/" + relative(dist, file).replace(/\\/g, "/").replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "");
}

const pages = builtPages(dist).map(pageUrl).sort();

/** Resolves once the main column holds a drawn figure: a non-empty svg, a painted canvas or a table with rows. */
function drawnFigures(): number {
  const main = document.querySelector("#observablehq-main");
  if (!main) return 0;
  const svgs = [...main.querySelectorAll("svg")].filter((svg) => {
    const box = svg.getBoundingClientRect();
    return box.width > 20 && box.height > 20 && svg.querySelector("path, rect, circle, line, image, text");
  });
  const canvases = [...main.querySelectorAll("canvas")].filter((canvas) => {
    if (canvas.width === 0 || canvas.height === 0) return false;
    const context = canvas.getContext("2d");
    if (!context) return true; // a WebGL canvas; its size is what we can check
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  });
  const tables = [...main.querySelectorAll("table")].filter((table) => table.querySelector("tbody tr td"));
  return svgs.length + canvases.length + tables.length;
}

describe("the built site in Chromium", () => {
  it("has pages to test", () => {
    expect(pages).toContain("/");
  });

  it.each(pages)("%s renders its figures with no error and no outside request", async (path) => {
    const context = await site.browser().newContext({viewport: {width: 1280, height: 900}});
    const page = await context.newPage();
    const problems: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      problems.push(`request off this machine: ${url}`);
      return route.abort();
    });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed request: ${request.url()} ${request.failure()?.errorText}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    try {
      await page.goto(site.origin() + path, {waitUntil: "load"});
      await page.waitForFunction(drawnFigures, undefined, {timeout: 45_000}).catch(() => {
        problems.push("no figure or table was drawn within 45 s");
      });
      await page.waitForLoadState("networkidle");
      const cellErrors = await page.$$eval(".observablehq--error", (nodes) => nodes.map((node) => node.textContent));
      for (const text of cellErrors) problems.push(`cell error: ${text}`);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
