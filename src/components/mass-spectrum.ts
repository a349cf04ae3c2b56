// A mass spectrum (counts against m/z) over a chosen m/z range, linear or log, with each ion's window shaded
// and labelled.
import * as Plot from "npm:@observablehq/plot";
import type {MassWindow} from "@operando/lib/spectra/mass-window";
import type {Spectrum} from "@operando/lib/spectra/spectrum-sum";
import {plotStyle} from "./figure-style.js";

export interface MassSpectrumOptions {
  width: number;
  height?: number;
  windows: MassWindow[];
  fromU: number;
  toU: number;
  scale: "log" | "linear";
}

export function massSpectrum(spectrum: Spectrum, options: MassSpectrumOptions): HTMLElement {
  const {width, height = 320, windows, fromU, toU, scale} = options;
  const rows: {mzU: number; counts: number}[] = [];
  for (let i = 0; i < spectrum.mzU.length; i++) {
    const mzU = spectrum.mzU[i]!;
    if (mzU >= fromU && mzU <= toU) rows.push({mzU, counts: scale === "log" ? Math.max(spectrum.counts[i]!, 0.5) : spectrum.counts[i]!});
  }
  const shown = windows.filter((w) => w.highU >= fromU && w.lowU <= toU);
  const figure = Plot.plot({
    width,
    height,
    style: plotStyle,
    x: {label: "m/z (u)", domain: [fromU, toU]},
    y: {type: scale, label: "counts per channel", grid: true},
    marks: [
      Plot.rectX(shown, {x1: "lowU", x2: "highU", y1: scale === "log" ? 0.5 : 0, y2: Math.max(1, ...rows.map((r) => r.counts)), fill: "#ff8c00", fillOpacity: 0.18}),
      Plot.lineY(rows, {x: "mzU", y: "counts", stroke: "currentColor", strokeWidth: 1}),
      Plot.text(shown, {x: (w: MassWindow) => (w.lowU + w.highU) / 2, frameAnchor: "top", dy: 4, text: "ion", fill: "#b35c00"})
    ]
  });
  const element = document.createElement("div");
  element.className = "operando-mass-spectrum";
  element.append(figure);
  return element;
}
