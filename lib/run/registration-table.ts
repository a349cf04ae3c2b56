// The registration as the supporting page tabulates it: every frame's drift against its region's reference frame,
// in pixels and µm, with its uncertainty, the match and whether the registration is sure of it.
import type {Table} from "apache-arrow";
import type {RunAnalysis} from "./analysis.js";
import {regionGeometry} from "./run-roles.js";

export interface RegistrationRow {
  region: string;
  frame: number;
  "dx (px)": number;
  "dy (px)": number;
  "dx (µm)": number;
  "dy (µm)": number;
  "sd (px)": number;
  "match (NCC)": number;
  source: string;
  /** "yes", or why the registration is not sure of the drift. */
  sure: string;
}

/** One row per region and frame, in the drifts' order; µm from each region's pixel size (the `images` table's). */
export function registrationRows(analysis: RunAnalysis, images: Table): RegistrationRow[] {
  return analysis.drifts.flatMap((d) => {
    const grid = regionGeometry(images, d.region);
    return [...d.byFrame].map(([frame, e]) => ({region: d.region, frame, "dx (px)": e.driftPx[0], "dy (px)": e.driftPx[1],
      "dx (µm)": e.driftPx[0] * grid.pixelWidthUm, "dy (µm)": e.driftPx[1] * grid.pixelHeightUm, "sd (px)": e.sdPx, "match (NCC)": e.peakNcc,
      source: e.source, sure: e.reliable ? "yes" : e.reason}));
  });
}

/** The largest drift in µm of any frame the registration is sure of (0 when none moved). */
export function largestSureDriftUm(rows: RegistrationRow[]): number {
  return Math.max(0, ...rows.filter((r) => r.sure === "yes").map((r) => Math.hypot(r["dx (µm)"], r["dy (µm)"])));
}
