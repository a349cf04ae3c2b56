// Counts along a segment between two points (um): the profile chart, and the segment drawn on an image panel.
import * as Plot from "npm:@observablehq/plot";
import * as d3 from "npm:d3";
import type {PointUm} from "@operando/lib/roi/ring";
import {pixelSize, type IonImage} from "./image-panel.js";
import {sampleProfile, type ProfileMethod} from "@operando/lib/imaging/profile";
import {swatchLegend} from "./swatch-legend.js";
import {figureFontPx, plotStyle} from "./figure-style.js";

export interface LineProfileOptions {
  width: number;
  height?: number;
  pixelSizeUm: number | [number, number];
  /** Bilinear between pixel centres (default) or the nearest pixel; named in the chart's caption. */
  method?: ProfileMethod;
  /** y-axis label: quantity and unit. */
  quantity?: string;
  /** Further profiles over the same segment, e.g. other ions: [{name, image}]. */
  series?: {name: string; image: IonImage}[];
}

/** Profile of one or more images along `fromUm` → `toUm`, one sample per pixel length, distance in um on x. */
export function lineProfile(image: IonImage | null, fromUm: PointUm, toUm: PointUm, options: LineProfileOptions): HTMLDivElement {
  const {width, height = 220, method = "bilinear", quantity = "counts per pixel"} = options;
  const pixel = pixelSize(options.pixelSizeUm);
  const series = [...(image ? [{name: "", image}] : []), ...(options.series ?? [])];
  const rows = series.flatMap(({name, image}) => sampleProfile(image, pixel, fromUm, toUm, method).map((sample) => ({...sample, name})));
  const names = series.map(({name}) => name);
  const colors = names.map((_, i) => (names.length > 1 ? d3.schemeTableau10[i % 10] : "currentColor"));
  const plot = Plot.plot({
    width,
    height,
    marginLeft: 48,
    marginBottom: 40,
    style: plotStyle,
    x: {label: "distance along A → B (µm)", labelArrow: "none", labelAnchor: "center"},
    y: {label: quantity, labelArrow: "none", grid: true, zero: true},
    color: {type: "categorical", domain: names, range: colors},
    caption: `Sampled every pixel length, ${method === "bilinear" ? "bilinear interpolation between pixel centres" : "nearest pixel"}.`,
    marks: [Plot.lineY(rows, {x: "distanceUm", y: "value", z: "name", stroke: "name", strokeWidth: 1.25}), Plot.ruleY([0])]
  });
  const figure = document.createElement("div");
  figure.className = "operando-line-profile";
  if (names.some((name) => name !== "")) figure.append(swatchLegend(names.map((name, i) => ({name, color: colors[i]})), {width, marginLeftPx: 48}));
  figure.append(plot);
  return figure;
}

/** Marks that draw the segment A → B on an image panel (pass as `marks` to imagePanel). */
export function segmentMarks(fromUm: PointUm, toUm: PointUm): Plot.Markish[] {
  const ends = [
    {x: fromUm[0], y: fromUm[1], name: "A"},
    {x: toUm[0], y: toUm[1], name: "B"}
  ];
  return [
    Plot.line(ends, {x: "x", y: "y", stroke: "black", strokeWidth: 3.5}),
    Plot.line(ends, {x: "x", y: "y", stroke: "white", strokeWidth: 1.5}),
    Plot.dot(ends, {x: "x", y: "y", r: 3, fill: "white", stroke: "black"}),
    Plot.text(ends, {x: "x", y: "y", text: "name", dy: -10, fontSize: figureFontPx, fontWeight: "bold", fill: "white", stroke: "black", strokeWidth: 2.5})
  ];
}
