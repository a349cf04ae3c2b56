import {MptError} from "./errors.js";
import {MPT_COLUMN_ALIASES, MPT_FLAG_COLUMNS, MPT_INTEGER_COLUMNS, readMptFacts, unitOfColumn} from "./mpt-header.js";
import {cutLineProblem, judgeLastValue, unprovableLineWarning} from "./last-line.js";
import {isSpelledNaN, scanNumber} from "./text-numbers.js";
import type {SourceColumn, SourceRecord} from "./source-record.js";

const LF = 10;
const CR = 13;
const TAB = 9;
const COMMA = 44;
const POINT = 46;
const headerDecoder = new TextDecoder("windows-1252");
const utf8Decoder = new TextDecoder("utf-8", {fatal: true});

// EC-Lab writes cp1252; a file re-saved as UTF-8 (µ as two bytes) is read as UTF-8 instead.
function headerTextDecoder(bytes: Uint8Array): TextDecoder {
  const head = bytes.subarray(0, 65536);
  if (!head.some((b) => b >= 0x80)) return headerDecoder;
  try {
    utf8Decoder.decode(head.subarray(0, lastLineEnd(head)));
    return new TextDecoder("utf-8");
  } catch {
    return headerDecoder;
  }
}

function lastLineEnd(bytes: Uint8Array): number {
  const end = bytes.lastIndexOf(LF);
  return end < 0 ? bytes.length : end;
}

export function looksLikeMpt(bytes: Uint8Array): boolean {
  const start = headerDecoder.decode(bytes.subarray(0, 64));
  return /^(EC-Lab|BT-Lab) ASCII FILE/i.test(start) || /^mode\t/.test(start);
}

/** Reads a BioLogic text export (EC-Lab or BT-Lab, with or without its header block; cp1252; CRLF or LF). */
export function parseMpt(bytes: Uint8Array, file: string): SourceRecord {
  if (bytes.length === 0) throw new MptError(file, "empty file", {line: 1});
  let position = 0;
  const decoder = headerTextDecoder(bytes);
  let lastLineEnded = true;
  const readLine = (): string | undefined => {
    if (position >= bytes.length) return undefined;
    let end = bytes.indexOf(LF, position);
    lastLineEnded = end >= 0;
    if (end < 0) end = bytes.length;
    const contentEnd = end > position && bytes[end - 1] === CR ? end - 1 : end;
    const text = decoder.decode(bytes.subarray(position, contentEnd));
    position = end + 1;
    return text;
  };
  const first = readLine() ?? "";
  const headerLines = [first];
  if (/^(EC-Lab|BT-Lab) ASCII FILE\s*$/i.test(first)) {
    const second = readLine() ?? "";
    const count = /^Nb header lines\s*:\s*(\d+)\s*$/.exec(second);
    if (!count) throw new MptError(file, `expected 'Nb header lines : N', found ${JSON.stringify(second.slice(0, 40))}`, {line: 2});
    const headerLineCount = Number(count[1]);
    if (headerLineCount < 3) throw new MptError(file, `'Nb header lines' is ${headerLineCount}, at least 3 expected`, {line: 2});
    headerLines.push(second);
    while (headerLines.length < headerLineCount) {
      const line = readLine();
      if (line === undefined) throw new MptError(file, `file ends inside the ${headerLineCount}-line header`, {line: headerLines.length + 1});
      headerLines.push(line);
    }
  } else if (!/^mode\t|\ttime\/s\t/.test(first)) {
    throw new MptError(file, `not an EC-Lab text export: first line is ${JSON.stringify(first.slice(0, 40))}`, {line: 1});
  }
  const columnLine = headerLines.length;
  // A column-name line without its line end is a cut one: EC-Lab writes data lines after it.
  if (!lastLineEnded) throw new MptError(file, "the file ends inside the column-name line", {line: columnLine});
  const names = headerLines[columnLine - 1].split("\t").map((n) => n.trim());
  while (names.length > 0 && names[names.length - 1] === "") names.pop();
  if (names.length === 0) throw new MptError(file, "the column-name line is empty", {line: columnLine});
  // Another version's name for a quantity is used only when the file does not also have the quantity itself.
  const canonical = names.map((n) => {
    const alias = MPT_COLUMN_ALIASES.get(n);
    return alias && !names.includes(alias) ? alias : n;
  });
  canonical.forEach((name, c) => {
    for (let k = 2; canonical.indexOf(canonical[c]) !== c; k++) canonical[c] = `${name} #${k}`;
  });
  if (!names.includes("time/s")) {
    throw new MptError(file, `line ${columnLine}, the column-name line by 'Nb header lines', names no 'time/s' column`, {line: columnLine});
  }
  const body = readBody(bytes, position, canonical, columnLine + 1, file);
  if (body.rowCount === 0) throw new MptError(file, "no data lines after the column names", {line: columnLine + 1});
  const columns: SourceColumn[] = canonical.map((name, c) => {
    const nulls = body.nulls[c];
    return {name, unit: unitOfColumn(name), values: narrow(name, body.columns[c], nulls, file, columnLine), ...(nulls ? {nulls} : {})};
  });
  const {facts, startLocal} = readMptFacts(headerLines);
  const noStartReason = startLocal ? undefined
    : headerLines.some((l) => /^Acquisition started on/i.test(l)) ? "its 'Acquisition started on' line cannot be read" : "its header has no 'Acquisition started on' line";
  return {format: "mpt", fileName: file, rowCount: body.rowCount, columns, facts, startLocal, ...(noStartReason ? {noStartReason} : {}), ...(body.warnings.length > 0 ? {warnings: body.warnings} : {})};
}

function decimalMarkOf(bytes: Uint8Array, start: number): number {
  let end = bytes.indexOf(LF, start);
  if (end < 0) end = bytes.length;
  return bytes.subarray(start, end).includes(COMMA) ? COMMA : POINT;
}

// EC-Lab writes fixed-width lines, so the first data line's length estimates the row count; arrays grow if not.
function estimateRows(bytes: Uint8Array, start: number): number {
  const firstEnd = bytes.indexOf(LF, start);
  const lineBytes = firstEnd < 0 ? bytes.length - start : firstEnd - start + 1;
  return Math.ceil(((bytes.length - start) / Math.max(lineBytes, 1)) * 1.05) + 16;
}

function grown<T extends Float64Array | Uint8Array>(values: T, capacity: number): T {
  const out = new (values.constructor as new (n: number) => T)(capacity);
  out.set(values);
  return out;
}

interface Body {
  columns: Float64Array[];
  /** Per column, 1 where a row left the cell empty; undefined for a column without empty cells. */
  nulls: (Uint8Array | undefined)[];
  rowCount: number;
  warnings: string[];
}

// Empty cells are allowed only at the end of a row (impedance exports leave the last columns empty on some
// rows): they are null. A row with fewer cells than names, or an empty cell before a value, is an error.
function readBody(bytes: Uint8Array, start: number, names: string[], firstLine: number, file: string): Body {
  let capacity = estimateRows(bytes, start);
  const columns = names.map(() => new Float64Array(capacity));
  const nulls: (Uint8Array | undefined)[] = names.map(() => undefined);
  const warnings: string[] = [];
  const scan: RowScan = {decimalMark: decimalMarkOf(bytes, start), cellEnd: new Int32Array(1), emptyFrom: -1, lastCell: start, problem: ""};
  let row = 0;
  let line = firstLine;
  let previousLineBytes = 0;
  for (let position = start; position < bytes.length; line++) {
    // The search for the line end starts a little before where the previous line's length puts it, so that
    // most bytes are not searched before being read. Too far, it finds a later line end; the row then holds
    // a line end in one of its cells, fails to read, and is read again up to its true line end.
    const searchFrom = position + previousLineBytes - LINE_LENGTH_SLACK;
    let endGuessed = searchFrom > position;
    let end = bytes.indexOf(LF, endGuessed ? searchFrom : position);
    for (;;) {
      const stop = end >= 0 ? end : bytes.length;
      const contentEnd = stop > position && bytes[stop - 1] === CR ? stop - 1 : stop;
      if (contentEnd === position) break;
      if (row === capacity) {
        capacity = Math.ceil(capacity * 1.5) + 1024;
        columns.forEach((values, c) => (columns[c] = grown(values, capacity)));
        nulls.forEach((values, c) => (nulls[c] = values && grown(values, capacity)));
      }
      if (!readRow(bytes, position, contentEnd, columns, row, names, scan)) {
        if (!endGuessed) throw new MptError(file, scan.problem, {line});
        endGuessed = false;
        end = bytes.indexOf(LF, position);
        continue;
      }
      for (let c = scan.emptyFrom < 0 ? names.length : scan.emptyFrom; c < names.length; c++) (nulls[c] ??= new Uint8Array(capacity))[row] = 1;
      if (end >= 0 || lastLineKept(bytes, start, position, scan.lastCell, contentEnd, line, file, warnings)) row++;
      break;
    }
    const stop = end >= 0 ? end : bytes.length;
    previousLineBytes = stop + 1 - position;
    position = stop + 1;
  }
  return {columns: columns.map((c) => c.subarray(0, row)), nulls: nulls.map((n) => n?.subarray(0, row)), rowCount: row, warnings};
}

// EC-Lab writes numbers in fixed formats: its lines differ in length by a sign or two (at most 5 bytes in the fixtures).
const LINE_LENGTH_SLACK = 16;

interface RowScan {
  decimalMark: number;
  cellEnd: Int32Array;
  /** The first of the empty cells that end the row (they are null), or -1. */
  emptyFrom: number;
  /** Where the row's last cell starts. */
  lastCell: number;
  /** What is wrong with a row that cannot be read. */
  problem: string;
}

// Reads one row's cells into `columns` at `row`; false, with `scan.problem` saying why, when it cannot.
function readRow(bytes: Uint8Array, position: number, contentEnd: number, columns: Float64Array[], row: number, names: string[], scan: RowScan): boolean {
  const columnCount = names.length;
  const cellEnd = scan.cellEnd;
  let cell = position;
  let emptyFrom = -1;
  for (let c = 0; c < columnCount; c++) {
    if (cell > contentEnd) {
      scan.problem = `line has ${c} values, the header names ${columnCount} columns`;
      return false;
    }
    scan.lastCell = cell;
    const value = scanNumber(bytes, cell, contentEnd, scan.decimalMark, cellEnd);
    if (value !== value && cellEnd[0] === cell) {
      if (emptyFrom < 0) emptyFrom = c;
    } else if (emptyFrom >= 0) {
      scan.problem = `column '${names[emptyFrom]}' is empty but a later column holds a value`;
      return false;
    } else if (value !== value && !isSpelledNaN(bytes, cell, cellEnd[0])) {
      const text = headerDecoder.decode(bytes.subarray(cell, Math.min(cellEnd[0], cell + 30)));
      scan.problem = `column '${names[c]}': ${JSON.stringify(text)} is not a number`;
      return false;
    }
    columns[c][row] = value;
    cell = cellEnd[0] + 1;
  }
  if (emptyFrom === 0) {
    scan.problem = "line holds only tabs";
    return false;
  }
  for (let p = cell; p < contentEnd; p++) {
    if (bytes[p] !== TAB && bytes[p] !== 32) {
      scan.problem = `line has more values than the ${columnCount} named columns`;
      return false;
    }
  }
  scan.emptyFrom = emptyFrom;
  return true;
}

// The last line has no line end: keep it only if its last value shows its own end (see last-line.ts).
function lastLineKept(bytes: Uint8Array, bodyStart: number, lineStart: number, lastCell: number, contentEnd: number, line: number, file: string, warnings: string[]): boolean {
  const text = (from: number, to: number) => headerDecoder.decode(bytes.subarray(from, to)).trim();
  const last = text(lastCell, contentEnd);
  let previous: string | undefined;
  if (lineStart > bodyStart) {
    const previousEnd = bytes[lineStart - 2] === CR ? lineStart - 2 : lineStart - 1;
    const previousStart = bytes.lastIndexOf(LF, lineStart - 2) + 1;
    const previousLine = text(Math.max(previousStart, bodyStart), previousEnd).split("\t");
    previous = previousLine[previousLine.length - 1];
  }
  const verdict = judgeLastValue(last, previous);
  if (verdict === "cut") throw new MptError(file, cutLineProblem(line, last), {line});
  if (verdict === "unprovable") warnings.push(new MptError(file, unprovableLineWarning(last), {line}).message);
  return verdict === "complete";
}

function narrow(name: string, values: Float64Array, nulls: Uint8Array | undefined, file: string, line: number): SourceColumn["values"] {
  const isFlag = MPT_FLAG_COLUMNS.has(name);
  if (!isFlag && !MPT_INTEGER_COLUMNS.has(name)) return values;
  const out = isFlag ? new Uint8Array(values.length) : new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (nulls?.[i]) continue;
    const v = values[i];
    if (!Number.isInteger(v) || (isFlag && (v < 0 || v > 3))) {
      throw new MptError(file, `column '${name}' holds ${v} in data row ${i + 1}, expected ${isFlag ? "a flag 0..3" : "an integer"}`, {line: line + 1 + i});
    }
    out[i] = v;
  }
  return out;
}
