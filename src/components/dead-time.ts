// The dead-time page as drawn (lib/run/dead-time.ts has what it shows), each with its downloads: one frame's
// image, corrected or as observed, with its region's ROIs and its saturated pixels crossed in red; the ROIs'
// trend with its flagged cells, and the trend table.
import type {RunAnalysis} from "@operando/lib/run/analysis";
import {deadTimeImageShown, deadTimeTrendPoints, type DeadTimeFrame, type DeadTimeTrend} from "@operando/lib/run/dead-time";
import {roiTrendTable} from "@operando/lib/roi/trend-table";
import {tableDownloads, withFigureDownloads} from "./downloads.js";
import {flaggedPixelMarks, overlaysOnFrame} from "./image-marks.js";
import {imagePanel} from "./image-panel.js";
import {trendChart} from "./trend-chart.js";

/** The image, downloadable as `<run>-dead-time-<region>-<ion>-<point>.svg` and `.png`. */
export function deadTimePanel(analysis: RunAnalysis, frame: DeadTimeFrame, {width, corrected, run}: {width: number; corrected: boolean; run: string}): DocumentFragment {
  const {stack, ion} = frame;
  const pixelSizeUm: [number, number] = [stack.pixelWidthUm, stack.pixelHeightUm];
  return withFigureDownloads(imagePanel(deadTimeImageShown(frame, corrected), {
    width, pixelSizeUm,
    quantity: `${ion} ${corrected ? "dead-time corrected counts" : "counts"} per pixel`,
    overlays: overlaysOnFrame(analysis, analysis.rois.filter((r) => r.region === frame.region), frame.frame, "roi", {roiNames: true}),
    marks: flaggedPixelMarks(frame.correction.saturated, stack.width, pixelSizeUm)
  }), {name: `${run}-dead-time-${frame.region}-${ion}-${frame.point}`});
}

/** The trend chart (`<run>-dead-time-trend-<region>-<ion>.svg`, `.png`) and its rows, the ROI trend table of `npm run roi` with its dead-time columns (`<run>-dead-time-roi-trends-<region>-<ion>`). */
export function deadTimeTrendFigure(analysis: RunAnalysis, trend: DeadTimeTrend, {width, corrected, run}: {width: number; corrected: boolean; run: string}): DocumentFragment {
  const chart = trendChart(deadTimeTrendPoints(analysis, trend.rows, corrected), {width, quantity: `{ion} ${corrected ? "dead-time corrected " : ""}counts/µm²`});
  const figure = withFigureDownloads(chart, {name: `${run}-dead-time-trend-${trend.region}-${trend.ion}`});
  figure.append(tableDownloads(roiTrendTable(trend.rows), {name: `${run}-dead-time-roi-trends-${trend.region}-${trend.ion}`}));
  return figure;
}
