// Tables a page made itself, handed to Framework's DuckDBClient.of as in-memory Arrow files (it reads a file
// attachment from memory when its URL is a blob: URL): the pixels of the stacks a page loaded, and the ROI masks
// as the named tables of lib/roi/sql.ts's query.
import {tableToIPC, type Table} from "apache-arrow";
import type {RoiFrameMask} from "@operando/lib/roi/aggregate";
import {roiMaskTables} from "@operando/lib/roi/mask-tables";

export function arrowFile(name: string, table: Table) {
  const bytes = tableToIPC(table, "stream");
  // A fresh copy each time: DuckDB-WASM takes (detaches) the buffer it is given.
  return {name: `${name}.arrow`, mimeType: "application/vnd.apache.arrow.file", url: async () => `blob:${name}`, arrayBuffer: async () => bytes.slice().buffer};
}

/** The masks as the tables `mask_rois`, `mask_cells`, `mask_spans` and `mask_boundary` (`MASK_TABLES`). */
export function maskFiles(masks: RoiFrameMask[]): Record<string, ReturnType<typeof arrowFile>> {
  return Object.fromEntries(Object.entries(roiMaskTables(masks)).map(([name, table]) => [name, arrowFile(name, table)]));
}
