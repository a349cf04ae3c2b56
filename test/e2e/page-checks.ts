// The checks every page of a built site must pass: it draws a figure or table, with no console or page error,
// no failed or outside request, no error cell, and no raw `${` of an expression that was not evaluated.
import type {Browser} from "playwright-core";
import {isLoopback} from "./browser.js";

/** Resolves once the main column holds a drawn figure (a non-empty svg, a painted canvas, a table with rows) or says why it has none. */
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
  // A figure the run cannot fill is one plain sentence instead (src/components/notice.ts unfilledNotice).
  const unfilled = main.querySelectorAll(".operando-unfilled").length;
  return svgs.length + canvases.length + tables.length + unfilled;
}

/** Every problem of one page, as lines; an empty list is a page that works. */
export async function pageProblems(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const problems: string[] = [];
  await page.route("**/*", (route) => {
    const requested = route.request().url();
    if (isLoopback(requested)) return route.continue();
    problems.push(`request off this machine: ${requested}`);
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
    await page.goto(url, {waitUntil: "load"});
    await page.waitForFunction(drawnFigures, undefined, {timeout: 45_000}).catch(() => {
      problems.push("no figure or table was drawn within 45 s");
    });
    await page.waitForLoadState("networkidle");
    const cellErrors = await page.$$eval(".observablehq--error", (nodes) => nodes.map((node) => node.textContent));
    for (const text of cellErrors) problems.push(`cell error: ${text}`);
    const text = await page.$eval("#observablehq-main", (main) => (main as HTMLElement).innerText);
    for (const match of text.matchAll(/.{0,40}\$\{.{0,40}/g)) problems.push(`raw expression in the text: ${match[0]}`);
    return problems;
  } finally {
    await context.close();
  }
}
