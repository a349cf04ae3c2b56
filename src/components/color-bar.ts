// A vertical colour bar (gradient, ticks, rotated label) beside an image, in SVG so that it exports with it.
import * as Plot from "npm:@observablehq/plot";
import * as d3 from "npm:d3";
import type {ColorScaleType} from "@operando/lib/imaging/color-limits";
import {figureFontFamily, figureFontPx} from "./figure-style.js";

export interface ColorBarOptions {
  type: ColorScaleType;
  domain: [number, number];
  scheme?: ColorScheme;
  /** The quantity and its unit, e.g. "58Ni+ counts per pixel". */
  label: string;
  /** Height of the gradient in px (the image's inner height). */
  heightPx: number;
  /** Space above the gradient, to line up with the image's top edge. */
  marginTopPx?: number;
  marginBottomPx?: number;
}

export type ColorScheme = Plot.ColorScheme;
export const colorBarWidthPx = 72;
let gradientCount = 0;

/** The colour function of an image panel: same scheme, type and domain as Plot's colour scale there. */
export function colorScale({type, domain, scheme = "viridis"}: Pick<ColorBarOptions, "type" | "domain" | "scheme">) {
  return Plot.scale({color: {type, domain, scheme, clamp: true}});
}

/**
 * Evenly spaced stops of a colour scale's gradient, from its interpolator at exact fractions: a colour computed
 * through a log scale's round trip can land one ulp below a step of a 256-colour ramp (viridis) and take the
 * neighbouring colour on another JavaScript engine.
 */
export function gradientStops(color: ReturnType<typeof colorScale>, count = 32): {offset: number; color: string}[] {
  const interpolate = color.interpolate as ((t: number) => string) | undefined;
  if (!interpolate) throw new RangeError("gradientStops: the colour scale has no interpolator");
  return Array.from({length: count + 1}, (_, i) => ({offset: i / count, color: String(interpolate(i / count))}));
}

export function colorBar({type, domain, scheme = "viridis", label, heightPx, marginTopPx = 0, marginBottomPx = 0}: ColorBarOptions): SVGSVGElement {
  const color = colorScale({type, domain, scheme});
  const position = (type === "log" ? d3.scaleLog() : d3.scaleLinear()).domain(domain).range([heightPx, 0]);
  // Unique across the page and across SVGs merged for export.
  const id = `operando-colorbar-${++gradientCount}-${Math.random().toString(36).slice(2, 8)}`;
  const barWidthPx = 12;
  const svg = d3
    .create("svg")
    .attr("class", "operando-colorbar")
    .attr("width", colorBarWidthPx)
    .attr("height", heightPx + marginTopPx + marginBottomPx)
    .attr("font-family", figureFontFamily)
    .attr("font-size", figureFontPx)
    .style("overflow", "visible");
  const gradient = svg.append("defs").append("linearGradient").attr("id", id).attr("x1", 0).attr("y1", 1).attr("x2", 0).attr("y2", 0);
  for (const stop of gradientStops(color)) gradient.append("stop").attr("offset", stop.offset).attr("stop-color", stop.color);
  const bar = svg.append("g").attr("transform", `translate(4,${marginTopPx})`);
  bar.append("rect").attr("width", barWidthPx).attr("height", heightPx).attr("fill", `url(#${id})`).attr("stroke", "currentColor").attr("stroke-width", 0.5);
  const ticks = Math.max(2, Math.floor(heightPx / 30));
  // A log scale labels only some of its ticks; draw just those, so that the bar is not crowded with marks.
  // SI prefixes shorten counts (2k, 1.5M); below 1 they would write milli (400m), so decimals are kept there.
  const largest = Math.max(...domain.map(Math.abs));
  const format = position.tickFormat(ticks, largest < 1 ? "~g" : "~s");
  const axis = d3.axisRight(position).tickValues(position.ticks(ticks).filter((value) => format(value) !== "")).tickFormat(format).tickSizeOuter(0);
  bar.append("g").attr("transform", `translate(${barWidthPx},0)`).call(axis).call((g) => g.select(".domain").remove()).attr("font-size", figureFontPx).attr("font-family", null);
  // A label longer than the bar is broken into two lines at the space nearest its middle.
  const lines = label.length * 0.56 * figureFontPx > heightPx && label.includes(" ") ? splitNearMiddle(label) : [label];
  const text = svg
    .append("text")
    .attr("transform", `translate(${colorBarWidthPx - 4 - (lines.length - 1) * (figureFontPx + 1)},${marginTopPx + heightPx / 2}) rotate(-90)`)
    .attr("text-anchor", "middle")
    .attr("fill", "currentColor");
  lines.forEach((line, i) => text.append("tspan").attr("x", 0).attr("dy", i === 0 ? 0 : "1.1em").text(line));
  return svg.node()!;
}

function splitNearMiddle(label: string): string[] {
  const middle = label.length / 2;
  let best = -1;
  for (let i = label.indexOf(" "); i >= 0; i = label.indexOf(" ", i + 1)) if (best < 0 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  return [label.slice(0, best), label.slice(best + 1)];
}
