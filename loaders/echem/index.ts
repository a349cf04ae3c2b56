import type * as arrow from "apache-arrow";
import {biologicRoles} from "./biologic-roles.js";
import {parseCyclingCsv, type CsvColumnMapping} from "./csv.js";
import {buildCyclingTable} from "./cycling-table.js";
import {CyclingCsvError, CyclingInputError} from "./errors.js";
import {gamryRoles} from "./gamry-roles.js";
import {looksLikeGamryDta, parseGamryDta} from "./gamry-dta.js";
import {hasMprMagic} from "./mpr-modules.js";
import {parseMpr} from "./mpr.js";
import {looksLikeMpt, parseMpt} from "./mpt.js";

export type {CsvColumnMapping} from "./csv.js";
export {cyclingTableWarnings} from "./cycling-table.js";
export {CyclingCsvError, CyclingInputError, GamryDtaError, MprError, MptError} from "./errors.js";

export interface CyclingParseOptions {
  /** IANA time zone of the instrument PC (e.g. "Europe/Paris"); needed whenever the file writes local time. */
  timeZone?: string;
  /** Acquisition start in UTC seconds for a file that gives none (in a run, the manifest's); the file's own start wins. */
  startUnixS?: number;
  /** Required for CSV: which columns hold time, voltage and current, in which units, and the decimal mark. */
  csv?: CsvColumnMapping;
}

export type CyclingFormat = "mpr" | "mpt" | "gamry-dta" | "csv";

/** Which cycling format the bytes are, from their content first and the file name only for CSV. */
export function sniffCyclingFormat(bytes: Uint8Array, fileName: string): CyclingFormat | null {
  if (hasMprMagic(bytes)) return "mpr";
  if (looksLikeMpt(bytes)) return "mpt";
  if (looksLikeGamryDta(bytes)) return "gamry-dta";
  if (/\.(csv|tsv)$/i.test(fileName)) return "csv";
  return null;
}

/** Parses a potentiostat file into the normalized cycling table (see docs/cycling-table.md). */
export function parseCyclingFile(bytes: Uint8Array, fileName: string, options: CyclingParseOptions = {}): arrow.Table {
  const format = sniffCyclingFormat(bytes, fileName);
  switch (format) {
    case "mpr": {
      const record = parseMpr(bytes, fileName);
      return buildCyclingTable(record, biologicRoles(record), options);
    }
    case "mpt": {
      const record = parseMpt(bytes, fileName);
      return buildCyclingTable(record, biologicRoles(record), options);
    }
    case "gamry-dta": {
      const record = parseGamryDta(bytes, fileName);
      return buildCyclingTable(record, gamryRoles(record), options);
    }
    case "csv": {
      if (!options.csv) throw new CyclingCsvError(fileName, "a CSV needs a declared column mapping (option csv)");
      const {record, roles} = parseCyclingCsv(bytes, fileName, options.csv);
      return buildCyclingTable(record, roles, options);
    }
    case null:
      throw new CyclingInputError(fileName, bytes.length === 0 ? "empty file" : "not a supported cycling file (BioLogic .mpr or .mpt, Gamry .DTA, or CSV with a column mapping)", {byteOffset: 0});
  }
}
