// Download buttons: a table as CSV, Parquet or Arrow, ROI polygons as JSON, a figure as SVG or PNG.
import {html} from "npm:htl";
import * as Arrow from "npm:apache-arrow";
import {arrowStreamToParquet, tableToCsv} from "@operando/loaders/table-output";
import {adoptTable, type ForeignTable} from "./arrow-adopt.js";
import {figureSvg, serializeSvg, svgToPng} from "./figure-export.js";
import {parquetWasm} from "./parquet-wasm.js";

type BlobSource = () => Blob | Promise<Blob>;

/** Saves a blob under a file name through a temporary link (no server round trip). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), {href: url, download: fileName});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One button per file; a failure is shown beside the buttons as text, not thrown into the page. */
export function downloadButtons(files: {label: string; fileName: string; blob: BlobSource}[]): HTMLDivElement {
  const status = html`<span class="operando-download-status" style="color:#b00020"></span>` as HTMLSpanElement;
  const buttons = files.map(({label, fileName, blob}) => {
    const button = html`<button type="button" title=${`Download ${fileName}`}>${label}</button>` as HTMLButtonElement;
    button.addEventListener("click", async () => {
      button.disabled = true;
      status.textContent = "";
      try {
        saveBlob(await blob(), fileName);
      } catch (error) {
        status.textContent = `${fileName}: ${(error as Error).message}`;
      } finally {
        button.disabled = false;
      }
    });
    return button;
  });
  return html`<div class="operando-downloads" style="display:flex;gap:6px;align-items:center;flex-wrap:wrap;font:12px system-ui,sans-serif">${buttons}${status}</div>` as HTMLDivElement;
}

export type TableFormat = "csv" | "parquet" | "arrow";

/**
 * Arrow IPC stream of a table. A page holds several copies of apache-arrow (`npm:apache-arrow`, the one bundled
 * with @operando/lib and @operando/loaders, DuckDB-WASM's), and Arrow's writer only handles tables of its own
 * copy, so the table is first rebuilt in `npm:apache-arrow` when another copy made it.
 */
export function arrowStreamOf(table: ForeignTable | Arrow.Table): Uint8Array {
  return Arrow.tableToIPC(adoptTable(table as ForeignTable, Arrow), "stream");
}

async function parquetOf(table: Arrow.Table | ForeignTable): Promise<Uint8Array> {
  return arrowStreamToParquet(arrowStreamOf(table), await parquetWasm());
}

export function tableDownloads(table: Arrow.Table | ForeignTable, {name, formats = ["csv", "parquet", "arrow"]}: {name: string; formats?: TableFormat[]}): HTMLDivElement {
  const sources: Record<TableFormat, BlobSource> = {
    csv: () => new Blob([tableToCsv(table as Arrow.Table)], {type: "text/csv"}),
    parquet: async () => new Blob([(await parquetOf(table)) as BlobPart], {type: "application/vnd.apache.parquet"}),
    arrow: () => new Blob([arrowStreamOf(table) as BlobPart], {type: "application/vnd.apache.arrow.stream"})
  };
  const labels: Record<TableFormat, string> = {csv: "CSV", parquet: "Parquet", arrow: "Arrow"};
  return downloadButtons(formats.map((format) => ({label: labels[format], fileName: `${name}.${format}`, blob: sources[format]})));
}

/** A JSON file, e.g. the ROI polygons as a GeoJSON FeatureCollection. */
export function jsonDownload(value: unknown, {name, label = "JSON"}: {name: string; label?: string}): HTMLDivElement {
  return downloadButtons([{label, fileName: `${name}.json`, blob: () => new Blob([JSON.stringify(value, null, 2) + "\n"], {type: "application/json"})}]);
}

/** The figure as it is on screen, as SVG and as PNG at `scale` × (default 3). */
export function figureDownloads(figure: Element, {name, scale = 3}: {name: string; scale?: number}): HTMLDivElement {
  return downloadButtons([
    {label: "SVG", fileName: `${name}.svg`, blob: () => new Blob([serializeSvg(figureSvg(figure))], {type: "image/svg+xml"})},
    {label: "PNG", fileName: `${name}.png`, blob: () => svgToPng(figureSvg(figure), scale)}
  ]);
}

/** A figure and, below it, its SVG and PNG downloads (`figureDownloads`), for one `display`. */
export function withFigureDownloads(figure: Element, options: {name: string; scale?: number}): DocumentFragment {
  const both = document.createDocumentFragment();
  both.append(figure, figureDownloads(figure, options));
  return both;
}

/** A table as shown and, below it, the downloads of its data (`tableDownloads`), for one `display`. */
export function withTableDownloads(shown: Element, table: Arrow.Table | ForeignTable, options: {name: string; formats?: TableFormat[]}): DocumentFragment {
  const both = document.createDocumentFragment();
  both.append(shown, tableDownloads(table, options));
  return both;
}
