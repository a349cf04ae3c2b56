// The two clocks (lib/frames/clock-offset.ts): how far each frame's state of charge moves for the clocks' offset
// ± its uncertainty, and every frame's start and end on both clocks, each in its own zone.
import * as Plot from "npm:@observablehq/plot";
import {html} from "npm:htl";
import type {ClockRow} from "@operando/lib/frames/clock-offset";
import {plotStyle} from "./figure-style.js";

const signed = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(3)}`;

/**
 * Per frame (in time order), how far its state of charge moves when the offset is u smaller (down to the lower
 * end) or u larger (up to the upper end), in percentage points; a frame that leaves the record there has no bar.
 */
export function clockShiftFigure(rows: ClockRow[], {width, uncertaintyS}: {width: number; uncertaintyS: number}): SVGSVGElement | HTMLElement {
  const drawn = rows.map((r, order) => ({...r, order: order + 1,
    low: 100 * (r.state_of_charge_low - r.state_of_charge), high: 100 * (r.state_of_charge_high - r.state_of_charge)}))
    .filter((d) => Number.isFinite(d.low) && Number.isFinite(d.high));
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 56,
    marginBottom: 40,
    style: plotStyle,
    x: {label: "frame (in time order)", labelArrow: "none", labelAnchor: "center", tickFormat: "d"},
    y: {label: `change in state of charge (percentage points) for offset ± ${uncertaintyS} s`, labelArrow: "none", grid: true},
    color: {legend: true},
    marks: [
      Plot.ruleY([0]),
      Plot.ruleX(drawn, {x: "order", y1: "low", y2: "high", stroke: "region", strokeWidth: 3}),
      Plot.dot(drawn, {x: "order", y: "high", fill: "region", r: 2.5, tip: true, title: (d: typeof drawn[number]) =>
        `frame ${d.frame} (${d.region}) at ${(100 * d.state_of_charge).toFixed(2)} % state of charge\n−u: ${signed(d.low)}, +u: ${signed(d.high)} percentage points\nvoltage ${d.voltage_low_v.toFixed(4)} / ${d.voltage_v.toFixed(4)} / ${d.voltage_high_v.toFixed(4)} V`})
    ]
  });
}

function localTime(unixS: number, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23"})
    .format(new Date(unixS * 1000));
}

const percent = (fraction: number) => (Number.isFinite(fraction) ? (100 * fraction).toFixed(2) : "outside");
const volts = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : "outside");

/** Every frame on both clocks, each in its own zone, with its state of charge and voltage at the three offsets. */
export function clockTable(rows: ClockRow[], {simsTimeZone, potentiostatTimeZone}: {simsTimeZone: string; potentiostatTimeZone: string}): HTMLTableElement {
  return html`<table class="operando-clock-table">
    <thead><tr><th>frame</th><th>region</th><th>start – end, SIMS clock (${simsTimeZone})</th><th>start – end, potentiostat clock (${potentiostatTimeZone})</th>
      <th>state of charge (%) at −u / offset / +u</th><th>voltage (V) at −u / offset / +u</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><td>${r.frame}</td><td>${r.region}</td>
      <td>${localTime(r.sims_start_unix_s, simsTimeZone)} – ${localTime(r.sims_end_unix_s, simsTimeZone).slice(11)}</td>
      <td>${localTime(r.potentiostat_start_unix_s, potentiostatTimeZone)} – ${localTime(r.potentiostat_end_unix_s, potentiostatTimeZone).slice(11)}</td>
      <td>${percent(r.state_of_charge_low)} / ${percent(r.state_of_charge)} / ${percent(r.state_of_charge_high)}</td>
      <td>${volts(r.voltage_low_v)} / ${volts(r.voltage_v)} / ${volts(r.voltage_high_v)}</td></tr>`)}</tbody>
  </table>`;
}
