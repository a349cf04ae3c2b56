/** The reference dataset for the acceptance tests: generated into a temporary folder, loaded by our loader. */
import {execFile} from "node:child_process";
import {promisify} from "node:util";
import {mkdtempSync, readFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableFromIPC, type Table} from "apache-arrow";
import {loadRun} from "@operando/loaders/sims/run";
import {stringColumnKeys} from "@operando/lib/imaging/stack";
import type {TruthParticle} from "@operando/lib/run/particle-truth";

export interface TruthFrame {
  index: number;
  label: string;
  driftPx: [number, number];
}

export type {TruthParticle};

export interface ReferenceRun {
  folder: string;
  frames: Table;
  images: Table;
  pixels: Table;
  truth: {frames: TruthFrame[]; particles: TruthParticle[]};
  /** Expected counts per `${region}/${ion}`: frames x height x width (frame index = slot). */
  expected: Map<string, Float32Array>;
  /** Particle label map of the reference frame per region. */
  particleLabels: Map<string, Int32Array>;
  rois: unknown;
}

const root = new URL("../../", import.meta.url).pathname;

/** `datasetArgs`: more options of bin/make-dataset.ts, e.g. ["--noise", "3"] for the low-count variant. */
export async function makeReferenceRun(datasetArgs: string[] = []): Promise<ReferenceRun> {
  const folder = join(mkdtempSync(join(tmpdir(), "operando-roi-")), "reference");
  // Not execFileSync: a test worker blocked for a minute (a loaded machine) misses vitest's RPC deadline.
  await promisify(execFile)("npx", ["tsx", "bin/make-dataset.ts", "--out", folder, "--quiet", ...datasetArgs], {cwd: root});
  const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8"));
  const {frames, images, pixels} = await loadRun(manifest, (path) => readFile(join(folder, path)));
  const truth = JSON.parse(readFileSync(join(folder, "truth", "truth.json"), "utf8"));
  const width = manifest.regions[0].pixels[0];
  const height = manifest.regions[0].pixels[1];
  const frameCount = truth.frames.length;

  const expectedTable = tableFromIPC(readFileSync(join(folder, "truth", "expected.arrow")));
  const regions = stringColumnKeys(expectedTable.getChild("region")!);
  const ions = stringColumnKeys(expectedTable.getChild("ion")!);
  const [frame, x, y, value] = ["frame", "x", "y", "expected"].map((c) => expectedTable.getChild(c)!.toArray() as ArrayLike<number>);
  const expected = new Map<string, Float32Array>();
  for (let i = 0; i < value.length; i++) {
    const key = `${regions.names[regions.keys[i]]}/${ions.names[ions.keys[i]]}`;
    let stack = expected.get(key);
    if (!stack) expected.set(key, (stack = new Float32Array(frameCount * width * height)));
    stack[(frame[i] * height + y[i]) * width + x[i]] = value[i];
  }

  const labelsTable = tableFromIPC(readFileSync(join(folder, "truth", "labels.arrow")));
  const labelRegions = stringColumnKeys(labelsTable.getChild("region")!);
  const [lx, ly, particle] = ["x", "y", "particle"].map((c) => labelsTable.getChild(c)!.toArray() as ArrayLike<number>);
  const particleLabels = new Map<string, Int32Array>();
  for (let i = 0; i < particle.length; i++) {
    const region = labelRegions.names[labelRegions.keys[i]];
    let map = particleLabels.get(region);
    if (!map) particleLabels.set(region, (map = new Int32Array(width * height)));
    map[ly[i] * width + lx[i]] = particle[i];
  }
  const rois = JSON.parse(readFileSync(join(folder, "rois.geojson"), "utf8"));
  return {folder, frames, images, pixels, truth, expected, particleLabels, rois};
}
