// npm run convert -- <input> <output.arrow|.parquet|.csv> [--time-zone <IANA zone>]
// Converts one instrument or potentiostat file into a table. A stable command line: on bad input it
// prints one line, `error: <file>: <what went wrong>`, exits 1 and leaves no output file.
import {readFile} from "node:fs/promises";
import {parseArgs} from "node:util";
import type {Table} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {parseCyclingFile, sniffCyclingFormat} from "@operando/loaders/echem/index";
import {parseImageFile, sniffImageFormat} from "@operando/loaders/sims/index";
import {parseNanoSimsFile, sniffNanoSims} from "@operando/loaders/nanosims/index";
import {tableFormatOf, tableToArrowStream, tableToCsv, tableToParquet, type TableFormat} from "@operando/loaders/table-output";
import {writeFileAtomic} from "./write-atomic.js";

const usage = "usage: npm run convert -- <input> <output.arrow|.parquet|.csv> [--time-zone <IANA zone, e.g. Europe/Berlin>]";

class UsageError extends Error {}

// Where the content is not recognised, the extension picks the parser, whose error then says what is wrong
// (the line or byte), rather than only that the file is unknown.
const cyclingExtensions = /\.(mpr|mpt|dta)$/i;
const imageExtensions = /\.(txt|asc|tif|tiff)$/i;

function parseInput(bytes: Uint8Array, fileName: string, timeZone: string | undefined): Table {
  if (sniffCyclingFormat(bytes, fileName)) return parseCyclingFile(bytes, fileName, {timeZone});
  if (sniffImageFormat(bytes, fileName)) return parseImageFile(bytes, fileName);
  if (sniffNanoSims(bytes, fileName)) return parseNanoSimsFile(bytes, fileName);
  if (cyclingExtensions.test(fileName)) return parseCyclingFile(bytes, fileName, {timeZone});
  if (imageExtensions.test(fileName)) return parseImageFile(bytes, fileName);
  throw new Error(`${fileName}: not a file this tool reads (BioLogic .mpr/.mpt, Gamry .DTA, cycler CSV, IONTOF image export, TIFF or Cameca NanoSIMS .im)`);
}

function encode(table: Table, format: TableFormat): Uint8Array | string {
  if (format === "arrow") return tableToArrowStream(table);
  if (format === "parquet") return tableToParquet(table, parquet);
  return tableToCsv(table);
}

async function main(): Promise<void> {
  const {positionals, values} = parseArgs({allowPositionals: true, options: {"time-zone": {type: "string"}}});
  if (positionals.length !== 2) throw new UsageError(usage);
  const [input, output] = positionals as [string, string];
  const format = tableFormatOf(output);
  if (!format) throw new UsageError(`${output}: unknown output format (use .arrow, .parquet or .csv)`);
  const bytes = await readFile(input).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${input}: cannot read (${error.code ?? error.message})`);
  });
  const table = parseInput(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), input, values["time-zone"]);
  await writeFileAtomic(output, encode(table, format));
  console.error(`${input} -> ${output}: ${table.numRows} rows, ${table.numCols} columns`);
}

main().catch((error: Error) => {
  console.error(error instanceof UsageError ? error.message : `error: ${error.message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
