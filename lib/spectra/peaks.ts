// What a mass spectrum says of the ions a run images (the paper's Figure S2): each ion's peak in its window,
// its mass resolution m/Δm, and isotope ratios against natural abundance.
import type {MassWindow} from "./mass-window.js";
import type {Spectrum} from "./spectrum-sum.js";

/** Isotope abundances (IUPAC, atom fraction) and masses (u) of the elements the checks use. */
export const ISOTOPES: Record<string, {massU: number; abundance: number}> = {
  "6Li": {massU: 6.015123, abundance: 0.0759},
  "7Li": {massU: 7.016003, abundance: 0.9241},
  "58Ni": {massU: 57.935342, abundance: 0.680769},
  "60Ni": {massU: 59.930786, abundance: 0.262231},
  "46Ti": {massU: 45.952629, abundance: 0.0825},
  "48Ti": {massU: 47.947942, abundance: 0.7372}
};

/** Isotope pairs checked when a spectrum covers both: 6Li/7Li, 58Ni/60Ni, 46Ti/48Ti. */
export const ISOTOPE_PAIRS: [string, string][] = [["6Li", "7Li"], ["58Ni", "60Ni"], ["46Ti", "48Ti"]];

/** Nominal-mass windows: ±0.3 u keeps neighbouring nominal masses out at any TOF-SIMS resolution. */
export const DEFAULT_HALF_WIDTH_U = 0.3;

/** An ion's mass window: the one its manifest entry gives (`windowU`), else its mass ± DEFAULT_HALF_WIDTH_U; none without a mass. */
export function ionWindow(ion: {id: string; massU?: number; windowU?: [number, number]}): MassWindow | null {
  if (ion.windowU) return {ion: ion.id, lowU: ion.windowU[0], highU: ion.windowU[1]};
  return ion.massU === undefined ? null : {ion: ion.id, lowU: ion.massU - DEFAULT_HALF_WIDTH_U, highU: ion.massU + DEFAULT_HALF_WIDTH_U};
}

export interface Peak {
  ion: string;
  window: MassWindow;
  /** Summed counts in the window. */
  counts: number;
  /** m/z of the highest channel in the window, u. */
  apexU: number;
  /** Full width at half maximum above the window's lowest level, u (linear between channels); NaN if unresolved. */
  fwhmU: number;
  /** Mass resolution apex / FWHM. */
  resolution: number;
}

function firstIndexAtLeast(values: Float64Array, target: number): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function peakIn(spectrum: Spectrum, window: MassWindow): Peak {
  const {mzU, counts} = spectrum;
  const from = firstIndexAtLeast(mzU, window.lowU);
  const to = firstIndexAtLeast(mzU, window.highU + Number.EPSILON * window.highU);
  let [sum, apex, base] = [0, -1, Infinity];
  for (let i = from; i < to; i++) {
    sum += counts[i]!;
    if (apex < 0 || counts[i]! > counts[apex]!) apex = i;
    base = Math.min(base, counts[i]!);
  }
  if (apex < 0 || counts[apex]! <= base) return {ion: window.ion, window, counts: sum, apexU: NaN, fwhmU: NaN, resolution: NaN};
  const half = base + (counts[apex]! - base) / 2;
  // Walk out from the apex to the half-maximum crossing on each side, interpolating between channels.
  const crossing = (step: 1 | -1): number => {
    for (let i = apex; i + step >= from && i + step < to; i += step) {
      const next = i + step;
      if (counts[next]! <= half) return mzU[i]! + ((counts[i]! - half) / (counts[i]! - counts[next]!)) * (mzU[next]! - mzU[i]!);
    }
    return NaN;
  };
  const fwhmU = crossing(1) - crossing(-1);
  return {ion: window.ion, window, counts: sum, apexU: mzU[apex]!, fwhmU, resolution: mzU[apex]! / fwhmU};
}

export interface IsotopeCheck {
  light: string;
  heavy: string;
  /** Counts ratio light / heavy with a 95% interval (Poisson counts, log-normal), and the natural ratio. */
  ratio: number;
  low: number;
  high: number;
  natural: number;
}

/**
 * light/heavy from the counts of each isotope's window (±halfWidthU about its mass). The interval treats both
 * sums as Poisson counts: r·exp(±1.96·sqrt(1/a + 1/b)). Counts after dead-time correction are not Poisson, so a
 * saturated major isotope reads low (the reason 6Li rather than 7Li is imaged).
 */
export function isotopeCheck(spectrum: Spectrum, light: string, heavy: string, halfWidthU = DEFAULT_HALF_WIDTH_U): IsotopeCheck | null {
  const [a, b] = [light, heavy].map((name) => {
    const {massU} = ISOTOPES[name]!;
    return peakIn(spectrum, {ion: name, lowU: massU - halfWidthU, highU: massU + halfWidthU}).counts;
  }) as [number, number];
  const first = spectrum.mzU[0];
  const last = spectrum.mzU[spectrum.mzU.length - 1];
  if (first === undefined || last === undefined || ISOTOPES[light]!.massU < first || ISOTOPES[heavy]!.massU > last || !(a > 0 && b > 0)) return null;
  const ratio = a / b;
  const spread = 1.96 * Math.sqrt(1 / a + 1 / b);
  return {light, heavy, ratio, low: ratio * Math.exp(-spread), high: ratio * Math.exp(spread), natural: ISOTOPES[light]!.abundance / ISOTOPES[heavy]!.abundance};
}
