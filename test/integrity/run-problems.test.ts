// Every problem of a run at build time, in one round, each naming its file; the good runs are still built.
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildTables, copyRun, makeBaseRun, printedLines} from "./run-folders.js";

const root = mkdtempSync(join(tmpdir(), "run-problems-"));
const dataDir = join(root, "data");
const outDir = join(root, "out");
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** An ASCII export with its last column dropped, its header kept consistent (pixels, total counts). */
function narrower(text: string): string {
  const lines = text.trimEnd().split("\n");
  const rows = lines.filter((l) => !l.startsWith("#")).map((l) => l.split("\t").slice(0, -1));
  const total = rows.flat().reduce((sum, v) => sum + Number(v), 0);
  const header = lines.filter((l) => l.startsWith("#")).map((l) => l
    .replace(/^# Pixels: (\d+) x (\d+)$/, (_, w, h) => `# Pixels: ${Number(w) - 1} x ${h}`)
    .replace(/^# Total counts: \d+$/, `# Total counts: ${total}`));
  return [...header, ...rows.map((r) => r.join("\t"))].join("\n") + "\n";
}

let result: {status: number | null; stderr: string};
let problems: {run: string; file: string; problem: string}[];

beforeAll(() => {
  const base = makeBaseRun(join(root, "base"));
  copyRun(base, dataDir, "good");
  // Optional parts: no truth and no ROI file; an ROI file of another name.
  copyRun(base, dataDir, "measured", (m, folder) => {
    m.synthetic = false;
    delete m.rois;
    delete m.figures; // the reference study's roles name its ROIs

    rmSync(join(folder, "rois.geojson"));
    rmSync(join(folder, "truth"), {recursive: true});
  });
  copyRun(base, dataDir, "own-rois", (m, folder) => {
    m.rois = "my-rois.geojson";
    writeFileSync(join(folder, "my-rois.geojson"), readFileSync(join(folder, "rois.geojson")));
    rmSync(join(folder, "rois.geojson"));
  });
  copyRun(base, dataDir, "wrong-roles", (m) => {
    m.figures = {figure3: {region: "positive", ions: ["99Xx+"], rois: ["no such ROI"]}};
  });
  copyRun(base, dataDir, "many-problems", (m, folder) => {
    m.sampel = m.sample; // misspelt keys, at the top and in an entry
    m.regions[0].fieldOfViewUM = m.regions[0].fieldOfViewUm;
    rmSync(join(folder, "sims/positive/f02/7Li+.txt"));
    const image = join(folder, "sims/negative/f01/6Li+.txt");
    writeFileSync(image, narrower(readFileSync(image, "utf-8")));
    const rois = JSON.parse(readFileSync(join(folder, "rois.geojson"), "utf-8"));
    rois.features[1].properties.region = "separator";
    writeFileSync(join(folder, "rois.geojson"), JSON.stringify(rois));
    // The cycling record cut at a line end, before the last frame of each region (12:46 local time).
    const mpt = readFileSync(join(folder, "echem/cycling.mpt"), "latin1").split("\n");
    writeFileSync(join(folder, "echem/cycling.mpt"), mpt.slice(0, 74 + 700).join("\n") + "\n", "latin1");
  });
  // The clocks' offset (potentiostat - SIMS) moves the first frames before the record's start.
  copyRun(base, dataDir, "clock-offset", (m) => {
    m.potentiostat.clockOffsetS = -600;
  });
  // JSON keeps the last of two equal keys; the build refuses them, with the line.
  copyRun(base, dataDir, "duplicate-key");
  const manifestPath = join(dataDir, "duplicate-key", "manifest.json");
  writeFileSync(manifestPath, readFileSync(manifestPath, "utf-8").replace('  "synthetic": true,', '  "synthetic": true,\n  "title": "Second title",'));
  // Registration by hand and off, each entry wrong in its own way, beside a missing image and a wrong role.
  copyRun(base, dataDir, "registration-problems", (m, folder) => {
    m.registration = {
      manualDriftPx: [
        {region: "positiv", frame: 1, driftPx: [1, 0]},
        {region: "positive", frame: 0, driftPx: [1, 0]},
        {region: "positive", frame: 7, driftPx: [1, 0]},
        {region: "positive", frame: 2, driftPx: [1, 0]},
        {region: "positive", frame: 2, driftPx: [2, 0]},
        {region: "negative", frame: 1, driftPx: [1, 0]}
      ],
      off: ["negative", "separator"]
    };
    m.figures.figure3.ions = ["6Li+", "55Mn+"];
    rmSync(join(folder, "sims/negative/f02/total.txt"));
  });
  // A frame with no contrast in its total-ion image: built, its drift named in the build's output as unsure.
  copyRun(base, dataDir, "flat-frame", (_, folder) => {
    const image = join(folder, "sims/negative/f02/total.txt");
    const lines = readFileSync(image, "utf-8").trimEnd().split("\n");
    const header = lines.filter((l) => l.startsWith("#")).map((l) => l.replace(/^# Total counts: \d+$/, `# Total counts: ${16 * 8 * 1000}`));
    writeFileSync(image, [...header, ...Array.from({length: 8}, () => Array(16).fill(1000).join("\t"))].join("\n") + "\n");
  });
  result = buildTables(dataDir, outDir);
  problems = JSON.parse(readFileSync(join(outDir, "errors.json"), "utf-8"));
}, 120_000);

describe("bin/build-tables.ts reports every problem of a run at once", () => {
  it("builds the good run, leaves the others out, writes errors.json and exits 1", () => {
    expect(result.status).toBe(1);
    expect(JSON.parse(readFileSync(join(outDir, "index.json"), "utf-8")).map((r: {run: string}) => r.run)).toEqual(["flat-frame", "good", "measured", "own-rois"]);
    expect(JSON.parse(readFileSync(join(outDir, "good", "parts.json"), "utf-8"))).toEqual({rois: true, truth: true, spectrum: true});
    const printed = printedLines(result.stderr).filter((l) => l.startsWith("error: "));
    expect(printed).toEqual(problems.map((p) => `error: ${p.file}: ${p.problem}`));
  });

  it("builds a run without truth or ROI file, and one whose ROI file has another name, saying which parts it has", () => {
    expect(JSON.parse(readFileSync(join(outDir, "measured", "parts.json"), "utf-8"))).toEqual({rois: false, truth: false, spectrum: true});
    // The pages read files that always exist: no ROI is an empty collection, no truth null.
    expect(JSON.parse(readFileSync(join(outDir, "measured", "rois.geojson"), "utf-8"))).toEqual({type: "FeatureCollection", features: []});
    expect(JSON.parse(readFileSync(join(outDir, "measured", "truth.json"), "utf-8"))).toBeNull();
    expect(JSON.parse(readFileSync(join(outDir, "own-rois", "parts.json"), "utf-8"))).toEqual({rois: true, truth: true, spectrum: true});
    expect(readFileSync(join(outDir, "own-rois", "rois.geojson"))).toEqual(readFileSync(join(dataDir, "own-rois", "my-rois.geojson")));
  });

  it("refuses figure roles that name what the run does not have, each with its JSON path", () => {
    const shown = problems.filter((p) => p.run === "wrong-roles").map((p) => p.problem);
    expect(shown).toEqual([
      'manifest: /figures/figure3/ions/0: no 99Xx+ images of region "positive" (its ions: 6Li+, 7Li+, 58Ni+, 59Co+)',
      'manifest: /figures/figure3/rois/0: no ROI "no such ROI" in region "positive" (its ROIs: region 1, region 2)'
    ]);
  });

  it("lists schema, file, image, ROI and frame-time problems of one run together", () => {
    const run = join(dataDir, "many-problems");
    const shown = problems.filter((p) => p.run === "many-problems").map((p) => `${p.file}: ${p.problem}`);
    expect(shown).toEqual([
      `${run}/manifest.json: manifest: /sampel: is not a known key; did you mean "sample"?`,
      `${run}/manifest.json: manifest: /regions/0/fieldOfViewUM: is not a known key; did you mean "fieldOfViewUm"?`,
      `${run}/sims/positive/f02/7Li+.txt: no such file in the run folder (image of ion "7Li+", /frames/2)`,
      `${run}/rois.geojson: ROI file: feature 1 ("${JSON.parse(readFileSync(join(run, "rois.geojson"), "utf-8")).features[1].properties.name}"): region "separator" is not one of positive, negative`,
      `${run}/sims/negative/f01/6Li+.txt: sims-run: image is 15 x 8 pixels, the manifest region "negative" 16 x 8`,
      ...[["2", "positive"], ["5", "negative"]].map(([at, region]) => `${run}/manifest.json: manifest: /frames/${at}: frame 2 of region "${region}", ` +
        "acquired 2025-06-02 12:46:21 to 2025-06-02 13:13:01 Asia/Tokyo (2025-06-02T03:46:21Z to 2025-06-02T04:13:01Z), lies outside the cycling record, " +
        "2025-06-02 10:15:32.418 to 2025-06-02 12:11:52.418 Asia/Tokyo (2025-06-02T01:15:32.418Z to 2025-06-02T03:11:52.418Z)")
    ]);
  });

  it("refuses a clock offset that moves frames off the cycling record, giving both clocks", () => {
    const shown = problems.filter((p) => p.run === "clock-offset").map((p) => p.problem);
    expect(shown.length).toBeGreaterThan(0);
    for (const problem of shown) {
      expect(problem).toMatch(/^manifest: \/frames\/\d+: frame 0 of region "(positive|negative)", acquired .* Asia\/Tokyo \(.*Z\) \(.* on the potentiostat's clock, with \/potentiostat\/clockOffsetS -600 s\), lies outside the cycling record, /);
    }
  });

  it("lists every problem of the registration section with its JSON path, in the round of the files and roles", () => {
    const run = join(dataDir, "registration-problems");
    const shown = problems.filter((p) => p.run === "registration-problems").map((p) => `${p.file.slice(run.length + 1)}: ${p.problem}`);
    expect(shown).toEqual([
      'sims/negative/f02/total.txt: no such file in the run folder (image of ion "total", /frames/5)',
      'manifest.json: manifest: /registration/manualDriftPx/0/region: manual drift: region "positiv" has no images (regions: positive, negative)',
      'manifest.json: manifest: /registration/manualDriftPx/1/frame: manual drift: frame 0 is the reference frame of region "positive" (drift 0 by definition)',
      'manifest.json: manifest: /registration/manualDriftPx/2/frame: manual drift: region "positive" has no frame 7 (its frames: 0, 1, 2)',
      'manifest.json: manifest: /registration/manualDriftPx/4: manual drift: region "positive" frame 2 is given twice (also /registration/manualDriftPx/3)',
      'manifest.json: manifest: /registration/manualDriftPx/5: manual drift: registration is off for region "negative" (/registration/off), so every frame of it has drift 0 and this drift would not be used',
      'manifest.json: manifest: /registration/off/1: registration off: region "separator" has no images (regions: positive, negative)',
      'manifest.json: manifest: /figures/figure3/ions/1: no 55Mn+ images of region "positive" (its ions: 6Li+, 7Li+, 58Ni+, 59Co+)'
    ]);
  });

  it("builds a run with a frame the registration is unsure of, naming the frame in its output and in drift.json", () => {
    const manifest = join(dataDir, "flat-frame", "manifest.json");
    expect(printedLines(result.stderr)).toContain(`warning: ${manifest}: region "negative" frame 2: no contrast in the registration image: drift 0 applied`);
    const negative = JSON.parse(readFileSync(join(outDir, "flat-frame", "drift.json"), "utf-8")).find((d: {region: string}) => d.region === "negative");
    expect(negative.frames.find((f: {frame: number}) => f.frame === 2)).toMatchObject({reliable: false, driftPx: [0, 0]});
    expect(negative.frames.find((f: {frame: number}) => f.frame === 1)).toMatchObject({reliable: true});
  });

  it("refuses a key given twice in one object, with its line", () => {
    expect(problems.filter((p) => p.run === "duplicate-key")).toEqual([{
      run: "duplicate-key", file: join(dataDir, "duplicate-key", "manifest.json"),
      problem: 'key "title" appears twice in / (also line 4); JSON keeps only the last (line 6)'
    }]);
  });
});
