// ROI trends with their 95% intervals: points, error bars and lines per ROI, one chart per ion.
import * as Plot from "npm:@observablehq/plot";
import * as d3 from "npm:d3";
import type {TrendPoint} from "@operando/lib/roi/trend-normalise";
import {swatchLegend} from "./swatch-legend.js";
import {plotStyle} from "./figure-style.js";

/** A trend point as drawn; a flagged one is ringed in red. */
export interface TrendRow extends TrendPoint {
  /** Acquisition time (Date, or hours since the start) for `x: "time"`. */
  time?: Date | number;
}

export interface TrendChartOptions {
  width: number;
  height?: number;
  /** Observation points in frame order (default) or time. */
  x?: "observation" | "time";
  /** y label: quantity and unit, e.g. "counts/µm²"; "{ion}" is replaced by the ion. */
  quantity?: string;
  /** ROI colours in legend order; default Plot's categorical scheme. */
  roiColors?: Record<string, string>;
  xLabel?: string;
}

/** Observation names in frame order, each once. */
export function orderedObservationNames(rows: TrendRow[]): string[] {
  const firstFrame = new Map<string, number>();
  for (const {observationName, frame} of rows) firstFrame.set(observationName, Math.min(frame, firstFrame.get(observationName) ?? Infinity));
  return [...firstFrame.keys()].sort((a, b) => firstFrame.get(a)! - firstFrame.get(b)!);
}

function ionChart(rows: TrendRow[], ion: string, rois: string[], colors: string[], options: TrendChartOptions) {
  const {width, height = 240, x = "observation", quantity = "{ion} counts/µm²", xLabel} = options;
  const byTime = x === "time";
  const observationNames = orderedObservationNames(rows);
  // Side by side within a point, so that overlapping error bars stay readable.
  const offsetPx = (roi: string) => (rois.indexOf(roi) - (rois.length - 1) / 2) * 7;
  const xValue = (d: TrendRow) => (byTime ? d.time : d.observationName);
  const perRoi = rois.flatMap((roi) => {
    const data = rows.filter((d) => d.roi === roi);
    const dx = offsetPx(roi);
    const flagged = data.filter((d) => d.flagged);
    return [
      ...(flagged.length > 0 ? [Plot.dot(flagged, {x: xValue, y: "value", dx, r: 7.5, stroke: "#ff2020", strokeWidth: 1.5, fill: "none"})] : []),
      Plot.line(data, {x: xValue, y: "value", stroke: "roi", dx, strokeWidth: 1.5, sort: byTime ? xValue : (d: TrendRow) => d.frame}),
      Plot.ruleX(data, {x: xValue, y1: "low", y2: "high", stroke: "roi", dx, strokeWidth: 1.5, marker: "tick-x"}),
      Plot.dot(data, {x: xValue, y: "value", fill: "roi", stroke: "white", r: 3.5, dx, tip: true, title: (d: TrendRow) => `${d.roi}, ${d.observationName}: ${d.value.toPrecision(4)} (95%: ${d.low.toPrecision(4)}–${d.high.toPrecision(4)})`})
    ];
  });
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginBottom: 40,
    style: plotStyle,
    x: byTime
      ? {label: xLabel ?? "time", labelArrow: "none", labelAnchor: "center"}
      : {type: "point", domain: observationNames, padding: 0.4, label: xLabel ?? "observation point", labelAnchor: "center"},
    y: {label: quantity.replace("{ion}", ion), labelArrow: "none", grid: true, nice: true},
    color: {type: "categorical", domain: rois, range: colors},
    marks: [...perRoi]
  });
}

/** One chart per ion (each with its own y scale and unit), stacked; ROIs coloured alike, one legend on top. */
export function trendChart(rows: TrendRow[], options: TrendChartOptions): HTMLDivElement {
  const rois = [...new Set(rows.map((d) => d.roi))];
  const ions = [...new Set(rows.map((d) => d.ion))];
  const figure = document.createElement("div");
  figure.className = "operando-trend-chart";
  const colors = rois.map((roi, i) => options.roiColors?.[roi] ?? d3.schemeTableau10[i % 10]);
  figure.append(swatchLegend(rois.map((roi, i) => ({name: roi, color: colors[i]})), {width: options.width, marginLeftPx: 56}));
  for (const ion of ions) figure.append(ionChart(rows.filter((d) => d.ion === ion), ion, rois, colors, options));
  return figure;
}
