// How much each ROI's signal changed from before charging to full charge and to full discharge, with its 95%
// interval (ratioInterval of lib/roi/interval.ts, the rule of every ratio the pages show), as a table whose cells
// carry their numbers in data attributes, so that a browser test can check the directions the page states.
import {html} from "npm:htl";
import {ratioInterval} from "@operando/lib/roi/interval";
import type {RoiTrendRow} from "@operando/lib/roi/trend";
import {stateFramesOf, type RunAnalysis} from "@operando/lib/run/analysis";

export type State = "charged" | "discharged";

export interface Change {
  percent: number;
  lowPercent: number;
  highPercent: number;
}

export function relativeChange(state: RoiTrendRow, pristine: RoiTrendRow): Change {
  const own = (row: RoiTrendRow) => ({value: row.countsPerUm2, low: row.countsPerUm2Low, high: row.countsPerUm2High});
  const ratio = ratioInterval(own(state), own(pristine));
  return {percent: 100 * (ratio.value - 1), lowPercent: 100 * (ratio.low - 1), highPercent: 100 * (ratio.high - 1)};
}

const signed = (value: number): string => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(0)}%`;

/** Changes of the first cycle, between the frames that stand for each state (`stateFramesOf`). */
export function directionTable(analysis: RunAnalysis, rows: RoiTrendRow[], rois: string[], ions: string[]) {
  const changes = new Map<string, Change>();
  for (const roi of rois) {
    for (const ion of ions) {
      const of = (state: "pristine" | State) => {
        const region = rows.find((r) => r.roi === roi)?.region;
        if (!region) return undefined;
        const frame = stateFramesOf(analysis, region).find((f) => f.state === state)?.frame;
        return rows.find((r) => r.roi === roi && r.ion === ion && r.frame === frame);
      };
      const pristine = of("pristine");
      for (const state of ["charged", "discharged"] as State[]) {
        const row = of(state);
        if (pristine && row) changes.set(`${roi}|${ion}|${state}`, relativeChange(row, pristine));
      }
    }
  }
  const cell = (roi: string, ion: string, state: State) => {
    const change = changes.get(`${roi}|${ion}|${state}`);
    if (!change) return html`<td>—</td>`;
    return html`<td data-roi=${roi} data-ion=${ion} data-state=${state} data-change=${change.percent.toFixed(3)}>${signed(change.percent)} <small>(${signed(change.lowPercent)} to ${signed(change.highPercent)})</small></td>`;
  };
  const element = html`<table class="operando-directions">
    <thead><tr><th>ROI</th><th>ion</th><th>charged vs before charging</th><th>discharged vs before charging</th></tr></thead>
    <tbody>${rois.flatMap((roi) => ions.map((ion) => html`<tr><td>${roi}</td><td>${ion}</td>${cell(roi, ion, "charged")}${cell(roi, ion, "discharged")}</tr>`))}</tbody>
  </table>`;
  const text = (roi: string, ion: string, state: State): string => {
    const change = changes.get(`${roi}|${ion}|${state}`);
    return change ? signed(change.percent) : "(not measured)";
  };
  return {element, changes, text};
}
