import {GamryDtaError} from "./errors.js";
import type {SourceColumn, SourceRecord} from "./source-record.js";
import {isNaNText, parseCell} from "./text-cells.js";
import type {WallClockTime} from "../time-zone.js";

const decoder = new TextDecoder("windows-1252");

export function looksLikeGamryDta(bytes: Uint8Array): boolean {
  return /^EXPLAIN\r?\nTAG\t/.test(decoder.decode(bytes.subarray(0, 32)));
}

interface GamryTable {
  name: string;
  names: string[];
  units: string[];
  rows: string[][];
  firstDataLine: number;
}

/**
 * Reads a Gamry Framework .DTA file: the `KEY<TAB>TYPE<TAB>VALUE` header and the `CURVE` tables (the
 * experiment's data; `OCVCURVE` and EIS `ZCURVE` tables are not a cycling record and are left out on purpose).
 */
export function parseGamryDta(bytes: Uint8Array, file: string): SourceRecord {
  if (bytes.length === 0) throw new GamryDtaError(file, "empty file", {line: 1});
  const lines = decoder.decode(bytes).split(/\r?\n/);
  if (lines[0].trim() !== "EXPLAIN" || !lines[1]?.startsWith("TAG\t")) {
    throw new GamryDtaError(file, `not a Gamry .DTA file: expected 'EXPLAIN' then 'TAG', found ${JSON.stringify(lines[0].slice(0, 30))}`, {line: 1});
  }
  const header = new Map<string, string[]>();
  const tables: GamryTable[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split("\t");
    const key = cells[0];
    if (key === "") continue;
    if (cells[1] === "NOTES") {
      i += Number(cells[2]) || 0;
      continue;
    }
    if (cells[1] === "TABLE") {
      if (i + 2 >= lines.length) throw new GamryDtaError(file, `table ${key} ends before its column names and units`, {line: i + 1});
      const table: GamryTable = {name: key, names: lines[i + 1].split("\t").slice(1), units: lines[i + 2].split("\t").slice(1), rows: [], firstDataLine: i + 4};
      for (i += 3; i < lines.length && lines[i].startsWith("\t"); i++) table.rows.push(lines[i].split("\t").slice(1));
      i--;
      tables.push(table);
      continue;
    }
    header.set(key, cells.slice(1));
  }
  const curves = tables.filter((t) => /^CURVE\d*$/.test(t.name));
  if (curves.length === 0) {
    const found = tables.map((t) => t.name).join(", ") || "none";
    throw new GamryDtaError(file, `no CURVE table (tables found: ${found}); header may be cut short`, {line: lines.length});
  }
  const columns = curveColumns(curves, file);
  const tag = header.get("TAG")?.[0];
  const pstat = header.get("PSTAT")?.[1];
  const area = Number(header.get("AREA")?.[1]?.replace(",", "."));
  return {
    format: "gamry-dta",
    fileName: file,
    rowCount: columns[0]?.values.length ?? 0,
    columns,
    facts: {instrument: pstat ? `Gamry ${pstat}` : "Gamry", technique: tag, softwareVersion: header.get("FRAMEWORKVERSION")?.[1], electrodeAreaCm2: Number.isFinite(area) ? area : undefined},
    startLocal: startOf(header, file)
  };
}

function curveColumns(curves: GamryTable[], file: string): SourceColumn[] {
  const {names, units} = curves[0];
  for (const curve of curves) {
    if (curve.names.join("\t") !== names.join("\t")) throw new GamryDtaError(file, `table ${curve.name} has other columns than ${curves[0].name}`, {line: curve.firstDataLine - 2});
  }
  const rowCount = curves.reduce((sum, c) => sum + c.rows.length, 0);
  const sample = curves.flatMap((c) => c.rows.slice(0, 1)).join("\t");
  const decimalMark = /\d,\d/.test(sample) ? "," : ".";
  return names.map((name, c) => {
    const isBits = units[c] === "bits";
    const values = isBits ? new Uint16Array(rowCount) : new Float64Array(rowCount);
    let row = 0;
    for (const curve of curves) {
      curve.rows.forEach((cells, r) => {
        const text = cells[c];
        if (text === undefined) throw new GamryDtaError(file, `${curve.name}: row has ${cells.length} values, the table names ${names.length} columns`, {line: curve.firstDataLine + r});
        if (isBits) {
          values[row++] = overloadBits(text);
          return;
        }
        const value = parseCell(text, decimalMark);
        if (Number.isNaN(value) && !isNaNText(text)) throw new GamryDtaError(file, `${curve.name}: column '${name}': ${JSON.stringify(text.slice(0, 30))} is not a number`, {line: curve.firstDataLine + r});
        values[row++] = value;
      });
    }
    return {name, unit: units[c] === "#" ? "" : units[c], values};
  });
}

// The `Over` column is a string of flag characters ('.' = flag off); bit k is set when character k is not '.'.
function overloadBits(text: string): number {
  let bits = 0;
  for (let k = 0; k < text.length && k < 16; k++) if (text[k] !== ".") bits |= 1 << k;
  return bits;
}

// Gamry writes DATE as M/D/YYYY (or M-D-YYYY) and TIME as H:MM:SS, in the PC's local time.
function startOf(header: Map<string, string[]>, file: string): WallClockTime | undefined {
  const date = header.get("DATE")?.[1];
  const time = header.get("TIME")?.[1];
  if (!date || !time) return undefined;
  const d = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d+)?)$/.exec(time.trim());
  if (!d || !t) throw new GamryDtaError(file, `cannot read DATE ${JSON.stringify(date)} / TIME ${JSON.stringify(time)}`, {line: 4});
  return {year: Number(d[3]), month: Number(d[1]), day: Number(d[2]), hour: Number(t[1]), minute: Number(t[2]), second: Number(t[3].replace(",", "."))};
}
