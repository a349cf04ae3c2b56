import {GamryDtaError} from "./errors.js";
import type {SourceColumn, SourceRecord} from "./source-record.js";
import {cutLineProblem, judgeLastValue, unendedLineWarning, unprovableLineWarning} from "./last-line.js";
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
  /** The point count written after `TABLE`, when the file gives one, as written. */
  statedPoints?: string;
}

/**
 * Reads a Gamry Framework .DTA file: the `KEY<TAB>TYPE<TAB>VALUE` header and the `CURVE` tables (the
 * experiment's data; `OCVCURVE` and EIS `ZCURVE` tables are not a cycling record and are left out on purpose).
 * `CURVEn` tables are consecutive parts of one experiment on one clock (`T` from the experiment start).
 */
export function parseGamryDta(bytes: Uint8Array, file: string): SourceRecord {
  if (bytes.length === 0) throw new GamryDtaError(file, "empty file", {line: 1});
  const lines = decoder.decode(bytes).split(/\r?\n/);
  // split() leaves "" after a final line end; anything else there is a last line without its line end.
  const lastLineEnded = lines[lines.length - 1] === "";
  if (lastLineEnded) lines.pop();
  if (lines[0].trim() !== "EXPLAIN" || !lines[1]?.startsWith("TAG\t")) {
    throw new GamryDtaError(file, `not a Gamry .DTA file: expected 'EXPLAIN' then 'TAG', found ${JSON.stringify(lines[0].slice(0, 30))}`, {line: 1});
  }
  const header = new Map<string, string[]>();
  const tables: GamryTable[] = [];
  const warnings: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split("\t");
    const key = cells[0];
    if (key === "") continue;
    if (cells[1] === "NOTES") {
      i += Number(cells[2]) || 0;
      continue;
    }
    if (cells[1] === "TABLE") {
      if (i + 2 >= lines.length || (i + 2 === lines.length - 1 && !lastLineEnded)) {
        throw new GamryDtaError(file, `the file ends inside table ${key} before its column names and units`, {line: Math.min(i + 3, lines.length)});
      }
      const statedPoints = cells[2]?.trim() || undefined;
      const table: GamryTable = {name: key, names: lines[i + 1].split("\t").slice(1), units: lines[i + 2].split("\t").slice(1), rows: [], firstDataLine: i + 4, statedPoints};
      for (i += 3; i < lines.length && lines[i].startsWith("\t"); i++) table.rows.push(lines[i].split("\t").slice(1));
      if (i === lines.length && !lastLineEnded && table.rows.length > 0) keepLastRowIfComplete(table, file, warnings);
      checkStatedPoints(table, file, warnings);
      i--;
      tables.push(table);
      continue;
    }
    if (i === lines.length - 1 && !lastLineEnded) {
      warnings.push(new GamryDtaError(file, unendedLineWarning(lines[i]), {line: i + 1}).message);
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
  checkOneClock(curves, columns, file);
  const tag = header.get("TAG")?.[0];
  const pstat = header.get("PSTAT")?.[1];
  const area = Number(header.get("AREA")?.[1]?.replace(",", "."));
  return {
    format: "gamry-dta",
    fileName: file,
    rowCount: columns[0]?.values.length ?? 0,
    columns,
    facts: {instrument: pstat ? `Gamry ${pstat}` : "Gamry", technique: tag, softwareVersion: header.get("FRAMEWORKVERSION")?.[1], electrodeAreaCm2: Number.isFinite(area) ? area : undefined},
    ...startOrReason(header, file),
    ...(warnings.length > 0 ? {warnings} : {})
  };
}

// The file's last line has no line end: keep it only if its last value shows its own end (see last-line.ts).
function keepLastRowIfComplete(table: GamryTable, file: string, warnings: string[]): void {
  const lastRow = table.rows[table.rows.length - 1];
  const column = lastRow.length - 1;
  const previous = table.rows.length > 1 ? table.rows[table.rows.length - 2][column] : undefined;
  const lineNumber = table.firstDataLine + table.rows.length - 1;
  const verdict = judgeLastValue(lastRow[column].trim(), previous?.trim(), table.units[column] === "bits");
  if (verdict === "cut") throw new GamryDtaError(file, cutLineProblem(lineNumber, lastRow[column]), {line: lineNumber});
  if (verdict === "unprovable") {
    warnings.push(new GamryDtaError(file, unprovableLineWarning(lastRow[column]), {line: lineNumber}).message);
    table.rows.pop();
  }
}

// More rows than the `TABLE` line states cannot be; fewer is what a stopped (or cut) experiment leaves, and is told.
function checkStatedPoints(table: GamryTable, file: string, warnings: string[]): void {
  if (table.statedPoints === undefined) return;
  const at = {line: table.firstDataLine - 3};
  if (!/^\d+$/.test(table.statedPoints)) throw new GamryDtaError(file, `table ${table.name}: point count ${JSON.stringify(table.statedPoints.slice(0, 20))} is not a whole number`, at);
  const stated = Number(table.statedPoints);
  if (table.rows.length > stated) throw new GamryDtaError(file, `table ${table.name} states ${stated} points but holds ${table.rows.length}`, at);
  if (table.rows.length < stated) warnings.push(new GamryDtaError(file, `table ${table.name} states ${stated} points but holds ${table.rows.length} (a stopped experiment or a cut file)`, at).message);
}

// CURVEn tables share one clock; a table whose time starts before the previous one ended is a second experiment
// appended to the file, and the file gives no start time of its own to place it, so it is refused.
function checkOneClock(curves: GamryTable[], columns: SourceColumn[], file: string): void {
  const time = columns.find((c) => c.name === "T")?.values;
  if (!time) return;
  const seen = new Set<string>();
  let row = 0;
  for (let k = 0; k < curves.length; k++) {
    const curve = curves[k];
    if (seen.has(curve.name)) throw new GamryDtaError(file, `a second table named ${curve.name}: the file holds two experiments back to back`, {line: curve.firstDataLine - 3});
    seen.add(curve.name);
    if (row > 0 && curve.rows.length > 0 && time[row] < time[row - 1]) {
      throw new GamryDtaError(file, `table ${curve.name} starts at T = ${time[row]} s, before the end of table ${curves[k - 1].name} (T = ${time[row - 1]} s): the file holds two experiments back to back, and Gamry gives no start time per table to place the second`, {line: curve.firstDataLine});
    }
    row += curve.rows.length;
  }
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

function startOrReason(header: Map<string, string[]>, file: string): Pick<SourceRecord, "startLocal" | "noStartReason"> {
  const startLocal = startOf(header, file);
  return startLocal ? {startLocal} : {noStartReason: "its header has no DATE and TIME lines"};
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
