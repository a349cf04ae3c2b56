// Titles of small multiples drawn as SVG text (not HTML), so that an exported figure keeps them.
import {svg} from "npm:htl";
import {figureFontFamily, figureFontPx} from "./figure-style.js";

export interface SvgLabelOptions {
  widthPx: number;
  heightPx: number;
  /** -90 for a row title read bottom to top. */
  rotate?: 0 | -90;
  bold?: boolean;
}

/** One or two lines of centred text; text from data is escaped by htl, never parsed as markup. */
export function svgLabel(lines: string[], {widthPx, heightPx, rotate = 0, bold = false}: SvgLabelOptions): SVGSVGElement {
  const lineHeightPx = figureFontPx + 2;
  const first = -((lines.length - 1) * lineHeightPx) / 2;
  return svg`<svg class="operando-label" width=${widthPx} height=${heightPx} font-family=${figureFontFamily} font-size=${figureFontPx} style="overflow:visible">
    <g transform=${`translate(${widthPx / 2},${heightPx / 2}) rotate(${rotate})`}>${lines.map(
      (line, i) => svg`<text y=${first + i * lineHeightPx} dy="0.35em" text-anchor="middle" fill="currentColor" font-weight=${bold && i === 0 ? "bold" : "normal"}>${line}</text>`
    )}</g></svg>`;
}
