// The changes of each ROI's signal from before charging (lib/run/state-changes.ts) as a table whose cells carry
// their numbers in data attributes, so that a browser test can check the directions the page states.
import {html} from "npm:htl";
import type {RoiTrendRow} from "@operando/lib/roi/trend";
import type {RunAnalysis} from "@operando/lib/run/analysis";
import {changeKey, stateChanges, type ChangedState} from "@operando/lib/run/state-changes";

const signed = (value: number): string => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(0)}%`;

export function directionTable(analysis: RunAnalysis, rows: RoiTrendRow[], rois: string[], ions: string[]) {
  const changes = stateChanges(analysis, rows, rois, ions);
  const cell = (roi: string, ion: string, state: ChangedState) => {
    const change = changes.get(changeKey(roi, ion, state));
    if (!change) return html`<td>—</td>`;
    return html`<td data-roi=${roi} data-ion=${ion} data-state=${state} data-change=${change.percent.toFixed(3)}>${signed(change.percent)} <small>(${signed(change.lowPercent)} to ${signed(change.highPercent)})</small></td>`;
  };
  const element = html`<table class="operando-directions">
    <thead><tr><th>ROI</th><th>ion</th><th>charged vs before charging</th><th>discharged vs before charging</th></tr></thead>
    <tbody>${rois.flatMap((roi) => ions.map((ion) => html`<tr><td>${roi}</td><td>${ion}</td>${cell(roi, ion, "charged")}${cell(roi, ion, "discharged")}</tr>`))}</tbody>
  </table>`;
  /** The change in words for the page's sentences, e.g. "+12%". */
  const text = (roi: string, ion: string, state: ChangedState): string => {
    const change = changes.get(changeKey(roi, ion, state));
    return change ? signed(change.percent) : "(not measured)";
  };
  return {element, changes, text};
}
