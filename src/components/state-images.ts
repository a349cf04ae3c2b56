// Figure 2 as drawn (lib/run/state-images.ts has what it shows): one row per (region, ion), one column per state
// of the cell, each region's particles outlined on every frame, moved by that frame's drift.
import {imageOf, stackOf, type RunAnalysis} from "@operando/lib/run/analysis";
import type {StateImagesPlan} from "@operando/lib/run/state-images";
import {stateTitle} from "@operando/lib/run/state-frames";
import type {PolygonRoi} from "@operando/lib/roi/types";
import {overlaysOnFrame} from "./image-marks.js";
import {imageGrid} from "./image-grid.js";

/** `outlines` holds each region's particle outlines (the build's segmentation), where it has them. */
export function stateImageRows(analysis: RunAnalysis, plan: StateImagesPlan, outlines: Map<string, PolygonRoi[]>, {width}: {width: number}): HTMLDivElement {
  return imageGrid(plan.rows.map((row) => {
    const stack = stackOf(analysis, row.region, row.ion);
    const particles = outlines.get(row.region) ?? [];
    return {
      title: [row.ion, row.region],
      quantity: `${row.ion} counts per pixel`,
      images: row.frames.map((frame) => (frame === undefined ? null : imageOf(stack, frame))),
      pixelSizeUm: [stack.pixelWidthUm, stack.pixelHeightUm],
      cellOverlays: row.frames.map((frame) => (frame === undefined ? [] : overlaysOnFrame(analysis, particles, frame, "particle")))
    };
  }), {width, columns: plan.columns.map(stateTitle)});
}

const signed = (value: number) => (Number.isFinite(value) ? `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(0)}%` : "(not measured)");

/** The whole-field changes (lib/run/state-images.ts `wholeFieldChanges`) in words, row by row. */
export function changesText(changes: {region: string; ion: string; chargedPercent: number; dischargedPercent: number}[]): string {
  return changes.map((c) => `${c.ion} (${c.region}) ${signed(c.chargedPercent)} and ${signed(c.dischargedPercent)}`).join("; ");
}
