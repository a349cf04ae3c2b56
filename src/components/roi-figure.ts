// A figure of regional trends as drawn (lib/run/roi-figure.ts has what it shows): the figure's ions at the frames
// of its states, with its ROIs moved onto each frame by the frame's drift; the ROIs' trend; the sentences of its
// two checks and the SQL check's rows; each with its downloads.
import {html} from "npm:htl";
import * as Inputs from "npm:@observablehq/inputs";
import type {ChargeUnit} from "@operando/lib/echem/charge-unit";
import type {FrameOnCurve} from "@operando/lib/frames/frames-on-curve";
import {chartRows, imageOf, stackOf, type RunAnalysis} from "@operando/lib/run/analysis";
import {checkSqlTrend, type RoiFigurePlan, type TrendCheck} from "@operando/lib/run/roi-figure";
import type {Comparison} from "@operando/lib/roi/sql-compare";
import type {SqlTrendRow} from "@operando/lib/roi/sql";
import type {RoiTrendRow} from "@operando/lib/roi/trend";
import {roiTrendTable} from "@operando/lib/roi/trend-table";
import {stateTitle} from "@operando/lib/run/state-frames";
import {tableDownloads, withFigureDownloads} from "./downloads.js";
import {overlaysOnFrame} from "./image-marks.js";
import {unfilledNotice} from "./notice.js";
import {imageGrid} from "./image-grid.js";
import {trendChart} from "./trend-chart.js";

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

/** The grid (`stateImageGrid`) with its downloads, `<name>.svg` and `.png`. */
export function stateImagesFigure(analysis: RunAnalysis, plan: RoiFigurePlan, {width, name}: {width: number; name: string}): DocumentFragment {
  return withFigureDownloads(stateImageGrid(analysis, plan, {width}), {name});
}

/** The trend's points on the curve: each one's state of charge and voltage at its frame's middle, and the charge passed during the frame. */
export function curvePointTable(points: (Pick<FrameOnCurve, "name" | "atMiddle" | "capacityPassedAh"> & {number: number})[], chargeUnit: ChargeUnit): HTMLElement {
  const chargeColumn = `charge passed during the frame (${chargeUnit.symbol})`;
  return Inputs.table(points.map((o) => ({
    point: o.number,
    name: o.name,
    "state of charge (middle)": o.atMiddle.stateOfCharge,
    "voltage (V, middle)": o.atMiddle.voltageV,
    [chargeColumn]: chargeUnit.of(o.capacityPassedAh)
  })), {select: false, format: {"state of charge (middle)": (v: number) => v.toFixed(2), "voltage (V, middle)": (v: number) => v.toFixed(3), [chargeColumn]: (v: number) => v.toFixed(2)}});
}

/** The ROIs' trend in counts/µm² in the figure's colours, with its downloads (`<figureName>`) and its rows as the ROI trend table (`<tableName>`). */
export function roiTrendFigure(analysis: RunAnalysis, plan: RoiFigurePlan, trend: RoiTrendRow[], {width, figureName, tableName}: {width: number; figureName: string; tableName: string}): DocumentFragment {
  const chart = trendChart(chartRows(analysis, trend), {width, quantity: "{ion} counts/µm²", roiColors: roiColors(plan).trend, xLabel: "observation point"});
  const figure = withFigureDownloads(chart, {name: figureName});
  figure.append(tableDownloads(roiTrendTable(trend), {name: tableName}));
  return figure;
}

/** The fixed query text, or why there is none (no ROI masks). */
export function sqlQueryText(query: string | null): HTMLElement {
  return query ? html`<pre class="operando-sql">${query}</pre>` : unfilledNotice("There are no ROI masks in this figure, so there is no SQL to run.");
}

/** DuckDB's rows of the query (an Arrow table) against the trend drawn, in a sentence, and the rows as the ROI trend table (`<name>`). */
export function sqlTrendCheck(result: {toArray(): {toJSON(): SqlTrendRow}[]}, check: TrendCheck, plan: RoiFigurePlan, {name}: {name: string}): DocumentFragment {
  const sql = checkSqlTrend(result.toArray().map((row) => row.toJSON()), check, plan);
  const both = document.createDocumentFragment();
  both.append(sqlCheckNote(sql.comparison), tableDownloads(roiTrendTable(sql.rows), {name}));
  return both;
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
