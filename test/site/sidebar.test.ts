// The site's sidebar (observablehq.config.ts) from what the build wrote: two runs of one title told apart by their
// ids, and the "Build problems" page listed only when runs were left out.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it, vi} from "vitest";

interface SidebarEntry {
  name: string;
  path?: string;
  pages?: {name: string; path: string}[];
}

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, {recursive: true, force: true})));

/** The config's pages for a site root holding these runs (index.json) and problems (errors.json). */
async function sidebar(runs: {run: string; title: string}[], problems: unknown[]): Promise<SidebarEntry[]> {
  const root = mkdtempSync(join(tmpdir(), "sidebar-"));
  roots.push(root);
  mkdirSync(join(root, "[run]"));
  writeFileSync(join(root, "[run]", "index.md"), "# Run\n");
  mkdirSync(join(root, "data", "runs"), {recursive: true});
  writeFileSync(join(root, "data", "runs", "index.json"), JSON.stringify(runs));
  writeFileSync(join(root, "data", "runs", "errors.json"), JSON.stringify(problems));
  vi.stubEnv("OPERANDO_SITE_ROOT", root);
  vi.resetModules();
  try {
    return (await import("../../observablehq.config.js")).default.pages as SidebarEntry[];
  } finally {
    vi.unstubAllEnvs();
  }
}

describe("the sidebar", () => {
  it("tells two runs of one title apart by their ids, and leaves a title of its own as it is", async () => {
    const pages = await sidebar([{run: "cell-7", title: "LMO cell"}, {run: "cell-7-repeat", title: "LMO cell"}, {run: "other", title: "Other cell"}], []);
    const runs = pages.filter((p) => p.pages);
    expect(runs.map((p) => p.name)).toEqual(["LMO cell (cell-7)", "LMO cell (cell-7-repeat)", "Other cell"]);
    expect(runs.map((p) => p.pages![0].path)).toEqual(["/cell-7/", "/cell-7-repeat/", "/other/"]);
    expect(pages.some((p) => p.path === "/errors")).toBe(false);
  });

  it("lists the Build problems page, with their number, when runs were left out", async () => {
    const problem = {run: "broken", file: "data/broken/manifest.json", problem: "manifest: /potentostat: is not a known key"};
    const pages = await sidebar([{run: "good", title: "Good"}], [problem, problem]);
    expect(pages[0]).toEqual({name: "Build problems (2)", path: "/errors"});
  });
});
