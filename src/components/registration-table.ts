// The registration table (lib/run/registration-table.ts): every frame's drift, its uncertainty and whether the
// registration is sure of it, with the table's downloads.
import * as Arrow from "npm:apache-arrow";
import * as Inputs from "npm:@observablehq/inputs";
import type {RegistrationRow} from "@operando/lib/run/registration-table";
import {withTableDownloads} from "./downloads.js";

const fixed = (digits: number) => (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : "—");

/** Drifts in px to 2 decimals, in µm, their uncertainty and the match to 3; downloadable as `<run>-drift`. */
export function registrationTable(rows: RegistrationRow[], {run}: {run: string}): DocumentFragment {
  const shown = Inputs.table(rows, {select: false, format: {"dx (px)": fixed(2), "dy (px)": fixed(2), "dx (µm)": fixed(3), "dy (µm)": fixed(3), "sd (px)": fixed(3), "match (NCC)": fixed(3)}});
  return withTableDownloads(shown, Arrow.tableFromJSON(rows as unknown as Record<string, unknown>[]), {name: `${run}-drift`});
}
