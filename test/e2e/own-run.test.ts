// Runs unlike the paper's, built into a site of their own: own-run.ts (other ions, regions and ROI names, listings
// and TIFFs, no truth, measured, another time zone, real BioLogic and SurfaceLab files) and nanosims-run.ts (real
// Cameca NanoSIMS images): every one of their pages works.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {writeOwnRun, OWN_RUN} from "./own-run.js";
import {writeNanoSimsRun, NANOSIMS_RUN} from "./nanosims-run.js";
import {buildOwnSite} from "./own-site.js";
import {useBuiltSite} from "./built-site.js";
import {pageProblems} from "./page-checks.js";

let siteFolder = "";
const site = useBuiltSite({build: async () => (siteFolder = await buildOwnSite("own-runs", (dataDir) => {
  writeOwnRun(dataDir);
  writeNanoSimsRun(dataDir);
}))});
// Every page a run gets (src/[run]/*.md), so that a page added there is checked on these runs too.
const pages = readdirSync(fileURLToPath(new URL("../../src/[run]/", import.meta.url)))
  .filter((file) => file.endsWith(".md"))
  .map((file) => (file === "index.md" ? "" : file.replace(/\.md$/, "")))
  .sort();

describe("a measured run with its own ions, regions and ROIs", () => {
  it.each(pages)(`/${OWN_RUN}/%s draws its figures with no error cell and no raw expression`, async (page) => {
    expect(await pageProblems(site.browser(), `${site.origin()}/${OWN_RUN}/${page}`)).toEqual([]);
  });

  it("says nothing of the published study, and nothing of synthetic data", async () => {
    const page = await site.browser().newPage();
    const texts: string[] = [];
    for (const path of pages) {
      await page.goto(`${site.origin()}/${OWN_RUN}/${path}`, {waitUntil: "networkidle"});
      texts.push(await page.$eval("#observablehq-main", (main) => (main as HTMLElement).innerText));
    }
    await page.close();
    const all = texts.join("\n");
    expect(all).not.toMatch(/published|reference study|58Ni\+|48Ti\+|6Li\+|NCA|LLTO/);
    expect(all).not.toMatch(/Synthetic data/);
    expect(all).toMatch(/grain A/);
    expect(all).toMatch(/55Mn\+/);
  });

  it("Figure S2 draws the run's real SurfaceLab spectrum and measures the resolution of its ions' peaks", async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.origin()}/${OWN_RUN}/figure-s2`, {waitUntil: "networkidle"});
    await page.waitForSelector(".operando-mass-spectrum svg");
    const rows = await page.$$eval("#observablehq-main table tbody tr", (trs) => trs.map((tr) => tr.textContent ?? ""));
    await page.close();
    expect(rows.some((row) => row.includes("55Mn+"))).toBe(true);
  });

  it("names the frame the registration is unsure of on the pages that use the anode's drift, and the drift given by hand", async () => {
    const page = await site.browser().newPage();
    for (const path of ["figure-4", "heterogeneity", "supporting"]) {
      await page.goto(`${site.origin()}/${OWN_RUN}/${path}`, {waitUntil: "networkidle"});
      const notice = await page.waitForSelector(".operando-drift-notice");
      expect(await notice.textContent()).toMatch(/anode frame 5: peak NCC 0\.\d+ is below 0\.3: the frames match poorly/);
    }
    // The supporting page (the last opened): its registration table marks the hand-given drift and the unsure frame.
    const rows = await page.$$eval("#observablehq-main table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim())));
    expect(rows.some((cells) => cells.includes("cathode") && cells.includes("manual"))).toBe(true);
    expect(rows.some((cells) => cells.includes("anode") && cells.some((c) => /match poorly/.test(c ?? "")))).toBe(true);
    // Figure 3 shows the cathode, whose drifts are all sure: no notice there.
    await page.goto(`${site.origin()}/${OWN_RUN}/figure-3`, {waitUntil: "networkidle"});
    await page.waitForSelector(".operando-build-check");
    expect(await page.$(".operando-drift-notice")).toBeNull();
    await page.close();
  });

  it("names Figures 3 and 4 by this run's regions in the sidebar", async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.origin()}/${OWN_RUN}/`, {waitUntil: "load"});
    const links = await page.$$eval("#observablehq-sidebar a", (nodes) => nodes.map((node) => node.textContent?.trim()));
    await page.close();
    expect(links).toContain("Figure 3: Cathode composite (LMO)");
    expect(links).toContain("Figure 4: Anode");
    expect(links.join(" ")).not.toMatch(/positive|negative/);
  });
});

describe("a run of real NanoSIMS images, one .im file per region", () => {
  it.each(pages)(`/${NANOSIMS_RUN}/%s draws its figures with no error cell and no raw expression`, async (page) => {
    expect(await pageProblems(site.browser(), `${site.origin()}/${NANOSIMS_RUN}/${page}`)).toEqual([]);
  });

  it("has the species' counts per plane of the reference reader (SOURCES.md) and says the images are not of a battery", async () => {
    const images = tableFromIPC(readFileSync(join(siteFolder, "..", "src", "data", "runs", NANOSIMS_RUN, "images.arrow")));
    const total = (region: string, ion: string, frame: number) => images.toArray().find((r) => r.region === region && r.ion === ion && r.frame === frame)?.total_counts;
    expect(Number(total("sun", "12C", 0))).toBe(117_602_633);
    expect(Number(total("sun", "12C", 1))).toBe(121_041_056);
    expect(Number(total("openmims", "12C 15N", 0))).toBe(1_120_671);
    const page = await site.browser().newPage();
    await page.goto(`${site.origin()}/${NANOSIMS_RUN}/supporting`, {waitUntil: "networkidle"});
    const text = await page.$eval("#observablehq-main", (main) => (main as HTMLElement).innerText);
    await page.close();
    expect(text).toMatch(/real NanoSIMS measurements .* not images of a battery/);
    // The second plane of the two-plane file is registered onto the first, with its measured uncertainty (sd > 0).
    const sun1 = /sun\s+1\s+(-?\d+\.\d{2})\s+(-?\d+\.\d{2})\s+(-?\d+\.\d{3})\s+(-?\d+\.\d{3})\s+(\d+\.\d{3})\s+\d\.\d{3}\s+registered/.exec(text);
    expect(sun1, "the registration row of sun frame 1").not.toBeNull();
    expect(Number(sun1![5])).toBeGreaterThan(0);
    // Scale bars sized to the real fields (7.01 and 19.99 µm), and said so.
    expect(text).toMatch(/1 µm in sun, 2 µm in openmims/);
  });

  it("outlines on Figure 2 the particles segmented on the species the manifest chose (12C 14N), not the brightest", async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.origin()}/${NANOSIMS_RUN}/figure-2`, {waitUntil: "networkidle"});
    const text = await page.$eval("#observablehq-main", (main) => (main as HTMLElement).innerText);
    await page.close();
    expect(text).toMatch(/segmenting the registered sum of each region's marker ion \(12C 14N in sun, 12C 14N in openmims\)/);
  });
});
