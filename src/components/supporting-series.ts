// The supporting series as drawn (lib/run/supporting-series.ts has what they show): each region under its name,
// one figure per cycle in parts of a few rows, each part's frames fetched and drawn when it comes into view, with
// the figure's downloads; and the table of each ion's colour limits.
import {html} from "npm:htl";
import * as Inputs from "npm:@observablehq/inputs";
import type {ColorScaleType} from "@operando/lib/imaging/color-limits";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {colorLimitRows, cycleColumns, gridParts, type CycleGrid, type RegionSeries} from "@operando/lib/run/supporting-series";
import {figureDownloads} from "./downloads.js";
import {lazyPanel} from "./lazy-panel.js";
import {fileText} from "./notice.js";
import {seriesGrid} from "./series-grid.js";

/** The stacks of these (region, ion) pairs at the frames `frames` gives (src/components/run-stacks.ts `load`). */
type LoadStacks = (pairs: {region: string; ion: string}[], frames: (region: string) => number[]) => Promise<ImageStack[]>;

// A few rows at a time: the first rows in view are drawn after their own frames, not the whole cycle's.
const ROWS_PER_PART = 5;
// seriesGrid's layout, for the placeholders' height: its row titles' width, the column heads' height, the gap between rows.
const ROW_TITLE_WIDTH_PX = 96;
const COLUMN_HEADS_HEIGHT_PX = 90;
const ROW_GAP_PX = 4;

export function supportingSeriesFigures(series: RegionSeries[], load: LoadStacks, {width, colorType, run}: {width: number; colorType: ColorScaleType; run: string}): DocumentFragment {
  const figures = document.createDocumentFragment();
  const gridWidth = Math.min(width, 1100);
  for (const s of series) {
    figures.append(html`<h2>${fileText(s.label)}</h2>`);
    for (const grid of s.cycles) {
      const figure = cycleFigure(s, grid, load, {gridWidth, colorType});
      figures.append(figure, figureDownloads(figure, {name: `${run}-supporting-${s.region}-cycle-${grid.cycle}`}));
    }
  }
  return figures;
}

function cycleFigure(s: RegionSeries, grid: CycleGrid, load: LoadStacks, {gridWidth, colorType}: {gridWidth: number; colorType: ColorScaleType}): HTMLElement {
  const cellWidthPx = (gridWidth - ROW_TITLE_WIDTH_PX) / Math.max(1, s.ions.length);
  // Each part's own frames of every ion, fetched when it comes into view; the placeholder is about its height.
  const panels = gridParts(grid, ROWS_PER_PART).map((part, i) => {
    const draw = async () => seriesGrid(cycleColumns(s, part, await load(s.ions.map((ion) => ({region: s.region, ion})), () => part.frames)),
      {width: gridWidth, rows: part.rowTitles, pixelSizeUm: s.pixelSizeUm, colorType, columnHeads: i === 0});
    return lazyPanel(draw, {heightPx: (i === 0 ? COLUMN_HEADS_HEIGHT_PX : 0) + part.frames.length * (cellWidthPx * s.imageAspect + ROW_GAP_PX)});
  });
  return html`<figure class="operando-supporting" style="max-width:none;margin:0 0 12px">
    <figcaption style="font:600 13px system-ui,sans-serif;margin-bottom:4px">${s.region}, cycle ${grid.cycle}: observation points ${grid.numbers[0]}–${grid.numbers.at(-1)}</figcaption>
    ${panels}</figure>`;
}

/** Each ion's colour limits of each region, to one decimal. */
export function colorLimitsTable(series: RegionSeries[]): HTMLElement {
  return Inputs.table(colorLimitRows(series), {select: false, format: {low: (v: number) => v.toFixed(1), high: (v: number) => v.toFixed(1)}});
}
