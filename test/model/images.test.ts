import {describe, expect, it} from "vitest";
import {buildExperiment, DEFAULT_OPTIONS, frameState, renderFrame, type Experiment} from "@operando/lib/model/experiment";
import {gaussianKernel} from "@operando/lib/model/blur";
import {localSoc} from "@operando/lib/model/profiles";
import type {Particle} from "@operando/lib/model/microstructure";

const experiment = buildExperiment({...DEFAULT_OPTIONS, width: 160, height: 60});
const frameOf = (name: string) => experiment.points.find((p) => p.name === name)!.index;
const [pristine, charged, discharged] = ["pristine", "c1 charged", "c1 discharged"].map(frameOf);

/** Mean expected counts of `ion` over the pixels whose centres lie inside `disc` (reference-frame um), drift applied. */
function meanInDisc(e: Experiment, region: "positive" | "negative", ion: string, frame: number, centreUm: [number, number], radiusUm: number): number {
  const image = renderFrame(e, region, frame).find((i) => i.ion === ion)!;
  const {width, height, fieldOfViewUm} = e.grid;
  const [pw, ph] = [fieldOfViewUm[0] / width, fieldOfViewUm[1] / height];
  const [dx, dy] = e.driftPx[frame];
  let sum = 0, n = 0;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const xUm = (x + 0.5 - dx) * pw, yUm = (y + 0.5 - dy) * ph;
    if ((xUm - centreUm[0]) ** 2 + (yUm - centreUm[1]) ** 2 < radiusUm ** 2) {
      sum += image.expected[y * width + x];
      n++;
    }
  }
  return sum / n;
}
const particle = (predicate: (p: Particle) => boolean) => [...experiment.layouts.positive.particles, ...experiment.layouts.negative.particles].find(predicate)!;
const inner = (p: Particle): [[number, number], number] => [p.centreUm, 0.6 * p.radiusUm];

describe("measurement physics", () => {
  const uniform: Experiment = {...experiment, layouts: {
    positive: {...experiment.layouts.positive, particles: [], lithiumHydroxide: []},
    negative: {...experiment.layouts.negative, particles: [], lithiumHydroxide: []}
  }};
  const images = renderFrame(uniform, "positive", charged);
  const pixelAreaUm2 = (80 / 160) * (30 / 60);

  it("expects yield x phase fraction counts over a uniform phase (electrolyte: 6Li+ 400 counts/um2)", () => {
    const li6 = images.find((i) => i.ion === "6Li+")!;
    for (const value of li6.expected) expect(value).toBeCloseTo(400 * pixelAreaUm2, 3);
  });

  // Sample variance of n Poisson counts of mean mu has standard error sqrt((mu + 2 mu^2) / n); 5 of them allowed.
  it.each(["6Li+", "7Li+", "58Ni+", "total"])("draws %s counts whose variance equals their mean over a uniform phase", (ion) => {
    const image = images.find((i) => i.ion === ion)!;
    const counts = Array.from(image.counts);
    const n = counts.length;
    const mean = counts.reduce((s, c) => s + c, 0) / n;
    const variance = counts.reduce((s, c) => s + (c - mean) ** 2, 0) / (n - 1);
    const mu = image.expected[0];
    expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(mu / n));
    expect(Math.abs(variance - mu)).toBeLessThan(5 * Math.sqrt((mu + 2 * mu * mu) / n));
  });

  it("makes each image's total the sum of its pixel counts, and the total-ion image at least the sum of the ions", () => {
    const frame = renderFrame(experiment, "positive", charged);
    for (const image of frame) expect(image.totalCounts).toBe(image.counts.reduce((s, c) => s + c, 0));
    const total = frame.find((i) => i.ion === "total")!;
    for (let p = 0; p < total.counts.length; p += 97) {
      const ions = frame.filter((i) => i.ion !== "total").reduce((s, i) => s + i.counts[p], 0);
      expect(total.counts[p]).toBeGreaterThanOrEqual(ions);
    }
  });

  it("blurs with a normalised Gaussian of the beam's width (2 um FWHM)", () => {
    const sigmaPx = 2 / 2.3548 / 0.5;
    const kernel = gaussianKernel(sigmaPx);
    const r = (kernel.length - 1) / 2;
    expect(kernel.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    const second = kernel.reduce((s, w, i) => s + w * (i - r) ** 2, 0);
    expect(Math.sqrt(second) / sigmaPx).toBeGreaterThan(0.98);
    expect(Math.sqrt(second) / sigmaPx).toBeLessThan(1.001);
  });

  it("drifts the sample by the frame's true drift: the La+ centroid of an LLTO particle follows driftPx", () => {
    const llto = particle((p) => p.roi === "LLTO");
    const {width, height} = experiment.grid;
    const centroid = (frame: number): [number, number] => {
      const la = renderFrame(experiment, "negative", frame).find((i) => i.ion === "139La+")!.expected;
      const [cx, cy] = [llto.centreUm[0] / 0.5 + experiment.driftPx[frame][0], llto.centreUm[1] / 0.5 + experiment.driftPx[frame][1]];
      let sx = 0, sy = 0, s = 0;
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > (llto.radiusUm / 0.5 + 3) ** 2) continue;
        const w = la[y * width + x];
        sx += w * (x + 0.5); sy += w * (y + 0.5); s += w;
      }
      return [sx / s, sy / s];
    };
    const reference = centroid(0);
    for (const frame of [charged, discharged]) {
      const [x, y] = centroid(frame);
      expect(Math.hypot(experiment.driftPx[frame][0], experiment.driftPx[frame][1])).toBeGreaterThan(0.5);
      expect(x - reference[0]).toBeCloseTo(experiment.driftPx[frame][0], 0);
      expect(Math.abs(x - reference[0] - experiment.driftPx[frame][0])).toBeLessThan(0.15);
      expect(Math.abs(y - reference[1] - experiment.driftPx[frame][1])).toBeLessThan(0.15);
    }
    expect(experiment.driftPx[0]).toEqual([0, 0]);
  });
});

describe("chemistry as the paper reports it", () => {
  const ratio = (region: "positive" | "negative", ion: string, p: Particle | [[number, number], number], frame: number) => {
    const [centre, radius] = Array.isArray(p) ? p : inner(p);
    return meanInDisc(experiment, region, ion, frame, centre, radius) / meanInDisc(experiment, region, ion, pristine, centre, radius);
  };
  const regionOne = particle((p) => p.roi === "region 1");
  const regionTwo = particle((p) => p.roi === "region 2");

  it("raises 58Ni+ and 59Co+ and lowers 6Li+ slightly in fractured NCA on charge, and reverses on discharge", () => {
    expect(ratio("positive", "58Ni+", regionOne, charged)).toBeGreaterThan(1.8);
    expect(ratio("positive", "59Co+", regionOne, charged)).toBeGreaterThan(1.6);
    const li = ratio("positive", "6Li+", regionOne, charged);
    expect(li).toBeLessThan(0.97);
    expect(li).toBeGreaterThan(0.7);
    expect(Math.abs(ratio("positive", "58Ni+", regionOne, discharged) - 1)).toBeLessThan(0.05);
    expect(Math.abs(ratio("positive", "6Li+", regionOne, discharged) - 1)).toBeLessThan(0.03);
  });

  it("changes intact NCA (region 2) less than fractured NCA (region 1)", () => {
    expect(ratio("positive", "58Ni+", regionTwo, charged)).toBeLessThan(ratio("positive", "58Ni+", regionOne, charged) - 0.2);
    expect(ratio("positive", "58Ni+", regionTwo, charged)).toBeGreaterThan(1.1);
  });

  it("charges intact particles from the surface inward: the front moves in during charge", () => {
    const fronts = ["c1 charging 1", "c1 charging 2", "c1 charging 3", "c1 charged"].map((name) => frameState(experiment, frameOf(name)).profiles.get(regionTwo.id)!);
    for (const profile of fronts) {
      expect(localSoc(profile, 0.01)).toBe(0);
      expect(localSoc(profile, 0.99)).toBeGreaterThan(0);
    }
    for (let i = 1; i < fronts.length; i++) expect(fronts[i].core).toBeLessThan(fronts[i - 1].core);
  });

  it("keeps isolated particles charged after discharge (irreversible)", () => {
    const isolated = experiment.layouts.positive.particles.filter((p) => p.kind === "isolated");
    expect(isolated.length).toBeGreaterThanOrEqual(1);
    for (const p of isolated) {
      const state = frameState(experiment, discharged).profiles.get(p.id)!;
      expect(state.outer).toBeGreaterThan(0.8);
    }
  });

  it("lowers 48Ti+ in LTO on charge and restores it on discharge, with 6Li+ nearly flat", () => {
    const region3: [[number, number], number] = [[40, 22], 6];
    expect(ratio("negative", "48Ti+", region3, charged)).toBeLessThan(0.75);
    expect(Math.abs(ratio("negative", "48Ti+", region3, discharged) - 1)).toBeLessThan(0.05);
    expect(Math.abs(ratio("negative", "6Li+", region3, charged) - 1)).toBeLessThan(0.05);
  });

  it("lowers 48Ti+ of the LLTO particle next to the anode on the first charge and keeps it low", () => {
    const llto = particle((p) => p.roi === "LLTO");
    expect(ratio("negative", "48Ti+", llto, charged)).toBeLessThan(0.7);
    expect(ratio("negative", "48Ti+", llto, discharged)).toBeLessThan(0.7);
    expect(ratio("negative", "48Ti+", llto, frameOf("c2 discharged"))).toBeLessThan(0.7);
    expect(Math.abs(ratio("negative", "139La+", llto, charged) - 1)).toBeLessThan(0.05);
  });
});

describe("the second sample (Figure S16)", () => {
  const second = buildExperiment({...DEFAULT_OPTIONS, sample: 2, width: 160, height: 60});

  it("has another particle layout", () => {
    const centres = (e: Experiment) => e.layouts.positive.particles.map((p) => p.centreUm.join(","));
    expect(centres(second)).not.toEqual(centres(experiment));
  });

  it("behaves the same: 58Ni+ of fractured NCA rises on charge and falls back, isolated particles stay charged", () => {
    const p = second.layouts.positive.particles.find((q) => q.roi === "region 1")!;
    const mean = (frame: number) => meanInDisc(second, "positive", "58Ni+", frame, p.centreUm, 0.6 * p.radiusUm);
    expect(mean(charged) / mean(pristine)).toBeGreaterThan(1.8);
    expect(Math.abs(mean(discharged) / mean(pristine) - 1)).toBeLessThan(0.05);
    const isolated = second.layouts.positive.particles.filter((q) => q.kind === "isolated");
    expect(isolated.length).toBeGreaterThanOrEqual(1);
    for (const q of isolated) expect(frameState(second, discharged).profiles.get(q.id)!.outer).toBeGreaterThan(0.8);
  });
});
