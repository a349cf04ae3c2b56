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
  const columnCount = names.length;
  let capacity = estimateRows(bytes, start);
  const columns = names.map(() => new Float64Array(capacity));
  const nulls: (Uint8Array | undefined)[] = names.map(() => undefined);
  const warnings: string[] = [];
  const decimalMark = decimalMarkOf(bytes, start);
  const cellEnd = new Int32Array(1);
  let row = 0;
  let line = firstLine;
  for (let position = start; position < bytes.length; line++) {
    let end = bytes.indexOf(LF, position);
    const ended = end >= 0;
    if (end < 0) end = bytes.length;
    const contentEnd = end > position && bytes[end - 1] === CR ? end - 1 : end;
    if (contentEnd > position) {
      if (row === capacity) {
        capacity = Math.ceil(capacity * 1.5) + 1024;
        columns.forEach((values, c) => (columns[c] = grown(values, capacity)));
        nulls.forEach((values, c) => (nulls[c] = values && grown(values, capacity)));
      }
      let cell = position;
      let lastCell = position;
      let emptyFrom = -1;
      for (let c = 0; c < columnCount; c++) {
        if (cell > contentEnd) throw new MptError(file, `line has ${c} values, the header names ${columnCount} columns`, {line});
        lastCell = cell;
        const value = scanNumber(bytes, cell, contentEnd, decimalMark, cellEnd);
        if (value !== value && cellEnd[0] === cell) {
          if (emptyFrom < 0) emptyFrom = c;
          (nulls[c] ??= new Uint8Array(capacity))[row] = 1;
        } else if (emptyFrom >= 0) {
          throw new MptError(file, `column '${names[emptyFrom]}' is empty but a later column holds a value`, {line});
        } else if (value !== value && !isSpelledNaN(bytes, cell, cellEnd[0])) {
          const text = headerDecoder.decode(bytes.subarray(cell, Math.min(cellEnd[0], cell + 30)));
          throw new MptError(file, `column '${names[c]}': ${JSON.stringify(text)} is not a number`, {line});
        }
        columns[c][row] = value;
        cell = cellEnd[0] + 1;
      }
      if (emptyFrom === 0) throw new MptError(file, "line holds only tabs", {line});
      for (let p = cell; p < contentEnd; p++) {
        if (bytes[p] !== TAB && bytes[p] !== 32) throw new MptError(file, `line has more values than the ${columnCount} named columns`, {line});
      }
      if (ended || lastLineKept(bytes, start, position, lastCell, contentEnd, line, file, warnings)) row++;
    }
    position = end + 1;
  }
  return {columns: columns.map((c) => c.subarray(0, row)), nulls: nulls.map((n) => n?.subarray(0, row)), rowCount: row, warnings};
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
