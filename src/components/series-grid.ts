// Small multiples of a time series of ion images, transposed from imageGrid: one column per ion (each with its
// own colour scale and a horizontal colour bar on top), one row per observation point (titled by its number on
// the charge–discharge curve and its label), so that an image series reads down a column at a legible size.
import * as d3 from "npm:d3";
import {colorScale, gradientStops, type ColorScheme} from "./color-bar.js";
import type {ColorScaleType} from "@operando/lib/imaging/color-limits";
import type {SeriesColumn} from "@operando/lib/run/supporting-series";
import {imagePanel, pixelSize, type IonImage} from "./image-panel.js";
import type {Overlay} from "./image-marks.js";
import {svgLabel} from "./svg-label.js";
import {figureFontFamily, figureFontPx} from "./figure-style.js";

export interface SeriesGridOptions {
  width: number;
  /** Row titles, each one or two lines. */
  rows: string[][];
  pixelSizeUm: number | [number, number];
  colorType?: ColorScaleType;
  scheme?: ColorScheme;
  scaleBarUm?: number;
  overlays?: Overlay[];
  /** false: no column titles and colour bars (a later part of a grid whose first part has them). */
  columnHeads?: boolean;
}

const rowTitleWidthPx = 96;
const gapPx = 4;
const colorBarHeightPx = 58;

/** A horizontal colour bar (gradient, ticks below, label above), in SVG so that it exports with the figure. */
export function horizontalColorBar({type, domain, scheme = "viridis", label, widthPx}: {type: ColorScaleType; domain: [number, number]; scheme?: ColorScheme; label: string; widthPx: number}): SVGSVGElement {
  const color = colorScale({type, domain, scheme});
  const [left, right] = [8, 8];
  const position = (type === "log" ? d3.scaleLog() : d3.scaleLinear()).domain(domain).range([left, widthPx - right]);
  const id = `operando-hbar-${Math.random().toString(36).slice(2, 10)}`;
  const svg = d3.create("svg").attr("class", "operando-colorbar").attr("width", widthPx).attr("height", colorBarHeightPx)
    .attr("font-family", figureFontFamily).attr("font-size", figureFontPx).style("overflow", "visible");
  const gradient = svg.append("defs").append("linearGradient").attr("id", id);
  for (const stop of gradientStops(color)) gradient.append("stop").attr("offset", stop.offset).attr("stop-color", stop.color);
  svg.append("text").attr("x", widthPx / 2).attr("y", figureFontPx).attr("text-anchor", "middle").attr("fill", "currentColor").text(label);
  const barTop = figureFontPx + 6;
  svg.append("rect").attr("x", left).attr("y", barTop).attr("width", widthPx - left - right).attr("height", 10).attr("fill", `url(#${id})`).attr("stroke", "currentColor").attr("stroke-width", 0.5);
  const ticks = Math.max(2, Math.floor(widthPx / 50));
  const format = position.tickFormat(ticks, "~s");
  const axis = d3.axisBottom(position).tickValues(position.ticks(ticks).filter((value) => format(value) !== "")).tickFormat(format).tickSizeOuter(0);
  svg.append("g").attr("transform", `translate(0,${barTop + 10})`).call(axis).call((g) => g.select(".domain").remove()).attr("font-size", figureFontPx).attr("font-family", null);
  return svg.node()!;
}

export function seriesGrid(columns: SeriesColumn[], options: SeriesGridOptions): HTMLDivElement {
  const {width, rows, colorType = "linear", scheme = "viridis", scaleBarUm} = options;
  // At least 60 px a cell: a page whose layout is not done yet may report a width of 0.
  const cellWidthPx = Math.max(60, Math.floor((width - rowTitleWidthPx - gapPx * columns.length) / columns.length));
  const [pixelWidthUm, pixelHeightUm] = pixelSize(options.pixelSizeUm);
  const first = columns.flatMap((c) => c.images).find((image): image is IonImage => image !== null);
  const cellHeightPx = first ? Math.round(((cellWidthPx - 4) * first.height * pixelHeightUm) / (first.width * pixelWidthUm)) + 4 : 40;
  const grid = document.createElement("div");
  grid.className = "operando-series-grid";
  grid.style.cssText = `display:grid;grid-template-columns:${rowTitleWidthPx}px repeat(${columns.length},${cellWidthPx}px);gap:${gapPx}px;align-items:center;`;
  if (options.columnHeads ?? true) {
    grid.append(document.createElement("div"));
    for (const column of columns) {
      const head = document.createElement("div");
      head.append(svgLabel([column.title], {widthPx: cellWidthPx, heightPx: figureFontPx + 8, bold: true}),
        horizontalColorBar({type: colorType, domain: column.domain, scheme, label: column.quantity, widthPx: cellWidthPx}));
      grid.append(head);
    }
  }
  // `data-complete="true"` once every image is drawn (for the tests; cells are drawn lazily, below).
  let waiting = 0;
  rows.forEach((title, r) => {
    grid.append(svgLabel(title, {widthPx: rowTitleWidthPx, heightPx: cellHeightPx}));
    for (const column of columns) {
      const image = column.images[r];
      const cell = document.createElement("div");
      cell.style.cssText = `width:${cellWidthPx}px;height:${cellHeightPx}px`;
      if (image) {
        waiting++;
        laterCell(cell, () => {
          cell.replaceWith(imagePanel(image, {width: cellWidthPx, pixelSizeUm: options.pixelSizeUm, domain: column.domain,
            colorType, scheme, scaleBarUm, axes: false, colorBar: false, overlays: options.overlays}));
          if (--waiting === 0) grid.dataset.complete = "true";
        });
      }
      grid.append(cell);
    }
  });
  grid.dataset.complete = String(waiting === 0);
  return grid;
}

// A page of small multiples holds a hundred or more images at about 20 ms each: they are drawn a few at a time
// (about 40 ms of work, then the browser paints and answers input), the cells in or near view first, so that
// the page answers at once and every cell is drawn a few seconds later.
const pending = new Map<Element, {draw: () => void; sinceMs: number}>();
const inView = new Set<Element>();
let observer: IntersectionObserver | undefined;
let pumping = false;

function drawCell(cell: Element): void {
  const entry = pending.get(cell);
  pending.delete(cell);
  inView.delete(cell);
  observer?.unobserve(cell);
  if (entry && cell.isConnected) entry.draw();
}

function pump(): void {
  const started = performance.now();
  for (const cell of [...inView, ...pending.keys()]) {
    if (performance.now() - started > 40) break;
    if (cell.isConnected) drawCell(cell);
    // A cell not in the page a second after it was made was replaced (the inputs changed): dropped.
    else if (started - (pending.get(cell)?.sinceMs ?? 0) > 1000) (pending.delete(cell), inView.delete(cell), observer?.unobserve(cell));
  }
  if (pending.size > 0) setTimeout(pump, 0);
  else pumping = false;
}

function laterCell(cell: HTMLElement, draw: () => void): void {
  pending.set(cell, {draw, sinceMs: performance.now()});
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) if (entry.isIntersecting && pending.has(entry.target)) inView.add(entry.target);
  }, {rootMargin: "400px"});
  observer.observe(cell);
  if (!pumping) {
    pumping = true;
    setTimeout(pump, 0);
  }
}
