// A figure of regional trends as drawn (lib/run/roi-figure.ts has what it shows): the figure's ions at the frames
// of its states, with its ROIs moved onto each frame by the frame's drift, and the sentences of its two checks.
import {html} from "npm:htl";
import {imageOf, stackOf, type RunAnalysis} from "@operando/lib/run/analysis";
import type {RoiFigurePlan} from "@operando/lib/run/roi-figure";
import type {Comparison} from "@operando/lib/roi/sql-compare";
import {stateTitle} from "@operando/lib/run/state-frames";
import {overlaysOnFrame} from "./image-marks.js";
import {imageGrid} from "./image-grid.js";

// Outline colours on the images (bright on viridis) and the matching line colours of the trend (on white); no
// yellow, which is the electrolyte's.
const imageColors = ["#ffffff", "#ff5ab4", "#00e5ff", "#ff8c00", "#b5ff3b"];
const trendLineColors = ["#1f77b4", "#d6277a", "#17becf", "#ff7f0e", "#2ca02c"];
/** The trend colour of an electrolyte ROI: the yellow of its dotted outline, darkened for white paper. */
const electrolyteTrendColor = "#c9a400";

/** One colour per ROI of the figure, in the images and in the trend; electrolyte ROIs keep their dotted yellow. */
export function roiColors(plan: RoiFigurePlan): {image: Record<string, string>; trend: Record<string, string>} {
  const names = plan.rois.map((roi) => roi.name);
  return {
    image: Object.fromEntries(names.map((name, i) => [name, imageColors[i % imageColors.length]])),
    trend: Object.fromEntries([...names.map((name, i) => [name, trendLineColors[i % trendLineColors.length]]), ...plan.electrolyteRois.map((roi) => [roi.name, electrolyteTrendColor])])
  };
}

/** One row per ion, one column per state; `analysis.stacks` holds the frames of the states. */
export function stateImageGrid(analysis: RunAnalysis, plan: RoiFigurePlan, {width}: {width: number}): HTMLDivElement {
  const colors = roiColors(plan).image;
  return imageGrid(plan.ions.map((ion) => {
    const stack = stackOf(analysis, plan.region!, ion);
    return {
      title: [ion, plan.region!],
      quantity: `${ion} counts per pixel`,
      images: plan.states.map((state) => imageOf(stack, state.frame)),
      pixelSizeUm: [stack.pixelWidthUm, stack.pixelHeightUm],
      cellOverlays: plan.states.map((state) => [
        ...plan.rois.flatMap((roi) => overlaysOnFrame(analysis, [roi], state.frame, "roi", {color: colors[roi.name], roiNames: true})),
        ...overlaysOnFrame(analysis, plan.electrolyteRois, state.frame, "llto", {roiNames: true})
      ])
    };
  }), {width, columns: plan.states.map(stateTitle)});
}

const firstMismatches = (comparison: Comparison) => comparison.mismatches.slice(0, 3).join("; ");

/** The page's own sums of the figure's masks against the build's trend rows. */
export function trendCheckNote(comparison: Comparison): HTMLParagraphElement {
  return html`<p class="operando-build-check" data-equal=${String(comparison.equal && comparison.cells > 0)}>The page summed the same masks over the images it loaded: ${comparison.equal
    ? `every count, area and rate equals the build's, in all ${comparison.cells} (ROI, ion, frame) cells`
    : `${comparison.mismatches.length} of ${comparison.cells} cells differ from the build's: ${firstMismatches(comparison)}`}.</p>`;
}

/** DuckDB-WASM's sums of the same masks against the trend drawn. */
export function sqlCheckNote(comparison: Comparison): HTMLParagraphElement {
  return html`<p class="operando-sql-status" data-equal=${String(comparison.equal && comparison.cells > 0)}>DuckDB-WASM summed ${comparison.cells} (ROI, ion, frame) cells: ${comparison.equal
    ? "every count, area and rate is equal to the numbers above"
    : `${comparison.mismatches.length} differ: ${firstMismatches(comparison)}`}.</p>`;
}
