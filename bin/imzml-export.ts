// The reference dataset's imzML export of one (region, frame): one spectrum per pixel on a shared m/z axis
// (continuous mode, 32-bit integer counts). Each imaged ion's counts lie at its mass; what the total-ion image
// holds beyond them is spread over the isotopes the images do not show (at natural abundance relative to their
// imaged isotope, as in the run's text spectrum, lib/model/spectrum.ts) and a flat background at half-integer
// masses, away from every ion's window. So an ion's window (mass ± 0.3 u) and the whole spectrum give back
// exactly the text exports' images, and the summed spectrum has the isotopes the Figure S2 checks use.
import {IONS} from "../lib/model/chemistry.js";
import {COMPANION_ISOTOPES} from "../lib/model/spectrum.js";
import {DEFAULT_HALF_WIDTH_U} from "../lib/spectra/peaks.js";
import {writeImzml} from "../loaders/imzml/write.js";

export const imzmlPath = (region: string, frame: number) => `sims/${region}/f${String(frame).padStart(2, "0")}.imzML`;

/** The background's masses (u): half-integers, more than DEFAULT_HALF_WIDTH_U from every ion and isotope of the model. */
export const BACKGROUND_U = [3.5, 12.5, 33.5, 70.5, 100.5, 150.5, 200.5];

interface Channel {
  massU: number;
  /** Counts of pixel p, given what the total-ion image still holds there beyond the channels before (`left`). */
  counts: (p: number, left: number) => number;
}

export function imzmlExport(images: {ion: string; counts: ArrayLike<number>}[], grid: {width: number; height: number; fieldOfViewUm: [number, number]}, uuid: string): {imzml: string; ibd: Uint8Array} {
  const massOf = (ion: string) => [...IONS.positive, ...IONS.negative].find((i) => i.id === ion)!.massU;
  const ions = images.filter((i) => i.ion !== "total");
  const total = images.find((i) => i.ion === "total");
  const ionChannels: Channel[] = ions.map(({ion, counts}) => ({massU: massOf(ion), counts: (p) => counts[p]!}));
  const restChannels: Channel[] = [];
  if (total) {
    const taken = (massU: number) => [...ionChannels, ...restChannels].some((c) => Math.abs(c.massU - massU) <= DEFAULT_HALF_WIDTH_U);
    // Isotopes: relative x the imaged isotope's counts, carried from pixel to pixel so that the image's sum keeps
    // the natural ratio; never more than the total-ion image still holds in the pixel.
    for (const {ion, counts} of ions) {
      for (const [massU, relative] of COMPANION_ISOTOPES[ion] ?? []) {
        if (taken(massU)) continue;
        let carried = 0;
        restChannels.push({massU, counts: (p, left) => {
          carried += counts[p]! * relative;
          const n = Math.min(left, Math.floor(carried));
          carried -= n;
          return n;
        }});
      }
    }
    // The background: what is left, shared evenly (the odd counts going round the channels pixel by pixel).
    const background = BACKGROUND_U.filter((massU) => !taken(massU));
    background.forEach((massU, j) => restChannels.push({massU, counts: (p, left) => {
      const k = background.length - j; // channels of the background still to fill, this one included
      const share = Math.floor(left / k);
      return share + ((p + j) % k < left - share * k ? 1 : 0);
    }}));
  }
  const channels = [...ionChannels, ...restChannels];
  const order = channels.map((c, k) => k).sort((a, b) => channels[a]!.massU - channels[b]!.massU);
  const {width, height, fieldOfViewUm} = grid;
  function* spectra() {
    const values = new Array<number>(channels.length);
    for (let p = 0; p < width * height; p++) {
      ionChannels.forEach((c, k) => (values[k] = c.counts(p, 0)));
      let left = total ? total.counts[p]! - ionChannels.reduce((sum, c) => sum + c.counts(p, 0), 0) : 0;
      if (left < 0) throw new RangeError(`imzmlExport: pixel ${p}: the total-ion image holds less than the ions' sum`);
      restChannels.forEach((c, k) => {
        values[ionChannels.length + k] = c.counts(p, left);
        left -= values[ionChannels.length + k]!;
      });
      yield {x: p % width, y: Math.floor(p / width), intensity: order.map((k) => values[k]!)};
    }
  }
  return writeImzml(spectra(), {mode: "continuous", width, height, mzU: order.map((k) => channels[k]!.massU), intensityType: "int32", uuid,
    pixelSize: {x: fieldOfViewUm[0] / width, y: fieldOfViewUm[1] / height, unit: "um"}});
}
