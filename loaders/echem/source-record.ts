import type {WallClockTime} from "../time-zone.js";
/**
 * What every format parser hands to the cycling-table builder: the columns as the instrument named them
 * (EC-Lab header text such as `Ewe/V`, with the unit split out) and the header facts.
 */
export type SourceValues = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

export interface SourceColumn {
  /** The column as the instrument's text export names it, e.g. `Ewe/V`, `Q charge/discharge/mA.h`, `Ns`. */
  name: string;
  /** Unit as written by the instrument (`V`, `mA`, `mA.h`, `s`), "" for counters and flags. */
  unit: string;
  values: SourceValues;
  /** 1 where the file left the cell empty (read as null); absent when every cell holds a value. */
  nulls?: Uint8Array;
}

export interface SourceFacts {
  instrument?: string;
  softwareVersion?: string;
  technique?: string;
  activeMassG?: number;
  electrodeAreaCm2?: number;
}

export type SourceFormat = "mpr" | "mpt" | "gamry-dta" | "csv";

export interface SourceRecord {
  format: SourceFormat;
  fileName: string;
  rowCount: number;
  /** In file order; names are unique. */
  columns: SourceColumn[];
  facts: SourceFacts;
  /** Acquisition start in the instrument's local time, which `time/s` counts from. */
  startLocal?: WallClockTime;
  /** Acquisition start already in UTC (a CSV with absolute UTC times), seconds since 1970. */
  startUnixS?: number;
  /** Why the file gives no acquisition start (set when it gives none), e.g. "no 'VMP LOG' module". */
  noStartReason?: string;
  /** One-line messages (`<file>: <format>: <what> (line N)`) about what was read but is worth telling the user. */
  warnings?: string[];
}

export function findColumn(record: SourceRecord, ...names: string[]): SourceColumn | undefined {
  for (const name of names) {
    const column = record.columns.find((c) => c.name === name);
    if (column) return column;
  }
  return undefined;
}
