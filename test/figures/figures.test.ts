// Every figure component, rendered in Chromium from fixed data (figures-entry.ts), compared with its committed
// markup in test/output/ (figure-snapshot.ts). After a deliberate change to a figure, look at the
// <name>-changed.html the test wrote and, if it is right, move it over <name>.html.
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {build, type Plugin} from "esbuild";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchChromium} from "../e2e/browser.js";
import {figureNames} from "./figure-names.js";
import {compareSnapshot, normaliseMarkup, snapshotDir} from "./figure-snapshot.js";

const root = fileURLToPath(new URL("../../", import.meta.url));


// The pages' imports, resolved as Framework resolves them: `npm:` from node_modules, the local packages from source.
const pageImports: Plugin = {
  name: "page-imports",
  setup(build) {
    build.onResolve({filter: /^npm:/}, (args) => build.resolve(args.path.slice(4), {kind: args.kind, resolveDir: root}));
    build.onResolve({filter: /^@operando\/(lib|loaders)\//}, (args) => ({path: `${root}${args.path.slice("@operando/".length)}.ts`}));
  }
};

async function figuresBundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./figures-entry.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "operandoFigures",
    platform: "browser",
    target: "es2022",
    plugins: [pageImports],
    logLevel: "error"
  });
  return result.outputFiles[0]!.text;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(snapshotDir, {recursive: true});
  browser = await launchChromium();
  page = await browser.newPage({viewport: {width: 1280, height: 900}});
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({content: await figuresBundle()});
});

afterAll(async () => {
  await browser?.close();
});

/** The figure's markup, each raster image replaced by its size and a hash of its decoded pixels. */
function renderedMarkup(name: string, set: "figures" | "variants" = "figures"): Promise<string> {
  return page.evaluate(async ({name, set}) => {
    const figure = await (window as unknown as {operandoFigures: Record<string, () => Record<string, () => Element | Promise<Element>>>}).operandoFigures[set]!()[name]!();
    if (!figure.isConnected) document.body.append(figure);
    for (const image of figure.querySelectorAll("image")) {
      const href = image.getAttribute("href") ?? "";
      if (!href.startsWith("data:")) continue;
      const bitmap = await createImageBitmap(await (await fetch(href)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext("2d")!;
      context.drawImage(bitmap, 0, 0);
      let hash = 0x811c9dc5; // FNV-1a over the RGBA bytes
      for (const byte of context.getImageData(0, 0, bitmap.width, bitmap.height).data) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
      image.setAttribute("href", `pixels:${bitmap.width}x${bitmap.height}:${hash.toString(16).padStart(8, "0")}`);
    }
    const markup = figure.outerHTML;
    figure.remove();
    return markup;
  }, {name, set});
}

describe("figure components drawn from fixed data match their committed markup", () => {
  it("renders exactly the figures of figure-names.ts", async () => {
    const rendered = await page.evaluate(() => Object.keys((window as unknown as {operandoFigures: {figures: () => object}}).operandoFigures.figures()));
    expect(rendered.sort()).toEqual([...figureNames].sort());
  });

  it.each(figureNames)("%s", async (name) => {
    const result = await compareSnapshot(name, await renderedMarkup(name));
    expect(result.status, result.message).toMatch(/^(match|created)$/);
  });

  it("one value changed in a figure's data is a mismatch that writes the -changed file", async () => {
    const directory = mkdtempSync(join(tmpdir(), "figure-snapshot-"));
    try {
      process.env.UPDATE_SNAPSHOTS = "1";
      expect((await compareSnapshot("trend-chart", await renderedMarkup("trend-chart"), directory)).status).toBe("created");
      delete process.env.UPDATE_SNAPSHOTS;
      const changed = await compareSnapshot("trend-chart", await renderedMarkup("trend-chart-one-value-changed", "variants"), directory);
      expect(changed.status).toBe("changed");
      expect(readFileSync(join(directory, "trend-chart-changed.html"), "utf-8")).not.toEqual(readFileSync(join(directory, "trend-chart.html"), "utf-8"));
    } finally {
      delete process.env.UPDATE_SNAPSHOTS;
      rmSync(directory, {recursive: true, force: true});
    }
  });

  it("numbers are rounded and ids renumbered, so that float noise and id counters do not count", () => {
    const a = '<svg><clipPath id="plot-clip-7"></clipPath><g clip-path="url(#plot-clip-7)"><rect x="10.00001" width="3.1415926"></rect></g></svg>';
    const b = '<svg><clipPath id="plot-clip-12"></clipPath><g clip-path="url(#plot-clip-12)"><rect x="9.99999" width="3.14159"></rect></g></svg>';
    expect(normaliseMarkup(a)).toEqual(normaliseMarkup(b));
    expect(normaliseMarkup(a)).not.toEqual(normaliseMarkup(a.replace("3.1415926", "3.15")));
  });
});
