// A map of segmented particles coloured by their reaction extent (charge change relative to pristine) over the
// summed immobile-ion image in grey, irreversible particles outlined in red, every particle labelled by its id.
import * as Plot from "npm:@observablehq/plot";
import {colorBar, colorBarWidthPx, colorScale} from "./color-bar.js";
import {colorDomain} from "@operando/lib/imaging/color-limits";
import {overlayMarks, pixelRaster, scaleBarMarks} from "./image-marks.js";
import {plotStyle, figureFontPx} from "./figure-style.js";
import type {ParticleAnalysis} from "@operando/lib/run/particles";
import {swatchLegend} from "./swatch-legend.js";

export const irreversibleColor = "#e3171b";
// The same red, lighter, so that a small label reads on its dark halo.
const irreversibleLabelColor = "#ff7070";

export function particleMap(result: ParticleAnalysis, {width, quantity}: {width: number; quantity: string}): HTMLDivElement {
  const {segmentation, background, particles, outlines, pixelSizeUm} = result;
  const {width: w, height: h} = segmentation;
  const fieldUm: [number, number] = [w * pixelSizeUm[0], h * pixelSizeUm[1]];
  const extent = particles.map((p) => p.chargeChangeRelative * 100);
  const domain = colorDomain(Float64Array.from(extent), {percentiles: [0, 100]});
  const low = Math.min(0, domain[0]);
  const color = colorScale({type: "linear", domain: [low, domain[1]], scheme: "viridis"});
  // Each pixel as a key of its colour: a particle's label as -label, the background as its grey level.
  const pixelKeys = new Int32Array(w * h);
  const particleColor = particles.map((p) => String(color.apply(p.chargeChangeRelative * 100)));
  for (let i = 0; i < w * h; i++) {
    const label = segmentation.data[i];
    pixelKeys[i] = label > 0 ? -label : background.data[i];
  }
  const margin = {top: 8, right: 10, bottom: 40, left: 42};
  const plotWidth = width - colorBarWidthPx;
  const innerHeight = Math.round(((plotWidth - margin.left - margin.right) * fieldUm[1]) / fieldUm[0]);
  const irreversible = particles.filter((p) => p.classification === "irreversible");
  const plot = Plot.plot({
    width: plotWidth, height: innerHeight + margin.top + margin.bottom,
    marginTop: margin.top, marginRight: margin.right, marginBottom: margin.bottom, marginLeft: margin.left, style: plotStyle,
    x: {domain: [0, fieldUm[0]], label: "x (µm)", labelArrow: "none", labelAnchor: "center"},
    y: {domain: [0, fieldUm[1]], reverse: true, label: "y (µm)", labelArrow: "none", labelAnchor: "center"},
    marks: [
      pixelRaster(pixelKeys, (key) => (key < 0 ? particleColor[-key - 1] : `rgb(${key},${key},${key})`), {width: w, height: h, fieldUm}),
      Plot.frame({stroke: "currentColor", strokeWidth: 0.5}),
      ...overlayMarks(outlines.map((rings) => ({kind: "particle" as const, ring: rings[0]}))),
      ...overlayMarks(irreversible.map((p) => ({kind: "roi" as const, ring: outlines[p.label - 1][0], color: irreversibleColor}))),
      Plot.text(particles, {x: (p) => p.centroidUm[0], y: (p) => p.centroidUm[1], text: "id", fontSize: figureFontPx - 2, fontWeight: "bold",
        fill: (p) => (p.classification === "irreversible" ? irreversibleLabelColor : "white"), stroke: "black", strokeWidth: 2.5}),
      ...scaleBarMarks(10, fieldUm)
    ]
  });
  const bar = colorBar({type: "linear", domain: [low, domain[1]], scheme: "viridis", label: quantity, heightPx: innerHeight, marginTopPx: margin.top, marginBottomPx: margin.bottom});
  const legend = swatchLegend([
    {name: "irreversible (keeps its charge change after discharge): outline and id in red", color: irreversibleColor},
    {name: "particle outline (segmentation)", color: "#999", shape: "dashed"}
  ], {width, marginLeftPx: margin.left});
  const figure = document.createElement("div");
  figure.className = "operando-particle-map";
  const row = document.createElement("div");
  row.style.cssText = "display:flex;align-items:flex-start";
  row.append(plot, bar);
  figure.append(legend, row);
  return figure;
}
