// npm run export (bin/export.ts): the reference runs as one hive-partitioned Parquet dataset, over which the ROI
// SQL of the pages (lib/roi/sql.ts) run in DuckDB gives the library's ROI sums exactly; refusals leave nothing.
import {spawn, spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {driftLookup, driftSdLookup, registerRegions, type RegionDrift} from "@operando/lib/imaging/drift";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {roiFrameMasks} from "@operando/lib/roi/aggregate";
import {roisFromGeoJson} from "@operando/lib/roi/geojson";
import {roiCountsSql} from "@operando/lib/roi/sql";
import {roiTrends, type RoiTrendRow} from "@operando/lib/roi/trend";
import type {Roi} from "@operando/lib/roi/types";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {loadRun, type RunTables} from "@operando/loaders/sims/run";
import {copyRun, filesUnder, makeBaseRun, printedLines} from "../integrity/run-folders.js";

const project = new URL("../../", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "export-"));
afterAll(() => rmSync(root, {recursive: true, force: true}));

const REFERENCE_RUNS = ["reference", "reference-s16"];

function exportRuns(args: string[]): {status: number | null; lines: string[]} {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/export.ts", ...args], {cwd: project, encoding: "utf-8"});
  return {status: result.status, lines: printedLines(result.stderr)};
}

/** The export's pixels as the README's DuckDB query reads them: partition values as text, whatever they look like. */
const pixelsOf = (folder: string) =>
  `read_parquet('${folder}/pixels/**/*.parquet', hive_partitioning = true, hive_types = {'run': VARCHAR, 'region': VARCHAR, 'ion': VARCHAR})`;

async function duckdb(): Promise<DuckDBConnection> {
  return (await DuckDBInstance.create(":memory:")).connect();
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** A run as `npm run roi` computes it (bin/roi.ts): loaded from its folder, registered, its ROI file's trends. */
interface LibraryRun {
  tables: RunTables;
  rois: Roi[];
  drifts: RegionDrift[];
  trends: RoiTrendRow[];
  masks: ReturnType<typeof roiFrameMasks>;
}

async function libraryRun(folder: string): Promise<LibraryRun> {
  const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf-8"));
  const tables = await loadRun(manifest, (path) => readFile(join(folder, path)));
  const regions = tables.manifest.regions.map((r) => r.id);
  const rois = roisFromGeoJson(JSON.parse(readFileSync(join(folder, tables.manifest.rois!), "utf-8")), regions);
  const stacks = stacksFromTables(tables.images, tables.pixels);
  const drifts = registerRegions(stacks, "total", {manualDriftPx: tables.manifest.registration?.manualDriftPx, registrationOff: tables.manifest.registration?.off});
  const grids = regions.map((region) => {
    const s = stacks.find((stack) => stack.region === region)!;
    return {region, width: s.width, height: s.height, pixelWidthUm: s.pixelWidthUm, pixelHeightUm: s.pixelHeightUm, frames: s.frames};
  });
  const masks = roiFrameMasks(rois, grids, driftLookup(drifts), new Map(), driftSdLookup(drifts));
  return {tables, rois, drifts, masks, trends: roiTrends(stacks, masks)};
}

describe("npm run export of the reference runs", () => {
  const dataDir = join(root, "data");
  const exported = join(root, "export");
  const library = new Map<string, LibraryRun>();
  let connection: DuckDBConnection;
  let printed: string[];

  beforeAll(async () => {
    // The reference runs of data/ (made by npm run tables if missing), copied so that other runs of data/ stay out.
    expect(spawnSync(process.execPath, ["--import", "tsx", "scripts/ensure-reference-data.ts"], {cwd: project, stdio: "ignore"}).status).toBe(0);
    for (const run of REFERENCE_RUNS) cpSync(join(project, "data", run), join(dataDir, run), {recursive: true});
    const result = exportRuns([exported, "--data", dataDir]);
    printed = result.lines;
    expect(result.status, printed.join("\n")).toBe(0);
    for (const run of REFERENCE_RUNS) library.set(run, await libraryRun(join(dataDir, run)));
    connection = await duckdb();
    await connection.run(`CREATE VIEW images AS SELECT * FROM read_parquet('${exported}/images/*.parquet')`);
  }, 300_000);
  afterAll(() => connection?.closeSync());

  it("writes one pixels dataset partitioned by run, region and ion, and one file per run of every other table, all zstd", async () => {
    const expectedPixelFiles = REFERENCE_RUNS.flatMap((run) => {
      const {images} = library.get(run)!.tables;
      const pairs = new Set(Array.from({length: images.numRows}, (_, i) => `${images.get(i)!.region}|${images.get(i)!.ion}`));
      return [...pairs].map((pair) => `pixels/run=${run}/region=${pair.split("|")[0]}/ion=${pair.split("|")[1]}/part-0.parquet`);
    });
    const otherFiles = ["frames", "images", "cycling", "rois", "drift"].flatMap((table) => REFERENCE_RUNS.map((run) => `${table}/${run}.parquet`));
    expect([...filesUnder(exported).keys()].sort()).toEqual([...expectedPixelFiles, ...otherFiles].sort());
    expect(readdirSync(root).filter((name) => name.startsWith("."))).toEqual([]);
    expect(await rows(connection, `SELECT DISTINCT compression FROM parquet_metadata('${exported}/**/*.parquet')`)).toEqual([{compression: "ZSTD"}]);
    expect(printed.at(-1)).toMatch(new RegExp(`^${exported}: 2 runs, \\d+ pixel values, ${expectedPixelFiles.length + otherFiles.length} files, [\\d.]+ MB in [\\d.]+ s$`));
    for (const run of REFERENCE_RUNS) expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^${run}: checked in [\\d.]+ s; \\d+ pixel values, 15 files, [\\d.]+ MB written in [\\d.]+ s$`)));
  });

  it("holds every pixel of every image once, and every row of the frames, images and cycling tables with its run", async () => {
    for (const run of REFERENCE_RUNS) {
      const {tables} = library.get(run)!;
      const imagePixels = Array.from({length: tables.images.numRows}, (_, i) => tables.images.get(i)!.width * tables.images.get(i)!.height).reduce((a, b) => a + b);
      const [pixelRows] = await rows(connection, `SELECT count(*) AS n, count(DISTINCT (region, ion, frame, y, x)) AS distinct_pixels, sum(counts) AS counts FROM ${pixelsOf(exported)} WHERE run = '${run}'`);
      const totalCounts = Array.from({length: tables.images.numRows}, (_, i) => Number(tables.images.get(i)!.total_counts)).reduce((a, b) => a + b);
      expect(pixelRows).toEqual({n: BigInt(imagePixels), distinct_pixels: BigInt(imagePixels), counts: BigInt(totalCounts)});
      const potentiostat = tables.manifest.potentiostat!;
      const cycling = parseCyclingFile(readFileSync(join(dataDir, run, potentiostat.file)), potentiostat.file, {timeZone: potentiostat.timeZone ?? tables.manifest.timeZone});
      for (const [table, expected] of [["frames", tables.frames], ["images", tables.images], ["cycling", cycling]] as const) {
        expect(await rows(connection, `SELECT count(*) AS n FROM read_parquet('${exported}/${table}/*.parquet', union_by_name = true) WHERE run = '${run}'`)).toEqual([{n: BigInt(expected.numRows)}]);
      }
    }
    // Integers are BIGINT in every table, whatever the smallest type of a run's column, so files of runs share a schema.
    const types = await rows(connection, `SELECT DISTINCT typeof(frame) AS frame, typeof(width) AS width, typeof(total_counts) AS total_counts FROM images`);
    expect(types).toEqual([{frame: "BIGINT", width: "BIGINT", total_counts: "BIGINT"}]);
  });

  it("the pages' ROI SQL over read_parquet of the pixels gives the library's ROI sums exactly, per (run, region, ion, frame, ROI)", async () => {
    let compared = 0;
    let countsCompared = 0;
    for (const run of REFERENCE_RUNS) {
      const {masks, trends} = library.get(run)!;
      const sqlRows = await rows(connection, roiCountsSql(masks, {exportedPixels: pixelsOf(exported), imagesTable: "images", run}));
      expect(sqlRows).toHaveLength(trends.length);
      const byKey = new Map(sqlRows.map((r) => [`${r.region}|${r.ion}|${r.frame}|${r.roi}`, r]));
      for (const row of trends) {
        const sqlRow = byKey.get(`${row.region}|${row.ion}|${row.frame}|${row.roi}`);
        expect(sqlRow, `${run} ${row.region} ${row.ion} frame ${row.frame} ${row.roi}`).toBeDefined();
        expect(Number(sqlRow!.counts)).toBe(row.counts);
        expect(sqlRow!.area_um2).toBe(row.areaUm2);
        expect(sqlRow!.counts_per_um2).toBe(row.countsPerUm2);
        expect([sqlRow!.drift_x_px, sqlRow!.drift_y_px]).toEqual([row.driftXPx, row.driftYPx]);
        expect(Number(sqlRow!.registration_variance)).toBeCloseTo(row.registrationSdCounts ** 2, 3);
        compared++;
        countsCompared += row.counts;
      }
    }
    console.log(`ROI SQL over the exported Parquet: ${compared} (run, region, ion, frame, ROI) rows equal to roiTrends, ${countsCompared} counts in all`);
    expect(compared).toBe(REFERENCE_RUNS.length * 4 * 5 * 17);
    expect(() => roiCountsSql([], {exportedPixels: pixelsOf(exported)})).toThrow("roiCountsSql: exportedPixels holds many runs; give the run");
  });

  it("carries the drift the pages apply and the ROIs as GeoJSON, enough to compute the same masks elsewhere", async () => {
    for (const run of REFERENCE_RUNS) {
      const {drifts, rois} = library.get(run)!;
      const drift = await rows(connection, `SELECT region, frame, drift_x_px, drift_y_px, drift_sd_px FROM read_parquet('${exported}/drift/${run}.parquet') ORDER BY region, frame`);
      const expected = drifts.flatMap((d) => [...d.byFrame].map(([frame, e]) => ({region: d.region, frame: BigInt(frame), drift_x_px: e.driftPx[0], drift_y_px: e.driftPx[1], drift_sd_px: e.sdPx})));
      expect(drift).toEqual(expected.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : Number(a.frame - b.frame))));
      const roiRows = await rows(connection, `SELECT roi, region, geometry_geojson FROM read_parquet('${exported}/rois/${run}.parquet')`);
      const features = roiRows.map((r) => ({type: "Feature", properties: {name: r.roi, region: r.region}, geometry: JSON.parse(String(r.geometry_geojson))}));
      expect(roisFromGeoJson({type: "FeatureCollection", features})).toEqual(rois);
    }
  });
});

describe("npm run export refuses, and leaves nothing behind", () => {
  const dataDir = join(root, "small-data");
  const target = join(root, "small-export");
  /** Nothing of an export beside the target: no temporary or previous folder. */
  const leftovers = () => readdirSync(root).filter((name) => name.startsWith(".small-export."));

  beforeAll(() => {
    copyRun(makeBaseRun(join(root, "base")), dataDir, "small");
  }, 120_000);

  it("an existing folder that is not empty, unless --force; an existing empty one is filled", () => {
    mkdirSync(target);
    writeFileSync(join(target, "kept.txt"), "not an export\n");
    const refused = exportRuns([target, "--data", dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.lines).toEqual([`error: ${target}: the folder exists and is not empty; give --force to replace it`]);
    expect([...filesUnder(target).keys()]).toEqual(["kept.txt"]);

    expect(exportRuns([target, "--data", dataDir, "--force"]).status).toBe(0);
    expect(existsSync(join(target, "kept.txt"))).toBe(false);
    expect(existsSync(join(target, "frames", "small.parquet"))).toBe(true);

    rmSync(target, {recursive: true});
    mkdirSync(target);
    expect(exportRuns([target, "--data", dataDir]).status).toBe(0);
    expect(existsSync(join(target, "frames", "small.parquet"))).toBe(true);
    expect(leftovers()).toEqual([]);
    rmSync(target, {recursive: true});
  }, 120_000);

  it("a data folder with a run with problems: every problem printed, exit 1, nothing written", () => {
    const problemData = join(root, "problem-data");
    copyRun(join(root, "base"), problemData, "good");
    copyRun(join(root, "base"), problemData, "broken", (m, folder) => {
      m.regions[0].fieldOfViewUM = m.regions[0].fieldOfViewUm;
      rmSync(join(folder, "sims/positive/f01/7Li+.txt"));
    });
    const result = exportRuns([target, "--data", problemData]);
    expect(result.status).toBe(1);
    expect(result.lines.filter((line) => line.startsWith("error: "))).toEqual([
      `error: ${join(problemData, "broken", "manifest.json")}: manifest: /regions/0/fieldOfViewUM: is not a known key; did you mean "fieldOfViewUm"?`,
      `error: ${join(problemData, "broken", "sims/positive/f01/7Li+.txt")}: no such file in the run folder (image of ion "7Li+", /frames/1)`,
      `error: ${target}: not written: 2 problems in 1 run`
    ]);
    expect(result.lines).toContain("good: checked, no problems");
    expect(existsSync(target)).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it("a target that is a file, or in a folder that does not exist, and arguments it does not know", () => {
    writeFileSync(target, "a file\n");
    expect(exportRuns([target, "--data", dataDir, "--force"]).lines).toEqual([`error: ${target}: is a file, not a folder; give a folder to export into`]);
    rmSync(target);
    const nowhere = join(root, "no-such-folder", "export");
    expect(exportRuns([nowhere, "--data", dataDir])).toEqual({status: 1, lines: [`error: ${nowhere}: cannot write: the folder ${join(root, "no-such-folder")} does not exist`]});
    const usage = "usage: npm run export -- <folder> [--force] [--data <data folder>]";
    expect(exportRuns([])).toEqual({status: 1, lines: [`error: bin/export.ts: ${usage}`]});
    expect(exportRuns([target, "--forse"]).lines).toEqual([expect.stringMatching(/^error: bin\/export\.ts: Unknown option '--forse'.*; usage: /)]);
  });

  it("on SIGTERM, removes its temporary folder", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "bin/export.ts", target, "--data", dataDir], {cwd: project, stdio: "ignore"});
    while (leftovers().length === 0 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill("SIGTERM");
    expect(await new Promise((resolve) => child.on("exit", (code) => resolve(code)))).toBe(143);
    expect(existsSync(target)).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it("writes partition values with the characters Hive escapes as %XX, which DuckDB reads back as the ion's name", async () => {
    const ion = "7Li+ (m=7:%)";
    const escapedData = join(root, "escaped-data");
    copyRun(join(root, "base"), escapedData, "escaped", (m, folder) => {
      m.ions.find((i: {id: string}) => i.id === "7Li+").id = ion;
      for (const region of ["positive", "negative"]) {
        for (const frame of ["f00", "f01", "f02"]) {
          const file = join(folder, "sims", region, frame, "7Li+.txt");
          writeFileSync(file, readFileSync(file, "utf-8").replace("# Ion: 7Li+", `# Ion: ${ion}`));
          renameSync(file, join(folder, "sims", region, frame, `${ion}.txt`));
        }
      }
    });
    const escapedTarget = join(root, "escaped-export");
    expect(exportRuns([escapedTarget, "--data", escapedData]).status).toBe(0);
    expect(existsSync(join(escapedTarget, "pixels/run=escaped/region=positive/ion=7Li+ (m%3D7%3A%25)/part-0.parquet"))).toBe(true);
    const connection = await duckdb();
    try {
      const ions = await rows(connection, `SELECT DISTINCT ion FROM ${pixelsOf(escapedTarget)} ORDER BY ion`);
      expect(ions.map((r) => r.ion)).toContain(ion);
    } finally {
      connection.closeSync();
    }
  }, 60_000);
});
