// Charge-discharge curves: voltage vs capacity (or time) per cycle; CC solid, CV dashed; charge and discharge in
// their own colours; the numbered observation points on top.
import * as Plot from "npm:@observablehq/plot";
import * as d3 from "npm:d3";
import {chargeUnitFor, type ChargeUnit} from "@operando/lib/echem/charge-unit";
import {curveSegments, type CyclingRow} from "@operando/lib/echem/curve-segments";
import {swatchLegend} from "./swatch-legend.js";
import {figureFontPx, plotStyle} from "./figure-style.js";

export type {CyclingRow};

export interface ObservationPoint {
  number: number | string;
  capacityAh: number;
  voltageV: number;
  testTimeS?: number;
}

export interface ChargeDischargeOptions {
  width: number;
  height?: number;
  x?: "capacity" | "time";
  points?: ObservationPoint[];
  /** Unit of the capacity axis; by default the one that suits the largest capacity drawn (chargeUnitFor). */
  chargeUnit?: ChargeUnit;
}

function seriesColors(series: string[]): string[] {
  const cycles = [...new Set(series.map((s) => s.split(" ")[1]))];
  const shade = (s: string) => 0.9 - (0.45 * cycles.indexOf(s.split(" ")[1])) / Math.max(1, cycles.length - 1);
  return series.map((s) => (s.endsWith("discharge") ? d3.interpolateBlues(shade(s)) : d3.interpolateReds(shade(s))));
}

export function chargeDischarge(rows: CyclingRow[], options: ChargeDischargeOptions): HTMLDivElement {
  const {width, height = 320, x = "capacity", points = []} = options;
  const drawn = curveSegments(rows);
  const unit = options.chargeUnit ?? chargeUnitFor(d3.max(drawn, (d) => d.capacityAh) ?? NaN);
  const series = [...new Set(drawn.map((d) => d.series))];
  const colors = seriesColors(series);
  const xOf = (d: {capacityAh: number; testTimeS?: number}) => (x === "time" ? (d.testTimeS ?? NaN) / 3600 : unit.of(d.capacityAh));
  const line = (mode: "CC" | "CV") =>
    Plot.line(drawn.filter((d) => d.mode === mode), {x: xOf, y: "voltageV", z: "segment", stroke: "series", strokeWidth: 1.75, strokeDasharray: mode === "CV" ? "5,3" : undefined});
  const plot = Plot.plot({
    width,
    height,
    marginLeft: 48,
    marginBottom: 40,
    style: plotStyle,
    x: {label: x === "time" ? "time (h)" : `capacity (${unit.symbol})`, labelArrow: "none", labelAnchor: "center", grid: true},
    y: {label: "voltage (V)", labelArrow: "none", grid: true},
    color: {type: "categorical", domain: series, range: colors},
    marks: [
      line("CC"),
      line("CV"),
      Plot.dot(points, {x: xOf, y: "voltageV", r: 4, fill: "white", stroke: "black", strokeWidth: 1.25}),
      Plot.text(points, {x: xOf, y: "voltageV", text: (d: ObservationPoint) => String(d.number), dy: -11, fontSize: figureFontPx, fontWeight: "bold", stroke: "white", strokeWidth: 3, fill: "black"})
    ]
  });
  const figure = document.createElement("div");
  figure.className = "operando-charge-discharge";
  const lineStyles = [{name: "CC", color: "currentColor"}, {name: "CV", color: "currentColor", shape: "dashed" as const}];
  figure.append(swatchLegend([...series.map((name, i) => ({name, color: colors[i]})), ...lineStyles], {width, marginLeftPx: 48}), plot);
  return figure;
}
