// Figure S2 as drawn (lib/run/figure-s2.ts has what it shows), each part with the downloads of its numbers: the
// spectrum over the range chosen, each ion's peak with its mass resolution, and the isotope ratios against
// natural abundance.
import * as Inputs from "npm:@observablehq/inputs";
import * as Arrow from "npm:apache-arrow";
import {isotopeFileRows, peakFileRows, spectrumFileColumns, type SpectrumFigure} from "@operando/lib/run/figure-s2";
import type {IsotopeCheck, Peak} from "@operando/lib/spectra/peaks";
import type {Spectrum} from "@operando/lib/spectra/spectrum-sum";
import {tableDownloads, withFigureDownloads, withTableDownloads} from "./downloads.js";
import {massSpectrum} from "./mass-spectrum.js";

/** The spectrum from `fromU` to `toU`, its SVG and PNG, and its channels in that range as a table (`<name>-spectrum-<from>-<to>u`). */
export function spectrumPanel(figure: SpectrumFigure & {spectrum: Spectrum}, {width, fromU, toU, scale, name}: {width: number; fromU: number; toU: number; scale: "log" | "linear"; name: string}): DocumentFragment {
  const panel = withFigureDownloads(massSpectrum(figure.spectrum, {width, windows: figure.windows, fromU, toU, scale}), {name});
  panel.append(tableDownloads(Arrow.tableFromArrays(spectrumFileColumns(figure.spectrum, fromU, toU)), {name: `${name}-spectrum-${fromU}-${toU}u`}));
  return panel;
}

const fixed = (decimals: number) => (v: number) => v.toFixed(decimals);

export function peakTable(peaks: Peak[], {name}: {name: string}): DocumentFragment {
  const shown = Inputs.table(peaks.map((p) => ({ion: p.ion, "window (u)": `${p.window.lowU.toFixed(2)}–${p.window.highU.toFixed(2)}`, "counts": p.counts, "apex (u)": p.apexU, "FWHM (u)": p.fwhmU, "m/Δm": p.resolution})),
    {select: false, format: {"apex (u)": fixed(3), "FWHM (u)": fixed(4), "m/Δm": (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "unresolved"), counts: (v: number) => v.toLocaleString("en")}});
  return withTableDownloads(shown, Arrow.tableFromJSON(peakFileRows(peaks)), {name});
}

export function isotopeTable(checks: IsotopeCheck[], {name}: {name: string}): DocumentFragment {
  const shown = Inputs.table(checks.map((c) => ({pair: `${c.light}/${c.heavy}`, measured: c.ratio, "95% low": c.low, "95% high": c.high, natural: c.natural, "natural inside": c.low <= c.natural && c.natural <= c.high ? "yes" : "no"})),
    {select: false, format: {measured: fixed(4), "95% low": fixed(4), "95% high": fixed(4), natural: fixed(4)}});
  return withTableDownloads(shown, Arrow.tableFromJSON(isotopeFileRows(checks)), {name});
}
