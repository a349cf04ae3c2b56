// The reference dataset's spectrometry-mode spectrum (the paper's Figure S2), written as SurfaceLab exports a
// spectrum to text: Gaussian peaks at the imaged ions' masses holding the counts of their pristine images, the
// isotopes the images do not show at natural abundance beside them, and a flat background, all Poisson-drawn, on
// a time-of-flight channel axis (m/z grows as the square of the channel).
import type {Random} from "./random.js";

export interface SpectrumPeak {
  massU: number;
  counts: number;
}

export interface ModelSpectrumOptions {
  /** Mass resolution m/Δm (FWHM) of every peak. */
  resolution: number;
  channels: number;
  maxMassU: number;
  backgroundPerChannel: number;
}

export const SPECTRUM_OPTIONS: ModelSpectrumOptions = {resolution: 1000, channels: 40_000, maxMassU: 160, backgroundPerChannel: 0.5};

/** Isotopes beside an imaged one, as [mass (u), abundance relative to the imaged isotope] (IUPAC abundances). */
export const COMPANION_ISOTOPES: Record<string, [number, number][]> = {
  "58Ni+": [[59.930786, 0.262231 / 0.680769], [60.931056, 0.011399 / 0.680769], [61.928345, 0.036345 / 0.680769]],
  "48Ti+": [[45.952629, 0.0825 / 0.7372], [46.951764, 0.0744 / 0.7372], [48.947871, 0.0541 / 0.7372], [49.944792, 0.0518 / 0.7372]]
};

export function modelSpectrum(peaks: SpectrumPeak[], random: Random, options: ModelSpectrumOptions = SPECTRUM_OPTIONS): {mzU: Float64Array; counts: Float64Array} {
  const {resolution, channels, maxMassU, backgroundPerChannel} = options;
  // The axis starts at 1 u (a real export's first channels below it hold only noise).
  const firstChannel = channels / (Math.sqrt(maxMassU) - 1);
  const mzU = Float64Array.from({length: channels}, (_, k) => maxMassU * ((firstChannel + k) / (firstChannel + channels)) ** 2);
  const mean = new Float64Array(channels).fill(backgroundPerChannel);
  for (const {massU, counts} of peaks) {
    const sigma = massU / resolution / 2.3548;
    // Each channel takes the peak's counts over its own width (half-way to its neighbours).
    const centre = Math.round(Math.sqrt(massU / maxMassU) * (firstChannel + channels) - firstChannel);
    for (let k = Math.max(1, centre - 400); k < Math.min(channels - 1, centre + 400); k++) {
      const widthU = (mzU[k + 1]! - mzU[k - 1]!) / 2;
      mean[k]! += (counts * widthU) / (sigma * Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * ((mzU[k]! - massU) / sigma) ** 2);
    }
  }
  return {mzU, counts: Float64Array.from(mean, (m) => random.poisson(m))};
}

/** The SurfaceLab text layout (`loaders/spectra/read-spectrum-text.ts` reads it back), CRLF as SurfaceLab writes. */
export function spectrumText(spectrum: {mzU: Float64Array; counts: Float64Array}): string {
  const lines = ["# Binning: 1 channels", "# Deadtime Correction: off", "Channel\tm/z\tIntensity"];
  for (let k = 0; k < spectrum.mzU.length; k++) lines.push(`${k + 1}\t${spectrum.mzU[k]!.toFixed(6)}\t${spectrum.counts[k]}`);
  return lines.join("\r\n") + "\r\n";
}
