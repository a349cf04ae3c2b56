// Plot marks drawn over an image in um: the scale bar and outlines (particles, ROIs, the LLTO region).
import * as Plot from "npm:@observablehq/plot";
import {roiOutlinesUm, type RunAnalysis} from "@operando/lib/run/analysis";
import {ringCorner, type PointUm} from "@operando/lib/roi/ring";
import type {Roi} from "@operando/lib/roi/types";
import {figureFontPx} from "./figure-style.js";

/** particle: dotted white outline; roi: solid line; llto: yellow dotted line (the paper's conventions). */
export type OverlayKind = "particle" | "roi" | "llto";

export interface Overlay {
  kind: OverlayKind;
  ring: PointUm[];
  label?: string;
  /** Line colour of an ROI (default white). */
  color?: string;
}

const styles: Record<OverlayKind, {stroke?: string; strokeWidth: number; strokeDasharray?: string}> = {
  particle: {stroke: "white", strokeWidth: 1, strokeDasharray: "1.5,2"},
  roi: {strokeWidth: 1.75},
  llto: {stroke: "#ffd400", strokeWidth: 2, strokeDasharray: "3,2.5"}
};

const halo = {fill: "white", stroke: "black", strokeWidth: 2.5, fontWeight: "bold"};

export function overlayMarks(overlays: Overlay[]): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  for (const kind of ["particle", "llto", "roi"] as OverlayKind[]) {
    const rows = overlays
      .map((overlay, id) => ({overlay, id}))
      .filter(({overlay}) => overlay.kind === kind)
      .flatMap(({overlay, id}) => overlay.ring.map(([x, y]) => ({x, y, id, color: overlay.color ?? "white"})));
    if (rows.length === 0) continue;
    const {stroke, ...style} = styles[kind];
    marks.push(Plot.line(rows, {x: "x", y: "y", z: "id", curve: "linear-closed", stroke: stroke ?? ((d: {color: string}) => d.color), ...style}));
  }
  const labelled = overlays.filter((overlay) => overlay.label);
  if (labelled.length > 0) {
    // Inside the outline's top-left corner, so the label hides little of what the outline encloses.
    const labels = labelled.map((overlay) => ({position: ringCorner(overlay.ring), text: overlay.label!}));
    marks.push(Plot.text(labels, {x: (d) => d.position[0], y: (d) => d.position[1], text: "text", textAnchor: "start", dx: 3, dy: 8, fontSize: figureFontPx, ...halo}));
  }
  return marks;
}

/** A scale bar of `lengthUm` in the bottom-right corner, white with a dark edge so it reads on any colour. */
/** A scale bar of 1, 2 or 5 × 10^k µm, at most a fifth of the field's width (10 µm on an 80 µm field). */
export function scaleBarLengthUm(fieldWidthUm: number): number {
  const limit = fieldWidthUm / 5;
  const decade = 10 ** Math.floor(Math.log10(limit));
  return [5, 2, 1].map((m) => m * decade).find((length) => length <= limit) ?? decade;
}

export function scaleBarMarks(lengthUm: number, [widthUm, heightUm]: [number, number]): Plot.Markish[] {
  const padUm = Math.min(widthUm, heightUm) * 0.07;
  const [x2, yBar] = [widthUm - padUm, heightUm - padUm];
  const x1 = x2 - lengthUm;
  const bar = [{x1, x2, y: yBar}];
  return [
    Plot.ruleY(bar, {x1: "x1", x2: "x2", y: "y", stroke: "black", strokeWidth: 5, strokeLinecap: "butt"}),
    Plot.ruleY(bar, {x1: "x1", x2: "x2", y: "y", stroke: "white", strokeWidth: 3, strokeLinecap: "butt"}),
    Plot.text(bar, {x: (d) => (d.x1 + d.x2) / 2, y: "y", dy: -9, text: () => `${lengthUm} µm`, fontSize: figureFontPx, ...halo})
  ];
}

/**
 * Size, margins and scales of a Plot that draws a field of view in um at its true aspect ratio, x right and
 * y down (docs/data-model.md), with or without axes. `innerHeightPx` is the height of the image itself.
 */
export function fieldOfViewFrame([widthUm, heightUm]: [number, number], plotWidthPx: number, axes = true) {
  const margin = axes ? {top: 8, right: 10, bottom: 40, left: 42} : {top: 2, right: 2, bottom: 2, left: 2};
  const innerHeightPx = Math.round(((plotWidthPx - margin.left - margin.right) * heightUm) / widthUm);
  return {
    margin,
    innerHeightPx,
    plot: {
      width: plotWidthPx,
      height: innerHeightPx + margin.top + margin.bottom,
      marginTop: margin.top,
      marginRight: margin.right,
      marginBottom: margin.bottom,
      marginLeft: margin.left,
      x: {domain: [0, widthUm], label: "x (µm)", labelArrow: "none", labelAnchor: "center", axis: axes ? "bottom" : null},
      y: {domain: [0, heightUm], reverse: true, label: "y (µm)", labelArrow: "none", labelAnchor: "center", axis: axes ? "left" : null}
    } satisfies Plot.PlotOptions
  };
}

/** A red cross on every pixel flagged in `flags` (row-major, 1 = flagged), e.g. pixels too saturated to correct. */
export function flaggedPixelMarks(flags: ArrayLike<number>, width: number, [pixelWidthUm, pixelHeightUm]: [number, number]): Plot.Markish[] {
  const centres: {x: number; y: number}[] = [];
  for (let i = 0; i < flags.length; i++) {
    if (flags[i]) centres.push({x: ((i % width) + 0.5) * pixelWidthUm, y: (Math.floor(i / width) + 0.5) * pixelHeightUm});
  }
  return centres.length === 0 ? [] : [Plot.dot(centres, {x: "x", y: "y", symbol: "times", r: 2.5, stroke: "#ff2020", strokeWidth: 1.25})];
}

/** Outlines in um moved onto a frame by its drift, as image-panel overlays. */
export function overlaysOnFrame(analysis: RunAnalysis, rois: Roi[], frame: number, kind: OverlayKind, options: {color?: string; labels?: boolean} = {}): Overlay[] {
  return rois.flatMap((roi) => roiOutlinesUm(analysis, roi, frame).map((ring, i) => ({
    kind, ring, color: options.color, label: options.labels && i === 0 ? roi.name : undefined
  })));
}
