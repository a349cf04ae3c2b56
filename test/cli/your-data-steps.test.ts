// The steps of the "Your own data" page (src/your-data.md), followed as written: its folder layout, its manifest
// and ROI file copied from the page, a real BioLogic .mpr as the potentiostat file, image exports at the paths
// its pattern names (the only files a user brings that the page cannot give), then the build's tables and the
// page's npm run roi command, run from a folder of their own.
import {spawnSync} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {createRandom} from "@operando/lib/model/random";
import {writeAsciiImage} from "@operando/loaders/sims/write-ascii";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const page = readFileSync(join(root, "src", "your-data.md"), "utf-8");
const work = mkdtempSync(join(tmpdir(), "your-data-steps-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

/** The page's fenced blocks of one language ("" for a plain block), in order. */
function blocks(language: string): string[] {
  return [...page.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === language).map((m) => m[2]);
}

const layout = blocks("").find((block) => block.startsWith("data/my-run/"))!;
const [manifestText, roiText] = blocks("json");
const manifest = JSON.parse(manifestText);
/** The files of the layout block, as paths under data/ (its "..." line left out). */
const layoutFiles = layout.split("\n").slice(1).map((line) => line.trim().split(/\s+/)[0]).filter((name) => name && name !== "..." && name.includes("."))
  .map((name) => `data/my-run/${name}`);
/** `npm run roi -- <run folder> <ROI file> <output>` as the page writes it. */
const roiCommand = page.match(/`npm run roi -- (\S+) (\S+) (\S+)`/)!.slice(1);

function write(path: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(join(work, path)), {recursive: true});
  writeFileSync(join(work, path), contents);
}

let tables: {status: number | null; stderr: string};
let roi: {status: number | null; stderr: string};

beforeAll(() => {
  const run = "data/my-run";
  write(`${run}/manifest.json`, manifestText);
  write(`${run}/my-rois.geojson`, roiText);
  mkdirSync(join(work, run, "echem"), {recursive: true});
  copyFileSync(`${SHARED_FIXTURES}potentiostat/biologic/gcpl.issue_149.mpr`, join(work, run, manifest.potentiostat.file));
  // Images of two round particles over a background, at the size the manifest gives, where its pattern puts them.
  const random = createRandom(7);
  for (const region of manifest.regions) {
    const [width, height] = region.pixels;
    for (const frame of manifest.frames.filter((f: {region: string}) => f.region === region.id)) {
      for (const ion of manifest.ions.filter((i: {regions: string[]}) => i.regions.includes(region.id))) {
        const data = Array.from({length: width * height}, (_, i) => {
          const [x, y] = [i % width, Math.floor(i / width)];
          const inside = Math.hypot(x - 16, y - 14) < 6 || Math.hypot(x - 44, y - 18) < 8;
          return random.poisson((inside ? 30 : 4) * (ion.id === "total" ? 3 : 1));
        });
        const file = manifest.images.pattern.replace("{region}", region.id).replace("{frame}", String(frame.index).padStart(2, "0")).replace("{ion}", ion.id);
        write(`${run}/${file}`, writeAsciiImage({data, width, height}, {region: region.id, ion: ion.id, fieldOfViewUm: region.fieldOfViewUm}));
      }
    }
  }
  const tsx = join(root, "node_modules/.bin/tsx");
  const build = spawnSync(tsx, [join(root, "bin/build-tables.ts"), "--data", "data", "--out", "out"], {cwd: work, encoding: "utf-8"});
  tables = {status: build.status, stderr: build.stderr};
  const trends = spawnSync(tsx, [join(root, "bin/roi.ts"), ...roiCommand], {cwd: work, encoding: "utf-8"});
  roi = {status: trends.status, stderr: trends.stderr};
}, 180_000);

describe("the steps of the Your own data page", () => {
  it("name every file of the folder they draw, and the manifest names the same run", () => {
    expect(layoutFiles).toEqual(["data/my-run/manifest.json", "data/my-run/echem/cell.mpr", "data/my-run/sims/positive/f00/58Ni+.txt", "data/my-run/my-rois.geojson"]);
    for (const file of layoutFiles) expect(existsSync(join(work, file)), file).toBe(true);
    expect(manifest.run).toBe("my-run");
    expect(join("data/my-run", manifest.rois)).toBe(layoutFiles[3]);
  });

  it("give a run that the build converts, with no problem", () => {
    expect(tables.stderr).not.toMatch(/error:/);
    expect(tables.status).toBe(0);
    expect(JSON.parse(readFileSync(join(work, "out", "index.json"), "utf-8")).map((r: {run: string}) => r.run)).toEqual(["my-run"]);
    expect(JSON.parse(readFileSync(join(work, "out", "my-run", "parts.json"), "utf-8"))).toMatchObject({rois: true, truth: false});
  });

  it("give the ROI trends of the page's npm run roi command", () => {
    expect(roi.stderr).not.toMatch(/error:/);
    expect(roi.status).toBe(0);
    const rows = readFileSync(join(work, roiCommand[2]), "utf-8").trimEnd().split("\n");
    // One row per (ROI, ion, frame): particle A in 58Ni+ and total at three frames.
    expect(rows.slice(1).filter((row) => row.startsWith("particle A,positive,"))).toHaveLength(2 * 3);
  });
});
