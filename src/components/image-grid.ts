// Small multiples of ion images: one colour scale and colour bar per row, column and row titles (Figure 2, S3-S16).
import {colorBar, colorBarWidthPx, type ColorScheme} from "./color-bar.js";
import {sharedColorDomain, type ColorScaleType} from "@operando/lib/imaging/color-limits";
import type {Overlay} from "./image-marks.js";
import {imagePanel, pixelSize, type IonImage} from "./image-panel.js";
import {svgLabel} from "./svg-label.js";

export interface ImageGridRow {
  /** Row title lines, e.g. ["6Li+", "positive"]. */
  title: string[];
  /** Colour-bar label: quantity and unit. */
  quantity: string;
  /** One image per column; null leaves the cell empty (an ion not imaged at that point). */
  images: (IonImage | null)[];
  pixelSizeUm: number | [number, number];
  /** Outlines drawn on every cell of the row (e.g. particle outlines of that region). */
  overlays?: Overlay[];
  /** Outlines of one cell each (e.g. outlines moved by that frame's drift), drawn after `overlays`. */
  cellOverlays?: Overlay[][];
  /** Explicit colour domain of the row; otherwise percentile limits over all its images together. */
  domain?: [number, number];
}

export interface ImageGridOptions {
  width: number;
  columns: string[];
  colorType?: ColorScaleType;
  percentiles?: [number, number];
  scheme?: ColorScheme;
  scaleBarUm?: number;
}

const rowTitleWidthPx = 44;
const columnTitleHeightPx = 30;
const gapPx = 4;

export function imageGrid(rows: ImageGridRow[], options: ImageGridOptions): HTMLDivElement {
  const {width, columns, colorType = "linear", percentiles, scheme = "viridis", scaleBarUm} = options;
  const cellWidthPx = Math.floor((width - rowTitleWidthPx - colorBarWidthPx - gapPx * (columns.length + 1)) / columns.length);
  const grid = document.createElement("div");
  grid.className = "operando-image-grid";
  grid.style.cssText = `display:grid;grid-template-columns:${rowTitleWidthPx}px repeat(${columns.length},${cellWidthPx}px) ${colorBarWidthPx}px;gap:${gapPx}px;align-items:center;`;
  grid.append(document.createElement("div"));
  for (const column of columns) grid.append(svgLabel([column], {widthPx: cellWidthPx, heightPx: columnTitleHeightPx, bold: true}));
  grid.append(document.createElement("div"));
  for (const row of rows) {
    const present = row.images.filter((image): image is IonImage => image !== null);
    const domain = row.domain ?? sharedColorDomain(present.map((image) => image.data), {type: colorType, percentiles});
    const [pixelWidthUm, pixelHeightUm] = pixelSize(row.pixelSizeUm);
    const first = present[0];
    const cellHeightPx = first ? Math.round(((cellWidthPx - 4) * first.height * pixelHeightUm) / (first.width * pixelWidthUm)) + 4 : 40;
    grid.append(svgLabel(row.title, {widthPx: rowTitleWidthPx, heightPx: cellHeightPx, rotate: -90, bold: true}));
    for (let c = 0; c < columns.length; c++) {
      const image = row.images[c];
      const cell = image
        ? imagePanel(image, {width: cellWidthPx, pixelSizeUm: row.pixelSizeUm, domain, colorType, scheme, scaleBarUm, axes: false, colorBar: false, overlays: [...(row.overlays ?? []), ...(row.cellOverlays?.[c] ?? [])]})
        : document.createElement("div");
      grid.append(cell);
    }
    grid.append(colorBar({type: colorType, domain, scheme, label: row.quantity, heightPx: cellHeightPx - 4, marginTopPx: 2, marginBottomPx: 2}));
  }
  return grid;
}
