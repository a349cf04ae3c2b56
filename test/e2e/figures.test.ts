// The figure pages of the reference run in Chromium: the trends go the way the paper says, read from the numbers
// the pages themselves show; downloads; the site's own fonts. (How each figure looks is compared, as text, in
// test/figures/; every page's drawing, errors and requests are checked in site.test.ts.)
import {existsSync, readFileSync} from "node:fs";
import {tableFromIPC} from "apache-arrow";
import * as parquet from "parquet-wasm";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {dist, useBuiltSite} from "./built-site.js";

const site = useBuiltSite();
if (!existsSync(`${dist}/reference/figure-3.html`)) throw new Error("dist/ has no reference run pages: run `npm run build` first");

async function openPage(path: string, ready: string): Promise<Page> {
  const page = await site.browser().newPage({viewport: {width: 1280, height: 900}});
  await page.goto(site.origin() + path, {waitUntil: "load"});
  await page.waitForSelector(ready, {timeout: 60_000});
  // Grids that draw their cells a few at a time mark themselves complete.
  await page.waitForFunction(() => [...document.querySelectorAll("[data-complete]")].every((grid) => (grid as HTMLElement).dataset.complete === "true"));
  await page.waitForLoadState("networkidle");
  return page;
}

/** Percentage changes from the page's direction table: `roi|ion|state` → percent. */
async function statedChanges(page: Page): Promise<Map<string, number>> {
  const cells = await page.$$eval("td[data-change]", (nodes) => nodes.map((node) => {
    const cell = node as HTMLElement;
    return [`${cell.dataset.roi}|${cell.dataset.ion}|${cell.dataset.state}`, Number(cell.dataset.change)] as const;
  }));
  return new Map(cells);
}

/** Whether the page's DuckDB-WASM query gave the same numbers as the library's TypeScript path it draws. */
async function sqlAgrees(page: Page): Promise<boolean> {
  const status = await page.waitForSelector(".operando-sql-status[data-equal]", {timeout: 60_000});
  return (await status.getAttribute("data-equal")) === "true";
}

describe("pages fetch only the images they draw", () => {
  // The run's stack frames, segmentations and components (its tables are gzip too: src/components/run-files.ts).
  const isPixelsFile = (path: string) => path.includes("/pixels/") && path.endsWith(".arrow.gz");
  type StackFile = {region: string; ion: string; frames: {frame: number; file: string}[]};
  const stackFiles = (run: string) => JSON.parse(readFileSync(`${dist}/../src/data/runs/${run}/pixels/index.json`, "utf-8")) as StackFile[];
  const fileUrl = (file: string) => `/_file/data/runs/reference/pixels/${file}`;
  /** The stack files fetched by the time `first` is drawn and by the time `ready` is, and the images drawn first. */
  const fetchedStacks = async (path: string, first: string, ready: string) => {
    const page = await site.browser().newPage({viewport: {width: 1280, height: 900}});
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(site.origin() + path, {waitUntil: "commit"});
    await page.waitForSelector(first, {timeout: 60_000});
    const atFirst = requested.filter(isPixelsFile);
    const imagesDrawn = await page.$$eval(`${first} image`, (images) => images.length).catch(() => 0);
    await page.waitForSelector(ready, {timeout: 60_000});
    await page.waitForLoadState("networkidle");
    await page.close();
    return {atFirst, all: requested.filter(isPixelsFile), allRequests: requested, imagesDrawn};
  };

  /** A page opened and idle after `ready` is drawn, with the path of every request it made, in order (and on). */
  const openRecordingRequests = async (path: string, ready: string) => {
    const page = await site.browser().newPage({viewport: {width: 1280, height: 900}});
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(site.origin() + path, {waitUntil: "load"});
    await page.waitForSelector(ready, {timeout: 60_000});
    await page.waitForLoadState("networkidle");
    return {page, requested};
  };

  it("Figures 3 and 4 fetch the frames of their images and no other, and nothing of a whole pixels table", async () => {
    const roles = JSON.parse(readFileSync(`${dist}/../src/data/runs/reference/roles.json`, "utf-8"));
    for (const [path, figure] of [["/reference/figure-3", roles.figure3], ["/reference/figure-4", roles.figure4]]) {
      const files = stackFiles("reference").filter((f) => f.region === figure.region && figure.ions.includes(f.ion));
      // The page's checks (its own sums and DuckDB-WASM's) run once its trend is drawn, over the same images.
      const fetched = await fetchedStacks(path, ".operando-image-grid", ".operando-sql-status[data-equal]");
      // One file per image of the grid (each ion in each of its three columns), and no other frame.
      expect(fetched.imagesDrawn, path).toBe(figure.ions.length * 3);
      expect(fetched.all, path).toHaveLength(fetched.imagesDrawn);
      expect(new Set(fetched.all).size, path).toBe(fetched.imagesDrawn);
      const byFile = new Map(files.flatMap((f) => f.frames.map((frame) => [fileUrl(frame.file), {ion: f.ion, frame: frame.frame}] as const)));
      for (const ion of figure.ions) expect(fetched.all.filter((p) => byFile.get(p)?.ion === ion), `${path} ${ion}`).toHaveLength(3);
      expect(fetched.allRequests.some((p) => /pixels\.[0-9a-f]*\.?(arrow|parquet)$/.test(p)), path).toBe(false);
    }
  });

  it("Figure 2 fetches the frames of its images and its particles' labels, not the registered sums they were made on", async () => {
    const roles = JSON.parse(readFileSync(`${dist}/../src/data/runs/reference/roles.json`, "utf-8"));
    const fetched = await fetchedStacks("/reference/figure-2", ".operando-image-grid", ".operando-image-grid svg");
    const frames = fetched.all.filter((p) => /\/pixels\/\d+-\d+\.arrow\.gz$/.test(p));
    expect(new Set(frames).size).toBe(roles.figure2.rows.length * 3);
    expect(fetched.all.filter((p) => /segmentation-\d+\.arrow\.gz$/.test(p))).toHaveLength(roles.particles.length);
    expect(fetched.all.filter((p) => p.includes("registered-sum"))).toEqual([]);
  });

  it("the explorer fetches the frames in view and draws the build's trend; an ROI edit fetches every frame of the picked ion, and the page's own sums of the run's ROIs equal the build's", async () => {
    const {page, requested} = await openRecordingRequests("/reference/explorer", ".operando-live-trend svg");
    const roles = JSON.parse(readFileSync(`${dist}/../src/data/runs/reference/roles.json`, "utf-8"));
    const firstRegion = JSON.parse(readFileSync(`${dist}/../src/data/runs/reference/manifest.json`, "utf-8")).regions[0].id;
    const files = stackFiles("reference").filter((f) => f.region === firstRegion);
    const pickedIon = roles.particles.find((p: {region: string}) => p.region === firstRegion).markerIon;
    const byFile = new Map(files.flatMap((f) => f.frames.map((frame) => [fileUrl(frame.file), {ion: f.ion, frame: frame.frame}] as const)));
    const firstFrame = Math.min(...files[0].frames.map((f) => f.frame));
    const frameFiles = () => [...new Set(requested.filter((p) => byFile.has(p)))];
    // Before any edit: the frame in view (observation point 1, also the pristine frame) of the ions drawn, no other.
    expect(await page.$eval(".operando-live-trend", (e) => (e as HTMLElement).dataset.source)).toBe("build");
    expect(frameFiles().length).toBeGreaterThan(0);
    expect(frameFiles().every((p) => byFile.get(p)!.frame === firstFrame)).toBe(true);
    // The page's own sums of the run's ROIs over every frame (fetched for it) equal the build's rows it draws.
    const comparison = await page.$eval(".operando-live-trend", async (element) => {
      const trend = element as unknown as {value: {roi: string; ion: string; frame: number; counts: number; countsPerUm2High: number}[]; computed(): Promise<{rows: {roi: string; ion: string; frame: number; counts: number; countsPerUm2High: number}[]}>};
      const own = (await trend.computed()).rows.filter((r) => trend.value.some((b) => b.ion === r.ion));
      const key = (r: {roi: string; ion: string; frame: number}) => `${r.roi}|${r.ion}|${r.frame}`;
      const built = new Map(trend.value.map((r) => [key(r), r]));
      return {cells: own.length, built: built.size, equal: own.every((r) => built.get(key(r))?.counts === r.counts && Math.abs(built.get(key(r))!.countsPerUm2High - r.countsPerUm2High) <= 1e-9 * r.countsPerUm2High)};
    });
    expect(comparison.cells).toBeGreaterThan(0);
    expect(comparison).toEqual({cells: comparison.built, built: comparison.built, equal: true});
    // By then every frame of the picked ion, and of the other ions only the frame in view.
    const picked = files.find((f) => f.ion === pickedIon)!.frames.map((f) => fileUrl(f.file));
    expect(picked.every((p) => frameFiles().includes(p))).toBe(true);
    expect(frameFiles().filter((p) => !picked.includes(p)).every((p) => byFile.get(p)!.frame === firstFrame)).toBe(true);
    // An edit draws the page's own trend.
    await page.locator(".operando-roi-editor").evaluate((editor) => editor.scrollIntoView({block: "start"}));
    const vertex = (await page.locator(".operando-roi-layer circle").first().boundingBox())!;
    await page.mouse.move(vertex.x + vertex.width / 2, vertex.y + vertex.height / 2);
    await page.mouse.down();
    await page.mouse.move(vertex.x + vertex.width / 2 + 12, vertex.y + vertex.height / 2 + 4);
    await page.mouse.up();
    await page.waitForSelector(".operando-live-trend[data-source=page]", {timeout: 60_000});
    await page.close();
  });

  it("the supporting page fetches each grid's frames when the grid comes into view", async () => {
    const {page, requested} = await openRecordingRequests("/reference/supporting", ".operando-lazy-panel[data-drawn=true]");
    const all = stackFiles("reference").flatMap((f) => f.frames.map((frame) => fileUrl(frame.file)));
    const atFirst = new Set(requested.filter(isPixelsFile));
    const panels = await page.locator(".operando-lazy-panel").count();
    expect(panels).toBeGreaterThan(2);
    expect(await page.locator(".operando-lazy-panel[data-drawn=true]").count()).toBeLessThan(panels);
    expect(atFirst.size).toBeGreaterThan(0);
    expect(atFirst.size).toBeLessThan(all.length);
    // Scrolled through, every grid is drawn and every frame shown has been fetched, each once.
    for (let i = 0; i < panels; i++) await page.locator(".operando-lazy-panel").nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => document.querySelectorAll(".operando-lazy-panel[data-drawn=true]").length === n, panels, {timeout: 60_000});
    const fetched = requested.filter(isPixelsFile);
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(fetched.every((p) => all.includes(p))).toBe(true);
    expect(fetched.length).toBeGreaterThan(atFirst.size);
    await page.close();
  });

  it("the components page fetches the build's PCA summary and the scores of the frame shown, no other table and no image until NMF is asked for", async () => {
    const {page, requested} = await openRecordingRequests("/reference/components", ".operando-score-images");
    const files = requested.filter(isPixelsFile);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\/pixels\/components-\d+-\d+\.arrow\.gz$/);
    expect(requested.filter((p) => /\/pixels\/components-\d+\.json\.gz$/.test(p))).toHaveLength(1);
    // The timeline around the PCA is in its summary: the page reads no other table of the run but its manifest.
    expect(requested.filter((p) => p.includes("/_file/data/") && !p.includes("/pixels/")).map((p) => p.split("/").pop())).toEqual(["manifest.json.gz"]);
    await page.getByRole("button", {name: "Compute NMF"}).click();
    await page.waitForFunction(() => document.body.innerText.includes("NMF over"), undefined, {timeout: 120_000});
    expect(requested.filter((p) => /\/pixels\/\d+-\d+\.arrow\.gz$/.test(p)).length).toBeGreaterThan(0);
    await page.close();
  });

  it("the heterogeneity page fetches the build's segmentations and no image, and finds the model's irreversible particles", async () => {
    const {page, requested} = await openRecordingRequests("/reference/heterogeneity", ".operando-particle-map");
    const stacks = requested.filter(isPixelsFile);
    expect(stacks.length).toBeGreaterThan(0);
    // The labels and the map's grey image of each region: not the float32 registered sum, nor any image.
    expect(stacks.every((p) => /\/pixels\/(segmentation|particle-background)-\d+\.arrow\.gz$/.test(p))).toBe(true);
    expect(stacks.filter((p) => p.includes("particle-background"))).toHaveLength(2);
    // Each region's sentence on the model: "the segmentation finds <b>n</b> of n", and no other particle called irreversible.
    const sentences = await page.$$eval("h2 + p", (nodes) => nodes.map((node) => node.textContent ?? "").filter((text) => text.includes("The model that made this synthetic run")));
    expect(sentences).toHaveLength(2);
    for (const text of sentences) {
      const [, found, of] = text.match(/the segmentation finds (\d+) of (\d+)/)!;
      expect(Number(found)).toBe(Number(of));
      expect(text).toContain("calls no other particle irreversible");
    }
    await page.close();
  });
});

describe("the explorer's SQL check", () => {
  it("runs the fixed query over the masks as tables and equals the TypeScript trend in every cell", async () => {
    const page = await openPage("/reference/explorer", ".operando-sql-check button");
    const query = await page.$eval(".operando-sql-check pre", (pre) => pre.textContent ?? "");
    expect(query).toContain("FROM mask_cells c JOIN mask_rois n USING (roi_index)");
    expect(query).not.toMatch(/\d{4,}/);
    await page.click(".operando-sql-check button");
    const status = await page.waitForSelector(".operando-sql-status[data-equal]", {timeout: 60_000});
    expect(await status.getAttribute("data-equal")).toBe("true");
    expect(Number(await status.getAttribute("data-cells"))).toBeGreaterThan(0);
    await page.close();
  });
});

describe("the reference run's figures read like the paper's", () => {
  it("Figure 3 (its DuckDB-WASM sums equal to its TypeScript ones): 58Ni+ rises on charge and falls on discharge, more in region 1 than in region 2; 6Li+ falls slightly", async () => {
    const page = await openPage("/reference/figure-3", "td[data-change]");
    const change = await statedChanges(page);
    expect(await sqlAgrees(page)).toBe(true);
    // Drawn from the build's trend table; the page's own sums over the images it loaded equal it.
    expect(await page.$eval(".operando-build-check", (p) => (p as HTMLElement).dataset.equal)).toBe("true");
    await page.close();
    for (const roi of ["region 1", "region 2"]) {
      expect(change.get(`${roi}|58Ni+|charged`)).toBeGreaterThan(10);
      expect(change.get(`${roi}|58Ni+|discharged`)).toBeLessThan(change.get(`${roi}|58Ni+|charged`)! / 2);
      expect(change.get(`${roi}|6Li+|charged`)).toBeLessThan(0);
      expect(change.get(`${roi}|6Li+|charged`)).toBeGreaterThan(-50);
    }
    expect(change.get("region 1|58Ni+|charged")).toBeGreaterThan(change.get("region 2|58Ni+|charged")!);
  });

  it("Figure 4 (its DuckDB-WASM sums equal to its TypeScript ones): 48Ti+ of region 3 falls on charge and recovers; the LLTO region falls and stays low", async () => {
    const page = await openPage("/reference/figure-4", "td[data-change]");
    const change = await statedChanges(page);
    expect(await sqlAgrees(page)).toBe(true);
    await page.close();
    expect(change.get("region 3|48Ti+|charged")).toBeLessThan(-10);
    expect(Math.abs(change.get("region 3|48Ti+|discharged")!)).toBeLessThan(Math.abs(change.get("region 3|48Ti+|charged")!) / 2);
    expect(change.get("LLTO|48Ti+|charged")).toBeLessThan(-10);
    expect(change.get("LLTO|48Ti+|discharged")).toBeLessThan(change.get("LLTO|48Ti+|charged")! / 2);
  });
});

describe("figure downloads", () => {
  it("Figure 3's ROI trend table downloads as Parquet with every (ROI, ion, frame) row the page drew", async () => {
    const page = await site.browser().newPage({acceptDownloads: true});
    await page.goto(`${site.origin()}/reference/figure-3`, {waitUntil: "load"});
    await page.waitForSelector(".operando-sql-status");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", {name: "Parquet"}).first().click()]);
    const table = tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync((await download.path())!))).intoIPCStream());
    await page.close();
    expect(download.suggestedFilename()).toBe("reference-figure-3-roi-trends.parquet");
    // Every ROI and ion of the figure at every observation point of the model's first cycle.
    const roles = JSON.parse(readFileSync(`${dist}/../src/data/runs/reference/roles.json`, "utf-8"));
    const truth = JSON.parse(readFileSync(`${dist}/../src/data/runs/reference/truth.json`, "utf-8"));
    const firstCycle = truth.frames.filter((f: {label: string}) => f.label === "pristine" || f.label.startsWith("c1 ")).length;
    expect(table.numRows).toBe(roles.figure3.rois.length * roles.figure3.ions.length * firstCycle);
    // The one ROI trend table of npm run roi (lib/roi/trend-table.ts).
    expect(table.schema.fields.map((f) => f.name).slice(0, 13)).toEqual(["roi", "region", "ion", "frame", "counts", "area_um2", "counts_per_um2",
      "counts_per_um2_low", "counts_per_um2_high", "drift_x_px", "drift_y_px", "drift_sd_px", "registration_sd_counts"]);
  });
});

describe("Figure S2 downloads", () => {
  it("the spectrum downloads as CSV with exactly the run's channels in the m/z range shown, and the isotope checks as a table", async () => {
    const page = await site.browser().newPage({acceptDownloads: true});
    await page.goto(`${site.origin()}/reference/figure-s2`, {waitUntil: "load"});
    await page.waitForSelector(".operando-mass-spectrum svg");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTitle(/^Download reference-figure-s2-spectrum-.*\.csv$/).click()]);
    const [, fromU, toU] = /^reference-figure-s2-spectrum-([\d.]+)-([\d.]+)u\.csv$/.exec(download.suggestedFilename())!.map(Number);
    const lines = readFileSync((await download.path())!, "utf-8").trimEnd().split("\n");
    expect(await page.getByTitle("Download reference-figure-s2-isotopes.csv").count()).toBe(1);
    await page.close();
    const spectrum = tableFromIPC(readFileSync(new URL("../../src/data/runs/reference/spectrum.arrow", import.meta.url)));
    const mzU = Array.from(spectrum.getChild("mz_u")!.toArray() as Float64Array);
    const counts = spectrum.getChild("counts")!.toArray() as Float64Array;
    const shown = mzU.flatMap((m, i) => (m >= fromU! && m <= toU! ? [[m, counts[i]]] : []));
    expect(lines[0]).toBe("mz_u,counts");
    expect(shown.length).toBeGreaterThan(1000);
    expect(lines.slice(1).map((line) => line.split(",").map(Number))).toEqual(shown);
  });
});

describe("the site's own fonts", () => {
  it("Figure 3's text and figures are drawn in Inter and its code in IBM Plex Mono, both loaded from the site itself", async () => {
    const page = await openPage("/reference/figure-3", ".operando-sql-status[data-equal]");
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      const loaded = [...document.fonts].filter((face) => face.status === "loaded").map((face) => face.family.replace(/["']/g, ""));
      const family = (selector: string) => getComputedStyle(document.querySelector(selector)!).fontFamily;
      return {loaded: [...new Set(loaded)].sort(), body: family("#observablehq-main p"), figure: family(".operando-trend-chart svg text"), code: family("#observablehq-main code")};
    });
    await page.close();
    expect(fonts.loaded).toEqual(["IBM Plex Mono", "Inter"]);
    expect(fonts.body).toMatch(/^"?Inter"?,/);
    expect(fonts.figure).toMatch(/^"?Inter"?,/);
    expect(fonts.code).toMatch(/^"?IBM Plex Mono"?,/);
  });
});
