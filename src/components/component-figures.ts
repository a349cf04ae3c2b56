// The multivariate components of a region (lib/run/components.ts): loadings, score images of one frame, and each
// component's mean score against the state of charge over the frames, with 95% intervals.
import * as Plot from "npm:@observablehq/plot";
import {scoreImage} from "@operando/lib/multivariate/frame-matrix";
import type {ComponentsSummary} from "@operando/lib/run/components";
import type {FramePlace} from "@operando/lib/run/components-view";
import {imagePanel} from "./image-panel.js";
import {plotStyle} from "./figure-style.js";

const componentName = (result: ComponentsSummary, c: number) => `${result.method === "pca" ? "PC" : "NMF "}${c + 1}`;

/** Per component, its weight on each ion (PCA loadings in the Poisson-scaled space, or NMF spectra). */
export function loadingsChart(result: ComponentsSummary, {width}: {width: number}): SVGSVGElement | HTMLElement {
  const rows = result.loadings.flatMap((loading, c) => loading.map((value, j) => ({component: componentName(result, c), ion: result.matrix.ions[j], value})));
  return Plot.plot({
    width,
    height: 200,
    marginLeft: 52,
    marginBottom: 40,
    style: plotStyle,
    fx: {label: null, padding: 0.15},
    x: {label: null, domain: result.matrix.ions, tickRotate: result.matrix.ions.length > 6 ? -30 : 0},
    y: {label: result.method === "pca" ? "loading (Poisson-scaled)" : "share of the component's counts", labelArrow: "none", grid: true},
    marks: [
      Plot.barY(rows, {fx: "component", x: "ion", y: "value", fill: (d: {value: number}) => (d.value >= 0 ? "#4e79a7" : "#e15759"), tip: true}),
      Plot.ruleY([0])
    ]
  });
}

/** One score image per component for one frame (its scores: rows x components), on the (binned) reference grid. */
export function scoreImages(result: ComponentsSummary, scores: ArrayLike<number>, {width, pixelSizeUm}: {width: number; pixelSizeUm: [number, number]}): HTMLDivElement {
  const {matrix} = result;
  const binnedUm: [number, number] = [pixelSizeUm[0] * matrix.binFactor, pixelSizeUm[1] * matrix.binFactor];
  const figure = document.createElement("div");
  figure.className = "operando-score-images";
  for (let c = 0; c < result.components; c++) {
    const data = scoreImage(matrix, scores, result.components, c, 0);
    // PCA scores are signed around the mean: a diverging scale centred on 0; NMF scores are counts.
    let extent = 0;
    for (const v of data) if (Number.isFinite(v)) extent = Math.max(extent, Math.abs(v));
    const options = result.method === "pca"
      ? {domain: [-extent, extent] as [number, number], scheme: "rdbu" as const, quantity: `${componentName(result, c)} score`}
      : {quantity: `${componentName(result, c)} counts per ${matrix.binFactor > 1 ? `${matrix.binFactor} × ${matrix.binFactor} bin` : "pixel"}`};
    const heading = document.createElement("h3");
    heading.textContent = componentName(result, c);
    figure.append(heading, imagePanel({data, width: matrix.width, height: matrix.height}, {width, pixelSizeUm: binnedUm, ...options}));
  }
  return figure;
}

/** Each component's mean score per frame against the state of charge, in time order, with 95% intervals (±1.96 SE). */
export function scoreTrendChart(result: ComponentsSummary, places: FramePlace[], {width}: {width: number}): HTMLDivElement {
  const figure = document.createElement("div");
  figure.className = "operando-score-trend";
  const placeOf = new Map(places.map((p) => [p.frame, p]));
  for (let c = 0; c < result.components; c++) {
    const rows = result.matrix.frames.flatMap((frame, slot) => {
      const place = placeOf.get(frame);
      if (!place) return [];
      const {mean, standardError} = result.perFrame[c][slot];
      return [{number: place.number, soc: 100 * place.stateOfCharge, mean, low: mean - 1.96 * standardError, high: mean + 1.96 * standardError}];
    }).sort((a, b) => a.number - b.number);
    figure.append(Plot.plot({
      width,
      height: 220,
      marginLeft: 64,
      marginBottom: 40,
      style: plotStyle,
      x: {label: "state of charge (%)", labelArrow: "none", labelAnchor: "center", grid: true},
      y: {label: `${componentName(result, c)} mean score`, labelArrow: "none", grid: true, nice: true},
      marks: [
        Plot.line(rows, {x: "soc", y: "mean", stroke: "#999", strokeWidth: 1, markerEnd: "arrow"}),
        Plot.ruleX(rows, {x: "soc", y1: "low", y2: "high", stroke: "#4e79a7", strokeWidth: 1.5, marker: "tick-x"}),
        Plot.dot(rows, {x: "soc", y: "mean", fill: "#4e79a7", r: 3.5, tip: true, title: (d: typeof rows[number]) =>
          `observation point ${d.number}: state of charge ${d.soc.toFixed(1)} %, mean score ${d.mean.toPrecision(4)} (95%: ${d.low.toPrecision(4)} to ${d.high.toPrecision(4)})`}),
        Plot.text(rows, {x: "soc", y: "mean", text: "number", dy: -10, stroke: "white", strokeWidth: 3, fill: "black"})
      ]
    }));
  }
  return figure;
}

/** What NMF was run over and whether it converged, in a sentence. */
export function nmfSummary(result: ComponentsSummary): HTMLParagraphElement {
  const {rows, binFactor} = result.matrix;
  return Object.assign(document.createElement("p"), {textContent: `NMF over ${rows.toLocaleString("en")} rows (${binFactor} × ${binFactor} bins)${result.converged ? ", converged" : ", stopped after 200 updates before converging"}. Each spectrum sums to 1; the scores are counts.`});
}
