import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {loadRun, parseImageFile} from "@operando/loaders/sims/index";
import {cyclingSeriesFromTable} from "@operando/lib/echem/series";
import {cycleSummaries} from "@operando/lib/echem/cycles";
import {buildExperiment, DEFAULT_OPTIONS, renderFrame} from "@operando/lib/model/experiment";
import {filesOf, makeDataset} from "./generate.js";

const scratch = mkdtempSync(join(tmpdir(), "make-dataset-"));
const run = join(scratch, "reference");
const again = join(scratch, "again");
const otherSeed = join(scratch, "other-seed");
const options = ["--pixels", "128x48"];

interface TruthImage {region: string; ion: string; frame: number; totalCounts: number; expectedTotal: number}
interface Truth {
  synthetic: boolean;
  images: TruthImage[];
  frames: {index: number; driftPx: [number, number]}[];
  particles: {id: number; roi: string | null; centreUm: [number, number]; irreversible: boolean; kind: string}[];
}
let truth: Truth;
const read = (path: string) => new Uint8Array(readFileSync(join(run, path)));

beforeAll(() => {
  for (const [out, extra] of [[run, []], [again, []], [otherSeed, ["--seed", "7"]]] as const) {
    const result = makeDataset(["--out", out, ...options, ...extra]);
    if (result.status !== 0) throw new Error(`make-dataset failed: ${result.stderr}`);
  }
  truth = JSON.parse(readFileSync(join(run, "truth/truth.json"), "utf8"));
});
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

describe("the written reference dataset", () => {
  it("is byte-identical for the same options, and differs in its images for another seed", () => {
    const first = filesOf(run);
    const second = filesOf(again);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [path, bytes] of first) {
      // The run name (the folder) is written into the manifest and truth; everything else is identical.
      if (path === "manifest.json" || path === "truth/truth.json") continue;
      expect(Buffer.compare(bytes, second.get(path)!), path).toBe(0);
    }
    const withName = (text: string) => text.replaceAll('"again"', '"reference"');
    expect(withName(second.get("manifest.json")!.toString())).toBe(first.get("manifest.json")!.toString());
    expect(withName(second.get("truth/truth.json")!.toString())).toBe(first.get("truth/truth.json")!.toString());
    const other = filesOf(otherSeed);
    expect(Buffer.compare(other.get("sims/positive/f04/58Ni+.txt")!, first.get("sims/positive/f04/58Ni+.txt")!)).not.toBe(0);
  });

  it("leaves no temporary folder beside the run", () => {
    expect(readdirSync(scratch).sort()).toEqual(["again", "other-seed", "reference"]);
  });

  it("writes a manifest that says the data are synthetic and maps 17 observation points per region", () => {
    const manifest = JSON.parse(readFileSync(join(run, "manifest.json"), "utf8"));
    expect(manifest.synthetic).toBe(true);
    expect(manifest.images).toEqual({pattern: "sims/{region}/f{frame}/{ion}.txt"});
    expect(manifest.frames).toHaveLength(34);
    for (const frame of manifest.frames) {
      expect((Date.parse(`${frame.end}Z`) - Date.parse(`${frame.start}Z`)) / 1000).toBe(1600);
      expect(frame.doseIonsPerCm2).toBe(1.2e14);
    }
  });

  it("gives the paper's capacities within 1 % and its irreversible capacity through our .mpt parser and lib/echem", () => {
    const bytes = read("echem/cycling.mpt");
    const table = parseCyclingFile(bytes, "cycling.mpt", {timeZone: "Asia/Tokyo"});
    const cycles = cycleSummaries(cyclingSeriesFromTable(table));
    expect(cycles).toHaveLength(2);
    const paper = [[29e-6, 25e-6], [25e-6, 22e-6]];
    cycles.forEach((cycle, i) => {
      expect(Math.abs(cycle.chargeCapacityAh / paper[i][0] - 1)).toBeLessThan(0.01);
      expect(Math.abs(cycle.dischargeCapacityAh / paper[i][1] - 1)).toBeLessThan(0.01);
    });
    expect(Math.abs(cycles[0].irreversibleCapacityAh / 4e-6 - 1)).toBeLessThan(0.02);
    expect(Math.round(cycles[0].irreversibleCapacityPercent)).toBe(14);
  });

  it("writes the .mpt in Windows-1252 with EC-Lab's header line count", () => {
    const bytes = read("echem/cycling.mpt");
    expect(bytes.includes(0xb5)).toBe(true); // µ of "µA" in one byte
    const text = new TextDecoder("windows-1252").decode(bytes);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("EC-Lab ASCII FILE");
    const headerLines = Number(/^Nb header lines : (\d+)/.exec(lines[1])![1]);
    expect(lines[headerLines - 1].startsWith("mode\tox/red\terror")).toBe(true);
    expect(lines).toContain("Acquisition started on : 06/02/2025 10:15:32.418");
  });

  it("has per-image count totals, read back through our loader, equal to the model's", async () => {
    const manifest = JSON.parse(readFileSync(join(run, "manifest.json"), "utf8"));
    const tables = await loadRun(manifest, async (path) => read(path));
    expect(tables.images.numRows).toBe(truth.images.length);
    const fromTruth = new Map(truth.images.map((i) => [`${i.region}/${i.ion}/${i.frame}`, i.totalCounts]));
    for (const row of tables.images) {
      expect(row.total_counts, `${row.region}/${row.ion}/${row.frame}`).toBe(fromTruth.get(`${row.region}/${row.ion}/${row.frame}`));
    }
    // The model recomputed in memory draws the same counts.
    const experiment = buildExperiment({...DEFAULT_OPTIONS, width: 128, height: 48});
    for (const image of renderFrame(experiment, "negative", 4)) {
      expect(image.totalCounts).toBe(fromTruth.get(`negative/${image.ion}/4`));
    }
  });

  it("writes expected counts whose Poisson draws are the images: standardised residuals have variance 1", () => {
    const expected = tableFromIPC(read("truth/expected.arrow"));
    expect(expected.numRows).toBe(truth.images.length * 128 * 48);
    const values = expected.getChild("expected")!.toArray() as Float32Array;
    const pixels = 128 * 48;
    let z2 = 0, z = 0, n = 0;
    truth.images.forEach((image, k) => {
      const slice = values.subarray(k * pixels, (k + 1) * pixels);
      expect(expected.get(k * pixels)!.ion).toBe(image.ion);
      expect(expected.get(k * pixels)!.frame).toBe(image.frame);
      expect(slice.reduce((s, v) => s + v, 0) / image.expectedTotal).toBeCloseTo(1, 4);
      if (image.frame % 4 !== 0) return;
      const counts = parseImageFile(read(`sims/${image.region}/f${String(image.frame).padStart(2, "0")}/${image.ion}.txt`), "image.txt").getChild("counts")!.toArray();
      for (let p = 0; p < pixels; p++) {
        if (slice[p] < 5) continue;
        const r = (Number(counts[p]) - slice[p]) / Math.sqrt(slice[p]);
        z += r; z2 += r * r; n++;
      }
    });
    expect(n).toBeGreaterThan(50_000);
    expect(Math.abs(z / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(z2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it("labels the reference frame with phases and particles, and the ROIs outline the model's particles", () => {
    const labels = tableFromIPC(read("truth/labels.arrow"));
    expect(labels.numRows).toBe(2 * 128 * 48);
    const rois = JSON.parse(readFileSync(join(run, "rois.geojson"), "utf8"));
    expect(rois.features.map((f: {properties: {name: string; region: string}}) => `${f.properties.name}@${f.properties.region}`))
      .toEqual(["region 1@positive", "region 2@positive", "region 3@negative", "LLTO@negative"]);
    for (const name of ["region 1", "region 2"]) {
      const p = truth.particles.find((q) => q.roi === name)!;
      const [x, y] = [Math.floor(p.centreUm[0] / (80 / 128)), Math.floor(p.centreUm[1] / (30 / 48))];
      const row = labels.get(y * 128 + x)!;
      expect(row.region).toBe("positive");
      expect(row.particle).toBe(p.id);
      const ring = rois.features.find((f: {properties: {name: string}}) => f.properties.name === name).geometry.coordinates[0];
      expect(ring[0]).toEqual(ring.at(-1));
      for (const [rx, ry] of ring) expect(Math.hypot(rx - p.centreUm[0], ry - p.centreUm[1])).toBeGreaterThan(0);
    }
    expect(truth.particles.some((p) => p.kind === "isolated" && p.irreversible)).toBe(true);
    expect(truth.frames[0].driftPx).toEqual([0, 0]);
  });
});

describe("the make-dataset command", () => {
  it("writes a variant: pixel grid, frames, eight ions, drift, counts scale, no expected counts", () => {
    const out = join(scratch, "variant");
    const result = makeDataset(["--out", out, "--pixels", "40x20", "--frames", "5", "--ions", "8", "--drift-um", "1", "--counts-scale", "4", "--no-expected", "--seed", "3"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.frames).toHaveLength(10);
    expect(manifest.regions[0].pixels).toEqual([40, 20]);
    expect(manifest.ions.filter((i: {regions: string[]}) => i.regions.includes("positive"))).toHaveLength(9);
    expect(existsSync(join(out, "truth/expected.arrow"))).toBe(false);
    expect(readdirSync(join(out, "sims/negative/f04")).sort()).toEqual(
      ["139La+.txt", "1H+.txt", "23Na+.txt", "27Al+.txt", "39K+.txt", "48Ti+.txt", "6Li+.txt", "7Li+.txt", "total.txt"]);
    const truthOfVariant = JSON.parse(readFileSync(join(out, "truth/truth.json"), "utf8"));
    const steps = truthOfVariant.frames.slice(1).map((f: {driftUm: number[]}, i: number) =>
      Math.hypot(f.driftUm[0] - truthOfVariant.frames[i].driftUm[0], f.driftUm[1] - truthOfVariant.frames[i].driftUm[1]));
    expect(Math.max(...steps)).toBeGreaterThan(0.2);
  });

  it("replaces an existing run as a whole", () => {
    const out = join(scratch, "replaced");
    expect(makeDataset(["--out", out, "--pixels", "32x16", "--frames", "2"]).status).toBe(0);
    writeFileSync(join(out, "stale.txt"), "left over");
    expect(makeDataset(["--out", out, "--pixels", "32x16", "--frames", "2"]).status).toBe(0);
    expect(existsSync(join(out, "stale.txt"))).toBe(false);
  });

  it.each([
    [["--pixels", "12by4"], "--pixels"],
    [["--frames", "0"], "--frames"],
    [["--ions", "9"], "--ions"],
    [["--sample", "3"], "--sample"],
    [["--colour", "red"], "unknown option --colour"]
  ])("refuses %j with a message naming the option, writing nothing", (args, message) => {
    const out = join(scratch, "refused");
    const result = makeDataset(["--out", out, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });
});
