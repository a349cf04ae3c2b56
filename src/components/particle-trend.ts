// Per-particle trends relative to pristine with 95% intervals, one line per particle coloured by its class.
import * as Plot from "npm:@observablehq/plot";
import {plotStyle} from "./figure-style.js";
import type {ParticleTrendRow} from "@operando/lib/run/particles";
import {irreversibleColor} from "./particle-map.js";
import {swatchLegend} from "./swatch-legend.js";

export const classColors = {irreversible: irreversibleColor, reversible: "#2a6fb0", inactive: "#9a9a9a"};

export function particleTrend(rows: ParticleTrendRow[], {width, quantity, height = 300}: {width: number; quantity: string; height?: number}): HTMLDivElement {
  const numbers = [...new Set(rows.map((r) => r.number))].sort((a, b) => a - b).map(String);
  const present = (["reversible", "irreversible", "inactive"] as const).filter((c) => rows.some((r) => r.classification === c));
  // Irreversible particles drawn last, on top.
  const order = {inactive: 0, reversible: 1, irreversible: 2};
  const sorted = [...rows].sort((a, b) => order[a.classification] - order[b.classification]);
  const x = (d: ParticleTrendRow) => String(d.number);
  const plot = Plot.plot({
    width, height, marginLeft: 56, marginBottom: 40, style: plotStyle,
    x: {type: "point", domain: numbers, padding: 0.3, label: "observation point (numbered as on the charge–discharge curve)", labelAnchor: "center"},
    y: {label: quantity, labelArrow: "none", grid: true, nice: true},
    color: {domain: present, range: present.map((c) => classColors[c])},
    marks: [
      Plot.ruleY([1], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.ruleX(sorted, {x, y1: "low", y2: "high", stroke: "classification", strokeOpacity: 0.5, strokeWidth: 1}),
      Plot.line(sorted, {x, y: "value", z: "id", stroke: "classification", strokeWidth: (d: ParticleTrendRow) => (d.classification === "irreversible" ? 2 : 1), strokeOpacity: 0.85}),
      Plot.dot(sorted, {x, y: "value", fill: "classification", r: 1.8, tip: true, title: (d: ParticleTrendRow) => `${d.id} (${d.classification}), point ${d.number} ${d.observationName}: ${d.value.toFixed(2)} (95%: ${d.low.toFixed(2)}–${d.high.toFixed(2)})`})
    ]
  });
  const figure = document.createElement("div");
  figure.className = "operando-particle-trend";
  figure.append(swatchLegend(present.map((c) => ({name: `${c} (${new Set(rows.filter((r) => r.classification === c).map((r) => r.id)).size})`, color: classColors[c]})), {width, marginLeftPx: 56}), plot);
  return figure;
}
