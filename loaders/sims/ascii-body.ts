import {AsciiImageError} from "./errors.js";

export type Separator = 9 | 32 | 44 | 59; // tab, space, comma, semicolon

/** The numbers of a text body, row by row, as scanned (no layout decided yet). */
export interface BodyScan {
  values: Float64Array;
  /** Number of values on each non-empty line, and that line's 1-based number. */
  rowLengths: Int32Array;
  rowLines: Int32Array;
  rows: number;
  /** Every value took the fast path without a minus sign: all are non-negative integers. */
  integersOnly: boolean;
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const SLOW_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function grow<T extends Float64Array | Int32Array>(array: T, minLength: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(minLength, array.length * 2));
  next.set(array);
  return next;
}

function tokenEnd(bytes: Uint8Array, from: number, separator: number): number {
  let j = from;
  while (j < bytes.length) {
    const d = bytes[j];
    if (d === 10 || d === 13 || d === 32 || d === 9 || d === separator) break;
    j++;
  }
  return j;
}

/** Exponents and long numbers: decoded and checked strictly (Number("") and "0x1" are not numbers). */
function slowNumber(bytes: Uint8Array, from: number, to: number, decimalComma: boolean, file: string, line: number): number {
  if (to - from > 40) rejectToken(bytes, from, to, file, line);
  const raw = String.fromCharCode(...bytes.subarray(from, to));
  const text = decimalComma ? raw.replace(",", ".") : raw;
  const value = SLOW_NUMBER.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) rejectToken(bytes, from, to, file, line);
  return value;
}

/** No number starts with this byte ("inf", "NaN", "#", a letter): name the token. */
function rejectToken(bytes: Uint8Array, from: number, to: number, file: string, line: number): never {
  const shown = String.fromCharCode(...bytes.subarray(from, Math.min(to, from + 40))) + (to - from > 40 ? "…" : "");
  throw new AsciiImageError(file, `"${shown}" is not a number`, {line});
}

/**
 * Scans numbers from `bytes[start..]` byte by byte: integers take a fast path (no strings made),
 * anything else (decimals, decimal comma, exponents) is decoded token by token and checked strictly.
 * A trailing separator at a line end is allowed (SurfaceLab writes one); an empty field is not.
 * The loop keeps its state in locals (no closures over them), which keeps it fast.
 */
export function scanBody(
  bytes: Uint8Array, start: number, firstLine: number, separator: Separator, file: string, valueHint: number
): BodyScan {
  const n = bytes.length;
  const decimalComma = separator !== 44;
  let values = new Float64Array(Math.max(16, valueHint));
  let count = 0;
  let rowLengths = new Int32Array(256);
  let rowLines = new Int32Array(256);
  let rows = 0;
  let line = firstLine;
  let tokens = 0; // values on the current line
  let afterValue = false; // a value was read and no separator has followed yet
  let blankLineAfterData = 0;
  let integersOnly = true;
  let i = start;
  for (;;) {
    const c = i < n ? bytes[i] : 10;
    // Most bytes start a value, so test for a digit (or minus) first.
    if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || (c === 44 && decimalComma)) {
      if (afterValue) throw new AsciiImageError(file, "two values without a separator between them", {line});
      if (blankLineAfterData !== 0) throw new AsciiImageError(file, "blank line inside the data", {line: blankLineAfterData});
      // Fast path: sign, up to 15 digits with an optional decimal point, then a delimiter. The mantissa
      // and 10^k are exact doubles, so one division gives the correctly rounded value (as Number() would).
      let j = c === 45 || c === 43 ? i + 1 : i;
      let mantissa = 0;
      let digits = 0;
      let fractionDigits = 0;
      let d = 0;
      while (j < n && (d = bytes[j] - 48) >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        j++;
        digits++;
      }
      let next = j < n ? bytes[j] : 10;
      if (next === 46 || (next === 44 && decimalComma)) {
        j++;
        while (j < n && (d = bytes[j] - 48) >= 0 && d <= 9) {
          mantissa = mantissa * 10 + d;
          j++;
          fractionDigits++;
        }
        digits += fractionDigits;
        next = j < n ? bytes[j] : 10;
        integersOnly = false;
      }
      let value: number;
      if (digits > 0 && digits <= 15 && (next === separator || next === 10 || next === 13 || next === 32 || next === 9)) {
        value = fractionDigits === 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
        if (c === 45) {
          value = -value;
          integersOnly = false;
        }
      } else {
        j = tokenEnd(bytes, i, separator);
        value = slowNumber(bytes, i, j, decimalComma, file, line);
        next = j < n ? bytes[j] : 10;
        integersOnly = false;
      }
      if (count === values.length) values = grow(values, count + 1);
      values[count++] = value;
      tokens++;
      // Take the separator that usually follows at once, saving a pass through the branches below.
      if (next === separator && j < n) {
        afterValue = false;
        i = j + 1;
      } else {
        afterValue = true;
        i = j;
      }
    } else if (c === separator && c !== 32) {
      if (!afterValue) {
        const problem = separator === 9 ? "two tabs in a row" : "a separator without a value before it";
        throw new AsciiImageError(file, `empty field (${problem})`, {line});
      }
      afterValue = false;
      i++;
    } else if (c === 32 || c === 9 || c === 13) {
      if (separator === 32) afterValue = false;
      i++;
    } else if (c === 10) {
      if (tokens > 0) {
        if (rows === rowLengths.length) {
          rowLengths = grow(rowLengths, rows + 1);
          rowLines = grow(rowLines, rows + 1);
        }
        rowLengths[rows] = tokens;
        rowLines[rows] = line;
        rows++;
      } else if (!afterValue && rows > 0 && blankLineAfterData === 0) {
        blankLineAfterData = line;
      }
      tokens = 0;
      afterValue = false;
      line++;
      if (i >= n) break;
      i++;
    } else {
      rejectToken(bytes, i, tokenEnd(bytes, i, separator), file, line);
    }
  }
  return {values: values.subarray(0, count), rowLengths: rowLengths.subarray(0, rows), rowLines: rowLines.subarray(0, rows), rows, integersOnly};
}

/** The separator of a body line (bytes without the line end); a comma is a decimal comma when blanks separate. */
export function detectSeparator(lineBytes: Uint8Array): Separator {
  if (lineBytes.includes(9)) return 9;
  if (lineBytes.includes(59)) return 59;
  if (!lineBytes.includes(44)) return 32;
  const text = new TextDecoder("latin1").decode(lineBytes).trim();
  const blankTokens = text.split(/\s+/);
  if (blankTokens.length > 1 && blankTokens.every((t) => /^[+-]?\d*,?\d+(?:e[+-]?\d+)?$/i.test(t))) return 32;
  return 44;
}
