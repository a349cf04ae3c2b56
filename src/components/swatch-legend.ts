// A one-line legend of coloured swatches in SVG (not Plot's HTML swatches), so that it survives figure export.
import {svg} from "npm:htl";
import {figureFontFamily, figureFontPx} from "./figure-style.js";

export interface LegendEntry {
  name: string;
  color: string;
  /** "line" (default), "dashed" line, or a filled "square". */
  shape?: "line" | "dashed" | "square";
}

/** Entries laid out left to right by their text length (about 0.6 em per character), wrapping at `width`. */
export function swatchLegend(entries: LegendEntry[], {width, marginLeftPx = 0}: {width: number; marginLeftPx?: number}): SVGSVGElement {
  const rowHeightPx = figureFontPx + 8;
  const positions: [number, number][] = [];
  let [x, row] = [marginLeftPx, 0];
  for (const entry of entries) {
    const entryWidthPx = 40 + 0.6 * figureFontPx * entry.name.length;
    if (x + entryWidthPx > width && x > marginLeftPx) [x, row] = [marginLeftPx, row + 1];
    positions.push([x, row * rowHeightPx + rowHeightPx / 2]);
    x += entryWidthPx;
  }
  const swatch = ({color, shape = "line"}: LegendEntry) =>
    shape === "square"
      ? svg`<rect y="-6" width="12" height="12" fill=${color}></rect>`
      : svg`<line x2="22" stroke=${color} stroke-width="2" stroke-dasharray=${shape === "dashed" ? "5,3" : "none"}></line>`;
  return svg`<svg class="operando-legend" width=${width} height=${(row + 1) * rowHeightPx} font-family=${figureFontFamily} font-size=${figureFontPx} style="overflow:visible">${entries.map(
    (entry, i) => svg`<g transform=${`translate(${positions[i][0]},${positions[i][1]})`}>${swatch(entry)}<text x=${entry.shape === "square" ? 17 : 27} dy="0.35em" fill="currentColor">${entry.name}</text></g>`
  )}</svg>`;
}
