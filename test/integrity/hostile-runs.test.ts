// Hostile run folders: no byte of a file outside its run folder may reach the tables or a message.
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, renameSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildTables, copyRun, filesUnder, makeBaseRun, printedLines, type ManifestJson} from "./run-folders.js";

const MARKER = "OUTSIDE-MARKER-5d1e7c";
const root = mkdtempSync(join(tmpdir(), "hostile-runs-"));
const outside = join(root, "outside");
const dataDir = join(root, "data");
const outDir = join(root, "out");
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** Every (region, ion, frame) of the manifest as an explicit image list. */
function explicitImages(manifest: ManifestJson): ManifestJson[] {
  return manifest.frames.flatMap((frame: ManifestJson) => manifest.ions
    .filter((ion: ManifestJson) => ion.regions.includes(frame.region))
    .map((ion: ManifestJson) => ({region: frame.region, ion: ion.id, frame: frame.index,
      file: `sims/${frame.region}/f${String(frame.index).padStart(2, "0")}/${ion.id}.txt`})));
}

const onlyIon = (manifest: ManifestJson, id: string) => {
  manifest.ions = [{id, regions: manifest.regions.map((r: ManifestJson) => r.id)}];
};

let result: {status: number | null; stderr: string};
let problems: {run: string; file: string; problem: string}[];

beforeAll(() => {
  const base = makeBaseRun(join(root, "base"));
  // Outside files that would pass every check if they were read: valid images, ROI file, truth, cycling file,
  // each carrying the marker where a message would quote it.
  mkdirSync(join(outside, "secret"), {recursive: true});
  const image = readFileSync(join(base, "sims/positive/f00/6Li+.txt"), "utf-8");
  for (const frame of ["00", "01", "02"]) {
    writeFileSync(join(outside, `f${frame}.txt`), image.replace(/# Sample: .*/, `# Sample: ${MARKER}`));
    mkdirSync(join(outside, "secret", `x${frame}`));
  }
  writeFileSync(join(outside, "secret", "passwd"), `root:${MARKER}:0:0\n`);
  const rois = JSON.parse(readFileSync(join(base, "rois.geojson"), "utf-8"));
  rois.features[0].properties.name = MARKER;
  writeFileSync(join(outside, "rois.geojson"), JSON.stringify(rois));
  writeFileSync(join(outside, "truth.json"), readFileSync(join(base, "truth/truth.json"), "utf-8").replace(/"sample": "[^"]*"/, `"sample": "${MARKER}"`));
  writeFileSync(join(outside, "cycling.mpt"), readFileSync(join(base, "echem/cycling.mpt"), "latin1").replace("\n", `\n${MARKER}\n`), "latin1");
  copyRun(base, outside, "elsewhere", (m) => (m.title = MARKER));

  mkdirSync(dataDir);
  copyRun(base, dataDir, "good");
  copyRun(base, dataDir, "inside-link", (_, folder) => {
    mkdirSync(join(folder, "extra"));
    renameSync(join(folder, "rois.geojson"), join(folder, "extra", "rois.geojson"));
    symlinkSync(join(folder, "extra", "rois.geojson"), join(folder, "rois.geojson"));
  });
  // An ion id `..` climbs out through the pattern: <data>/<run>/../../outside/f00.txt.
  copyRun(base, dataDir, "dotdot-ion", (m) => {
    onlyIon(m, "..");
    m.images = {pattern: "{ion}/{ion}/outside/f{frame}.txt"};
  });
  copyRun(base, dataDir, "passwd-ion", (m) => {
    onlyIon(m, "..");
    m.images = {pattern: "{ion}/{ion}/outside/secret/x{frame}/{ion}/passwd"};
  });
  copyRun(base, dataDir, "etc-passwd", (m) => {
    onlyIon(m, "..");
    m.images = {pattern: `${"{ion}/".repeat(12)}etc/x{frame}/{ion}/passwd`};
  });
  copyRun(base, dataDir, "absolute", (m) => {
    m.potentiostat.file = join(outside, "cycling.mpt");
    m.rois = join(outside, "rois.geojson");
    m.images = explicitImages(m);
    m.images[0].file = join(outside, "f00.txt");
  });
  copyRun(base, dataDir, "symlinks", (_, folder) => {
    for (const [link, target] of [["sims/positive/f00/6Li+.txt", "f00.txt"], ["rois.geojson", "rois.geojson"], ["truth/truth.json", "truth.json"], ["echem/cycling.mpt", "cycling.mpt"]]) {
      rmSync(join(folder, link));
      symlinkSync(join(outside, target), join(folder, link));
    }
  });
  // A linked folder inside the run that leads out: every image in it is refused.
  copyRun(base, dataDir, "linked-folder", (_, folder) => {
    cpSync(join(folder, "sims/negative"), join(outside, "negative"), {recursive: true});
    rmSync(join(folder, "sims/negative"), {recursive: true});
    symlinkSync(join(outside, "negative"), join(folder, "sims/negative"));
  });
  symlinkSync(join(outside, "elsewhere"), join(dataDir, "linked"));
  copyRun(base, dataDir, "index.json");
  copyRun(base, dataDir, "Bad_Name");
  result = buildTables(dataDir, outDir);
  problems = JSON.parse(readFileSync(join(outDir, "errors.json"), "utf-8"));
}, 120_000);

const problemsOf = (run: string) => problems.filter((p) => p.run === run).map((p) => `${p.file}: ${p.problem}`);

describe("bin/build-tables.ts on hostile run folders", () => {
  it("builds the good runs, leaves every hostile one out and exits 1", () => {
    expect(result.status).toBe(1);
    const index = JSON.parse(readFileSync(join(outDir, "index.json"), "utf-8"));
    expect(index.map((r: {run: string}) => r.run)).toEqual(["good", "inside-link"]);
    expect(new Set(problems.map((p) => p.run))).toEqual(new Set(["dotdot-ion", "passwd-ion", "etc-passwd", "absolute", "symlinks", "linked-folder", "linked", "index.json", "Bad_Name"]));
  });

  it("lets no byte of an outside file reach the tables or a message", () => {
    expect(result.stderr).not.toContain(MARKER);
    for (const [name, bytes] of filesUnder(outDir)) expect(bytes.includes(MARKER), name).toBe(false);
    const firstLine = readFileSync("/etc/passwd", "utf-8").split("\n")[0];
    expect(result.stderr).not.toContain(firstLine);
  });

  it("prints each problem as one line error: <file>: <problem>, and nothing else but progress", () => {
    for (const line of printedLines(result.stderr)) {
      expect(line).toMatch(/^(error: [^:\s]+: \S.*|[a-z0-9-]+: (left out of the site, \d+ problems?:|\d+ images .*)|\d+ runs? left out .*)$/);
    }
    expect(printedLines(result.stderr).filter((l) => l.startsWith("error: "))).toHaveLength(problems.length);
  });

  it("refuses an ion id of . or .. in the schema, and a filled pattern that climbs out", () => {
    for (const run of ["dotdot-ion", "passwd-ion", "etc-passwd"]) {
      expect(problemsOf(run)).toEqual(expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${dataDir}/${run}/manifest.json: manifest: /ions/0/id: must not be \\. or \\.\\. nor hold`)),
        expect.stringMatching(/\/images\/pattern: filled for region "[a-z]+", ion "\.\.", frame 0: ".*" climbs out of its folder/)
      ]));
    }
  });

  it("refuses absolute paths, naming the manifest keys", () => {
    const shown = problemsOf("absolute");
    expect(shown).toEqual(expect.arrayContaining([
      expect.stringMatching(/manifest\.json: manifest: \/potentiostat\/file: ".*" is absolute/),
      expect.stringMatching(/manifest\.json: manifest: \/rois: ".*" is absolute/),
      expect.stringMatching(/manifest\.json: manifest: \/images\/0\/file: ".*" is absolute/)
    ]));
  });

  it("refuses symbolic links that lead outside the run folder, and follows those that stay inside", () => {
    expect(problemsOf("symlinks").sort()).toEqual([
      `${dataDir}/symlinks/echem/cycling.mpt: leads outside the run folder through a symbolic link; copy the file into the run folder (potentiostat file, /potentiostat/file)`,
      `${dataDir}/symlinks/rois.geojson: leads outside the run folder through a symbolic link; copy the file into the run folder (ROI file, /rois)`,
      `${dataDir}/symlinks/sims/positive/f00/6Li+.txt: leads outside the run folder through a symbolic link; copy the file into the run folder (image of ion "6Li+", /frames/0)`,
      `${dataDir}/symlinks/truth/truth.json: leads outside the run folder through a symbolic link; copy the file into the run folder`
    ]);
    expect(problemsOf("linked-folder")).toHaveLength(15); // 5 ions x 3 frames of region "negative"
    for (const shown of problemsOf("linked-folder")) expect(shown).toMatch(/sims\/negative\/f0\d\/.*: leads outside the run folder through a symbolic link/);
    expect(readFileSync(join(outDir, "inside-link", "rois.geojson"))).toEqual(readFileSync(join(dataDir, "inside-link", "extra", "rois.geojson")));
  });

  it("reports a symbolic link as run folder and a folder name that cannot be a page path", () => {
    expect(problemsOf("linked")).toEqual([`${dataDir}/linked: is a symbolic link; a run folder must be a real folder inside the data folder (copy or move it there)`]);
    for (const run of ["index.json", "Bad_Name"]) {
      expect(problemsOf(run)).toEqual([`${dataDir}/${run}: a run folder's name is its page path: use lower-case letters, digits and - only`]);
    }
  });
});
