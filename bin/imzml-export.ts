// The reference dataset's imzML export of one (region, frame): one spectrum per pixel on a shared m/z axis
// (continuous mode, 32-bit integer counts), each imaged ion's counts at its mass and what the total-ion image
// holds beyond them at 200.5 u, so that an ion's window (mass ± 0.3 u) and the whole spectrum give back exactly
// the text exports' images. (Isotopes the images do not show are in the run's spectrum, lib/model/spectrum.ts.)
import {IONS} from "../lib/model/chemistry.js";
import {writeImzml} from "../loaders/imzml/write.js";

export const imzmlPath = (region: string, frame: number) => `sims/${region}/f${String(frame).padStart(2, "0")}.imzML`;

const OTHER_IONS_U = 200.5;

export function imzmlExport(images: {ion: string; counts: ArrayLike<number>}[], grid: {width: number; height: number; fieldOfViewUm: [number, number]}): {imzml: string; ibd: Uint8Array} {
  const massOf = (ion: string) => [...IONS.positive, ...IONS.negative].find((i) => i.id === ion)!.massU;
  const ions = images.filter((i) => i.ion !== "total");
  const total = images.find((i) => i.ion === "total");
  const ionChannels = ions.map(({ion, counts}) => ({massU: massOf(ion), counts: (p: number) => counts[p]!}));
  const channels = [...ionChannels];
  if (total) channels.push({massU: OTHER_IONS_U, counts: (p) => total.counts[p]! - ionChannels.reduce((sum, c) => sum + c.counts(p), 0)});
  channels.sort((a, b) => a.massU - b.massU);
  const {width, height, fieldOfViewUm} = grid;
  function* spectra() {
    for (let p = 0; p < width * height; p++) {
      const intensity = channels.map((c) => c.counts(p));
      if (intensity.some((v) => v < 0)) throw new RangeError(`imzmlExport: pixel ${p}: the total-ion image holds less than the ions' sum`);
      yield {x: p % width, y: Math.floor(p / width), intensity};
    }
  }
  return writeImzml(spectra(), {mode: "continuous", width, height, mzU: channels.map((c) => c.massU), intensityType: "int32",
    pixelSize: {x: fieldOfViewUm[0] / width, y: fieldOfViewUm[1] / height, unit: "um"}});
}
