// Figure S2 of a run: its mass spectrum (the build's `spectrum` table), the window of every ion of the manifest
// that has a mass, each window's peak and mass resolution, the isotope checks, and the rows of the page's downloads.
import type {Table} from "apache-arrow";
import type {MassWindow} from "../spectra/mass-window.js";
import {ISOTOPE_PAIRS, ionWindow, isotopeCheck, peakIn, type IsotopeCheck, type Peak} from "../spectra/peaks.js";
import type {Spectrum} from "../spectra/spectrum-sum.js";

export interface SpectrumFigure {
  /** null: the run has no spectrum (its table has no channel). */
  spectrum: Spectrum | null;
  windows: MassWindow[];
  peaks: Peak[];
  isotopeChecks: IsotopeCheck[];
  /** The m/z range offered, [0, lastU] (100 u without a spectrum), and where it first ends: past every window, at least at 70 u. */
  lastU: number;
  initialToU: number;
  /** Why the run has no spectrum, or no isotope pair to check, in a sentence. */
  unfilled: {spectrum?: string; isotopes?: string};
}

/** The spectrum of the table's `mz_u` and `counts` columns; null when it has no channel. */
export function spectrumFromTable(table: Table): Spectrum | null {
  const column = (name: string): Float64Array => {
    const values = table.getChild(name)?.toArray() ?? new Float64Array();
    return values instanceof Float64Array ? values : Float64Array.from(values);
  };
  const spectrum = {mzU: column("mz_u"), counts: column("counts")};
  return spectrum.mzU.length > 0 ? spectrum : null;
}

export function spectrumFigure(spectrumTable: Table, ions: {id: string; massU?: number; windowU?: [number, number]}[]): SpectrumFigure {
  const spectrum = spectrumFromTable(spectrumTable);
  const windows = ions.map(ionWindow).filter((window) => window !== null);
  const lastU = spectrum ? spectrum.mzU[spectrum.mzU.length - 1]! : 100;
  const isotopeChecks = spectrum ? ISOTOPE_PAIRS.map(([light, heavy]) => isotopeCheck(spectrum, light, heavy)).filter((check) => check !== null) : [];
  const unfilled: SpectrumFigure["unfilled"] = {};
  if (!spectrum) unfilled.spectrum = "This run has no mass spectrum: name a SurfaceLab spectrum export or an imzML file as \"spectrum\" in its manifest.";
  else if (isotopeChecks.length === 0) unfilled.isotopes = "The spectrum does not hold both isotopes of Li, Ni or Ti, so there is no isotope ratio to check.";
  return {
    spectrum,
    windows,
    peaks: spectrum ? windows.map((window) => peakIn(spectrum, window)) : [],
    isotopeChecks,
    lastU,
    initialToU: Math.min(lastU, Math.max(70, ...windows.map((w) => w.highU + 5))),
    unfilled
  };
}

/** The channels from `fromU` to `toU` (both included) as the columns of the download of the range shown. */
export function spectrumFileColumns(spectrum: Spectrum, fromU: number, toU: number): {mz_u: Float64Array; counts: Float64Array} {
  const shown: number[] = [];
  for (let i = 0; i < spectrum.mzU.length; i++) if (spectrum.mzU[i]! >= fromU && spectrum.mzU[i]! <= toU) shown.push(i);
  return {mz_u: Float64Array.from(shown, (i) => spectrum.mzU[i]!), counts: Float64Array.from(shown, (i) => spectrum.counts[i]!)};
}

/** Each ion's peak as a row of the peaks download. */
export function peakFileRows(peaks: Peak[]): {ion: string; window_low_u: number; window_high_u: number; counts: number; apex_u: number; fwhm_u: number; resolution: number}[] {
  return peaks.map((p) => ({ion: p.ion, window_low_u: p.window.lowU, window_high_u: p.window.highU, counts: p.counts, apex_u: p.apexU, fwhm_u: p.fwhmU, resolution: p.resolution}));
}

/** Each isotope check as a row of the isotopes download. */
export function isotopeFileRows(checks: IsotopeCheck[]): {light: string; heavy: string; ratio: number; low_95: number; high_95: number; natural: number}[] {
  return checks.map((c) => ({light: c.light, heavy: c.heavy, ratio: c.ratio, low_95: c.low, high_95: c.high, natural: c.natural}));
}
