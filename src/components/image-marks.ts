// Plot marks drawn over an image in um: the scale bar and outlines (particles, ROIs, the LLTO region).
import * as Plot from "npm:@observablehq/plot";
import {rgb} from "npm:d3";
import {roiOutlinesUm, type RunAnalysis} from "@operando/lib/run/analysis";
import {ringCorner, type PointUm} from "@operando/lib/roi/ring";
import type {Roi} from "@operando/lib/roi/types";
import {figureFontPx} from "./figure-style.js";

/** particle: dotted white outline; roi: solid line; llto: yellow dotted line (the paper's conventions). */
export type OverlayKind = "particle" | "roi" | "llto";

export interface Overlay {
  kind: OverlayKind;
  ring: PointUm[];
  /** Drawn inside the outline's top-left corner (an ROI's name). */
  name?: string;
  /** Line colour of an ROI (default white). */
  color?: string;
}

const styles: Record<OverlayKind, {stroke?: string; strokeWidth: number; strokeDasharray?: string}> = {
  particle: {stroke: "white", strokeWidth: 1, strokeDasharray: "1.5,2"},
  roi: {strokeWidth: 1.75},
  llto: {stroke: "#ffd400", strokeWidth: 2, strokeDasharray: "3,2.5"}
};

const halo = {fill: "white", stroke: "black", strokeWidth: 2.5, fontWeight: "bold"};

// Plot's own half-pixel offset of marks on screens of one device pixel per CSS pixel (Plot's src/style.js).
const plotOffsetPx = typeof window !== "undefined" && window.devicePixelRatio > 1 ? 0 : 0.5;
// ImageData's bytes are R, G, B, A in memory: the packed 32-bit colour depends on the machine's byte order.
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * An image of `width` x `height` pixels over the field of view, drawn as Plot.raster draws one (the same markup),
 * each pixel the colour of its value, which is computed once per distinct value: Plot.raster passes every pixel's
 * value through its channels and parses a colour string per pixel, seconds for a row of 512 x 512 images.
 */
export function pixelRaster(values: ArrayLike<number>, colorOf: (value: number) => string | null | undefined,
  {width, height, fieldUm}: {width: number; height: number; fieldUm: [number, number]}): Plot.RenderFunction {
  return (_index, scales) => {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d")!;
    const image = context.createImageData(width, height);
    const rgba = new Uint32Array(image.data.buffer);
    const colors = new Map<number, number>();
    for (let i = 0; i < width * height; i++) {
      const value = values[i];
      let packed = colors.get(value);
      if (packed === undefined) {
        const color = colorOf(value);
        const {r, g, b} = color == null ? {r: 0, g: 0, b: 0} : rgb(color);
        const a = color == null ? 0 : 255;
        packed = littleEndian ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
        colors.set(value, packed);
      }
      rgba[i] = packed;
    }
    context.putImageData(image, 0, 0);
    const [x1, y1, x2, y2] = [scales.x!(0)!, scales.y!(0)!, scales.x!(fieldUm[0])!, scales.y!(fieldUm[1])!];
    const svg = "http://www.w3.org/2000/svg";
    const g = document.createElementNS(svg, "g");
    g.setAttribute("aria-label", "raster");
    if (plotOffsetPx) g.setAttribute("transform", `translate(${plotOffsetPx},${plotOffsetPx})`);
    const element = document.createElementNS(svg, "image");
    element.setAttribute("transform", `translate(${x1},${y1}) scale(${Math.sign(x2 - x1)},${Math.sign(y2 - y1)})`);
    element.setAttribute("width", String(Math.abs(x2 - x1)));
    element.setAttribute("height", String(Math.abs(y2 - y1)));
    element.setAttribute("preserveAspectRatio", "none");
    element.setAttribute("image-rendering", "pixelated");
    element.setAttributeNS("http://www.w3.org/1999/xlink", "href", canvas.toDataURL());
    g.append(element);
    return g;
  };
}

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
  const named = overlays.filter((overlay) => overlay.name);
  if (named.length > 0) {
    // Inside the outline's top-left corner, so the name hides little of what the outline encloses.
    const names = named.map((overlay) => ({position: ringCorner(overlay.ring), text: overlay.name!}));
    marks.push(Plot.text(names, {x: (d) => d.position[0], y: (d) => d.position[1], text: "text", textAnchor: "start", dx: 3, dy: 8, fontSize: figureFontPx, ...halo}));
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

/** Outlines in um moved onto a frame by its drift, as image-panel overlays; `roiNames`: each ROI's name in its first ring. */
export function overlaysOnFrame(analysis: RunAnalysis, rois: Roi[], frame: number, kind: OverlayKind, options: {color?: string; roiNames?: boolean} = {}): Overlay[] {
  return rois.flatMap((roi) => roiOutlinesUm(analysis, roi, frame).map((ring, i) => ({
    kind, ring, color: options.color, name: options.roiNames && i === 0 ? roi.name : undefined
  })));
}
