// The "Your own data" page runs the loaders in the browser on a file the user drops, and shows what comes
// from the file (its name, its contents) as text, never as markup.
import {readFileSync} from "node:fs";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {SHARED_FIXTURES} from "../shared-fixtures.js";
import {useBuiltSite} from "./built-site.js";

const site = useBuiltSite();

async function dropFile(name: string, contents: Buffer): Promise<Page> {
  const page = await site.browser().newPage();
  await page.goto(`${site.origin()}/your-data`, {waitUntil: "load"});
  await page.waitForSelector("input[type=file]");
  await page.setInputFiles("input[type=file]", {name, mimeType: "application/octet-stream", buffer: contents});
  return page;
}

describe("a file dropped on the Your own data page", () => {
  it("is parsed in the page by the same loader as the build: every record of a BioLogic .mpt", async () => {
    const fixture = `${SHARED_FIXTURES}potentiostat/biologic/gcpl.issue_149.mpt`;
    const expected = parseCyclingFile(new Uint8Array(readFileSync(fixture)), fixture, {timeZone: "UTC"}).numRows;
    const page = await dropFile("gcpl.issue_149.mpt", readFileSync(fixture));
    await page.waitForFunction((rows) => document.querySelector("#observablehq-main")!.textContent!.includes(`${rows.toLocaleString()} rows`), expected);
    expect(await page.$$eval("#observablehq-main table tbody tr", (rows) => rows.length)).toBeGreaterThan(0);
    await page.close();
  });

  it("shows a file name with markup in it as text, in the one-line error", async () => {
    const name = '<b id="injected">bold</b><img src=x onerror="window.injected=1">.txt';
    const page = await dropFile(name, Buffer.from("this is not an image export\n"));
    const warning = await page.waitForSelector("p.warning");
    expect(await warning.textContent()).toContain(name);
    expect(await page.$("#injected")).toBeNull();
    expect(await page.evaluate(() => "injected" in window)).toBe(false);
    await page.close();
  });

  it("reads an imzML pair dropped together: its summed spectrum and the ion image of a mass window, the strongest peak's first, then one typed in", async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.origin()}/your-data`, {waitUntil: "load"});
    await page.waitForSelector("input[type=file]");
    const folder = `${SHARED_FIXTURES}imzml/`;
    await page.setInputFiles("input[type=file]", [`${folder}iontof_sparse.imzML`, `${folder}iontof_sparse.ibd`]);
    await page.waitForSelector(".operando-image-panel svg");
    const spectrumMarks = await page.$$eval("#observablehq-main svg [aria-label=line] path", (paths) => paths.length);
    expect(spectrumMarks).toBe(1);
    const mainText = () => page.$eval("#observablehq-main", (main) => main.textContent!);
    // iontof_sparse: spectra of m/z 100 to 500 shifted by the pixel, the largest summed counts at 505; the window is shaded on the spectrum.
    await page.waitForFunction(() => document.querySelector("#observablehq-main")!.textContent!.includes("m/z 505.00 counts per pixel (504.7–505.3 u)"));
    expect(await page.$$("#observablehq-main svg [aria-label=rect] rect")).toHaveLength(1);
    const windowInput = page.getByLabel(/Ion image: mass window/);
    await windowInput.fill("mid=200±0.5");
    await windowInput.press("Enter");
    await page.waitForFunction(() => document.querySelector("#observablehq-main")!.textContent!.includes("mid counts per pixel (199.5–200.5 u)"));
    expect(await mainText()).not.toContain("m/z 505.00 counts per pixel");
    await windowInput.fill("not a window");
    await windowInput.press("Enter");
    expect(await (await page.waitForSelector("p.warning")).textContent()).toMatch(/expected NAME=MZ±HW or NAME=LOW-HIGH/);
    expect(await page.$$(".observablehq--error")).toEqual([]);
    await page.close();
  });

  it("reads a dropped Cameca NanoSIMS .im file: its long table and its first image", async () => {
    const fixture = `${SHARED_FIXTURES}nanosims/OpenMIMS_doc_051117_05-32dRe-03b.im`;
    const page = await dropFile("OpenMIMS_doc_051117_05-32dRe-03b.im", readFileSync(fixture));
    // 4 species x 1 plane x 256 x 256 pixels.
    await page.waitForFunction(() => document.querySelector("#observablehq-main")!.textContent!.includes(`${(4 * 256 * 256).toLocaleString()} rows`));
    expect(await page.$(".operando-image-panel svg")).not.toBeNull();
    await page.close();
  });
});
