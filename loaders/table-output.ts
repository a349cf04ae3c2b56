// Table encodings for export: Arrow IPC stream (what pages query), Parquet (for other tools) and CSV.
// Bytes out, no file I/O, so a page can offer the same downloads as the command lines write.
import {tableToIPC, type Table} from "apache-arrow";
import type * as ParquetWasm from "parquet-wasm";

export type TableFormat = "arrow" | "parquet" | "csv";

/** What Parquet writing needs of parquet-wasm; its Node and browser builds both provide it. */
export type ParquetWriter = Pick<typeof ParquetWasm, "Table" | "WriterPropertiesBuilder" | "Compression" | "writeParquet">;

const formatsByExtension: Record<string, TableFormat> = {".arrow": "arrow", ".parquet": "parquet", ".csv": "csv"};

/** The output format a file name asks for by its extension, or null for an extension we do not write. */
export function tableFormatOf(fileName: string): TableFormat | null {
  const extension = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0] ?? "";
  return formatsByExtension[extension] ?? null;
}

export function tableToArrowStream(table: Table): Uint8Array {
  return tableToIPC(table, "stream");
}

/**
 * Parquet (zstd) through parquet-wasm, which the caller passes in already initialised: Node and the
 * browser load its WebAssembly differently. Arrow field and schema metadata travel in the file.
 */
export function tableToParquet(table: Table, parquet: ParquetWriter): Uint8Array {
  return arrowStreamToParquet(tableToArrowStream(table), parquet);
}

/** The same from an Arrow IPC stream, for tables that another copy of apache-arrow made (see src/components/downloads.ts). */
export function arrowStreamToParquet(stream: Uint8Array, parquet: ParquetWriter): Uint8Array {
  const properties = new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.ZSTD).build();
  return parquet.writeParquet(parquet.Table.fromIPCStream(stream), properties);
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" && !Number.isFinite(value) ? (Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row; numbers in their shortest exact form, null as an empty cell. */
export function tableToCsv(table: Table): string {
  const columns = table.schema.fields.map((_, index) => table.getChildAt(index)!);
  const lines = [table.schema.fields.map((field) => csvCell(field.name)).join(",")];
  for (let row = 0; row < table.numRows; row++) {
    lines.push(columns.map((column) => csvCell(column.get(row))).join(","));
  }
  return lines.join("\n") + "\n";
}
