// compareScreenshot on images rendered in Chromium: identical and slightly different images pass, a changed
// region fails and leaves <name>-changed.png, and a missing baseline is created only when asked to.
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchChromium} from "./browser.js";
import {compareScreenshot} from "./screenshot-compare.js";

let browser: Browser;
const directory = mkdtempSync(join(tmpdir(), "screenshot-compare-"));

/** A 400 x 300 figure-like picture: a gradient, a circle, text, and an optional red square of `squarePx`. */
async function render(squarePx = 0): Promise<Buffer> {
  const page = await browser.newPage({viewport: {width: 400, height: 300}});
  await page.setContent(`<body style="margin:0"><svg width="400" height="300" font-family="sans-serif">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#440154"/><stop offset="1" stop-color="#fde725"/></linearGradient></defs>
    <rect width="400" height="300" fill="url(#g)"/><circle cx="120" cy="150" r="60" fill="white" fill-opacity="0.6"/>
    <text x="20" y="280" font-size="16">10 µm</text>
    ${squarePx ? `<rect x="250" y="60" width="${squarePx}" height="${squarePx}" fill="red"/>` : ""}</svg></body>`);
  const png = await page.screenshot();
  await page.close();
  return png;
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(directory, {recursive: true, force: true});
});

describe("compareScreenshot", () => {
  it("fails on a missing baseline and does not create it unless asked", async () => {
    const result = await compareScreenshot(browser, "absent", await render(), {directory, update: false});
    expect(result).toMatchObject({status: "missing", pass: false});
    expect(existsSync(join(directory, "absent.png"))).toBe(false);
  });

  it("creates a missing baseline when asked, and then matches the same picture", async () => {
    const png = await render();
    expect(await compareScreenshot(browser, "figure", png, {directory, update: true})).toMatchObject({status: "created", pass: true});
    expect(readFileSync(join(directory, "figure.png")).equals(png)).toBe(true);
    const again = await compareScreenshot(browser, "figure", await render(), {directory, update: false});
    expect(again).toMatchObject({status: "match", pass: true, differingPixels: 0, totalPixels: 400 * 300});
    expect(existsSync(join(directory, "figure-changed.png"))).toBe(false);
  });

  it("passes a change smaller than the tolerance (4 x 4 pixels of 400 x 300)", async () => {
    const result = await compareScreenshot(browser, "figure", await render(4), {directory});
    expect(result.pass).toBe(true);
    expect(result.differingPixels).toBe(16);
  });

  it("fails on a changed region (40 x 40 pixels, 1.3%) and writes the new image as -changed", async () => {
    const changed = await render(40);
    const result = await compareScreenshot(browser, "figure", changed, {directory});
    expect(result).toMatchObject({status: "mismatch", pass: false, differingPixels: 1600});
    expect(result.differingFraction).toBeCloseTo(1600 / 120000, 6);
    expect(readFileSync(join(directory, "figure-changed.png")).equals(changed)).toBe(true);
    expect(readFileSync(join(directory, "figure.png")).equals(changed)).toBe(false);
  });

  it("removes a stale -changed image once the picture matches again", async () => {
    expect(existsSync(join(directory, "figure-changed.png"))).toBe(true);
    expect((await compareScreenshot(browser, "figure", await render(), {directory})).pass).toBe(true);
    expect(existsSync(join(directory, "figure-changed.png"))).toBe(false);
  });

  it("fails when the size changed", async () => {
    const page = await browser.newPage({viewport: {width: 200, height: 100}});
    const small = await page.screenshot();
    await page.close();
    const result = await compareScreenshot(browser, "figure", small, {directory});
    expect(result).toMatchObject({status: "mismatch", pass: false});
    expect(result.message).toContain("400x300 (baseline) vs 200x100 (new)");
  });
});
