// A run unlike the paper's (own-run.ts: other ions, regions and ROI names, listings and TIFFs, no truth, measured,
// another time zone, a real BioLogic file), built into a site of its own: every one of its pages works.
import {describe, expect, it} from "vitest";
import {writeOwnRun, OWN_RUN} from "./own-run.js";
import {buildOwnSite} from "./own-site.js";
import {useBuiltSite} from "./built-site.js";
import {pageProblems} from "./page-checks.js";

const site = useBuiltSite({build: () => buildOwnSite("own-run", writeOwnRun)});
const pages = ["", "figure-1d", "figure-2", "figure-3", "figure-4", "figure-s2", "supporting", "heterogeneity", "explorer"];

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
