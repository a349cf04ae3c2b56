// npm run convert -- <input> <output.arrow|.parquet|.csv> [--time-zone <IANA zone>] [--max-pixels N]
// npm run convert -- <file.imzML> <output> [--ion NAME=MZ±HW | --ion NAME=LOW-HIGH ...] [--spectrum [--bin-width U]]
// Converts one instrument or potentiostat file into a table. A stable command line: on any failure it
// prints one line, `error: <file>: <what went wrong>`, exits 1 and leaves no output file (also when stopped
// by SIGINT or SIGTERM). An image may hold at most --max-pixels pixels (default 16777216, one 4096 x 4096 image),
// checked from its header before decoding.
import {existsSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {parseArgs} from "node:util";
import type {Table} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {cyclingTableWarnings, parseCyclingFile, sniffCyclingFormat} from "@operando/loaders/echem/index";
import {IMZML_FILE, ibdPathBeside, openImzmlPair, parseMassWindow, pixelSums, summedSpectrum, type MassWindow} from "@operando/loaders/imzml/index";
import {pixelTable, spectrumTable} from "@operando/loaders/imzml/tables";
import {DEFAULT_MAX_PIXELS, parseImageFile, sniffImageFormat, type TiffReadOptions} from "@operando/loaders/sims/index";
import {parseNanoSimsFile, sniffNanoSims} from "@operando/loaders/nanosims/index";
import {tableFormatOf, tableToArrowStream, tableToCsv, tableToParquet, type TableFormat} from "@operando/loaders/table-output";
import {openIbdFile} from "./ibd-file.js";
import {writeFileAtomic} from "./write-atomic.js";

const usage = [
  "usage: npm run convert -- <input> <output.arrow|.parquet|.csv> [--time-zone <IANA zone, e.g. Europe/Berlin>] [--max-pixels N]",
  "       npm run convert -- <file.imzML> <output> [--ion NAME=MZ±HW | --ion NAME=LOW-HIGH ...] [--spectrum [--bin-width <u>]]"
].join("\n");

class UsageError extends Error {}

// Where the content is not recognised, the extension picks the parser, whose error then says what is wrong
// (the line or byte), rather than only that the file is unknown.
const cyclingExtensions = /\.(mpr|mpt|dta)$/i;
const imageExtensions = /\.(txt|asc|tif|tiff)$/i;

function parseInput(bytes: Uint8Array, fileName: string, timeZone: string | undefined, limits: TiffReadOptions): Table {
  if (sniffCyclingFormat(bytes, fileName)) return parseCyclingFile(bytes, fileName, {timeZone});
  if (sniffImageFormat(bytes, fileName)) return parseImageFile(bytes, fileName, limits);
  if (sniffNanoSims(bytes, fileName)) return parseNanoSimsFile(bytes, fileName);
  if (cyclingExtensions.test(fileName)) return parseCyclingFile(bytes, fileName, {timeZone});
  if (imageExtensions.test(fileName)) return parseImageFile(bytes, fileName, limits);
  throw new Error(`${fileName}: not a file this tool reads (BioLogic .mpr/.mpt, Gamry .DTA, cycler CSV, IONTOF image export, TIFF or Cameca NanoSIMS .im)`);
}

function encode(table: Table, format: TableFormat): Uint8Array | string {
  if (format === "arrow") return tableToArrowStream(table);
  if (format === "parquet") return tableToParquet(table, parquet);
  return tableToCsv(table);
}

function massWindows(texts: string[]): MassWindow[] {
  try {
    return texts.map(parseMassWindow);
  } catch (error) {
    throw new UsageError(`--ion: ${(error as Error).message}`);
  }
}

/** The .ibd beside the .imzML, with the same base name (a file system may hold it as .IBD). */
function ibdPathOf(imzmlPath: string): string {
  const ibd = ibdPathBeside(imzmlPath);
  return [ibd, ibd.replace(/\.ibd$/, ".IBD")].find(existsSync) ?? ibd;
}

/** One row per acquired pixel with a counts column per window, or with --spectrum the summed spectrum. */
async function convertImzml(input: string, options: {windows: MassWindow[]; spectrum: boolean; binWidthU?: number}): Promise<{table: Table; warnings: string[]}> {
  const xml = await readFile(input).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${input}: cannot read (${error.code ?? error.message})`);
  });
  const {ibd, close} = await openIbdFile(ibdPathOf(input));
  try {
    const file = await openImzmlPair(new Uint8Array(xml.buffer, xml.byteOffset, xml.byteLength), input, ibd);
    const table = options.spectrum
      ? spectrumTable(file, await summedSpectrum(file, {binWidthU: options.binWidthU}), options.binWidthU)
      : pixelTable(file, await pixelSums(file, options.windows));
    return {table, warnings: file.warnings};
  } finally {
    await close();
  }
}

/** Runs one step of the conversion; an error that does not name a file yet gets `file` (one line). */
async function step<T>(file: string, what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/[\r\n]+/g, " ");
    throw new Error(message.startsWith(`${file}: `) ? message : `${file}: ${what}: ${message}`);
  }
}

function maxPixelsOf(text: string | undefined): TiffReadOptions {
  if (text === undefined) return {maxPixels: DEFAULT_MAX_PIXELS, maxPixelsSource: `the default bound of ${DEFAULT_MAX_PIXELS} pixels (raise it with --max-pixels N)`};
  const maxPixels = Number(text);
  if (!Number.isSafeInteger(maxPixels) || maxPixels < 1) throw new UsageError(`--max-pixels ${text}: not a positive whole number\n${usage}`);
  return {maxPixels, maxPixelsSource: `--max-pixels ${maxPixels}`};
}

async function main(): Promise<void> {
  const {positionals, values} = parseArgs({
    allowPositionals: true,
    options: {"time-zone": {type: "string"}, "max-pixels": {type: "string"}, ion: {type: "string", multiple: true}, spectrum: {type: "boolean"}, "bin-width": {type: "string"}}
  });
  if (positionals.length !== 2) throw new UsageError(usage);
  const [input, output] = positionals as [string, string];
  const format = tableFormatOf(output);
  if (!format) throw new UsageError(`${output}: unknown output format (use .arrow, .parquet or .csv)`);
  if (IMZML_FILE.test(input)) {
    const windows = massWindows(values.ion ?? []);
    if (values.spectrum && windows.length > 0) throw new UsageError("--spectrum writes the summed spectrum; --ion is for the table of pixels");
    const binWidthU = values["bin-width"] === undefined ? undefined : Number(values["bin-width"]);
    if (binWidthU !== undefined && !(binWidthU > 0 && values.spectrum)) throw new UsageError("--bin-width takes a positive width in u, with --spectrum");
    const {table, warnings} = await convertImzml(input, {windows, spectrum: values.spectrum ?? false, binWidthU});
    await writeFileAtomic(output, encode(table, format));
    for (const warning of warnings) console.error(`warning: ${input}: ${warning}`);
    console.error(`${input} -> ${output}: ${table.numRows} rows, ${table.numCols} columns`);
    return;
  }
  if (values.ion || values.spectrum || values["bin-width"]) throw new UsageError("--ion, --spectrum and --bin-width are for imzML input");
  const limits = maxPixelsOf(values["max-pixels"]);
  const bytes = await readFile(input).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${input}: cannot read (${error.code ?? error.message})`);
  });
  const table = await step(input, "cannot convert", () => parseInput(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), input, values["time-zone"], limits));
  const encoded = await step(output, `cannot write ${format}`, () => encode(table, format));
  await writeFileAtomic(output, encoded);
  for (const warning of cyclingTableWarnings(table)) console.error(`warning: ${warning}`);
  console.error(`${input} -> ${output}: ${table.numRows} rows, ${table.numCols} columns`);
}

main().catch((error: Error) => {
  console.error(error instanceof UsageError ? error.message : `error: ${error.message.replace(/[\r\n]+/g, " ")}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
