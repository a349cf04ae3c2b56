/**
 * Decimal numbers straight from bytes, without building strings: the fast path is exact whenever the digits
 * are held exactly as a double (below 2^53, or below 2^54 with an even last digit) and the power of ten is at
 * most 22 (both exactly representable, one correctly rounded operation); anything else falls back to
 * `Number()` on the text. NaN stands for "not a number here".
 */
const POW10 = Array.from({length: 23}, (_, k) => Number(`1e${k}`));
const MAX_EXACT = 2 ** 53;
const DIGIT_0 = 48;
const PLUS = 43;
const MINUS = 45;
const TAB = 9;
const POINT = 46;
// The cells that reach Number() hold only digits, signs, 'e' and the decimal mark.
const asciiDecoder = new TextDecoder("latin1");

/**
 * Reads the cell that starts at `start` and ends at the next tab or at `limit`; writes that tab's (or the
 * limit's) position to `end[0]`. Returns NaN when the cell is not a number.
 */
export function scanNumber(bytes: Uint8Array, start: number, limit: number, decimalMark: number, end: Int32Array): number {
  let i = start;
  let negative = false;
  if (i < limit && (bytes[i] === MINUS || bytes[i] === PLUS)) {
    negative = bytes[i] === MINUS;
    i++;
  }
  // Every digit goes into the mantissa; whether it is exact is judged once, at the end (isExact).
  let mantissa = 0;
  const integerStart = i;
  for (; i < limit; i++) {
    const d = bytes[i] - DIGIT_0;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
  }
  const integerDigits = i - integerStart;
  let fractionDigits = 0;
  if (i < limit && bytes[i] === decimalMark) {
    const fractionStart = ++i;
    for (; i < limit; i++) {
      const d = bytes[i] - DIGIT_0;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    fractionDigits = i - fractionStart;
  }
  const digitCount = integerDigits + fractionDigits;
  const digitsEnd = fractionDigits > 0 ? i : integerStart + integerDigits;
  let exponent10 = -fractionDigits;
  let exponentDigitsSeen = true;
  if (digitCount > 0 && i < limit && (bytes[i] === 101 || bytes[i] === 69)) {
    i++;
    let exponentNegative = false;
    if (i < limit && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      exponentNegative = bytes[i] === MINUS;
      i++;
    }
    let exponent = 0;
    const exponentStart = i;
    for (; i < limit; i++) {
      const d = bytes[i] - DIGIT_0;
      if (d < 0 || d > 9) break;
      if (exponent < 100_000) exponent = exponent * 10 + d;
    }
    if (i === exponentStart) exponentDigitsSeen = false;
    exponent10 += exponentNegative ? -exponent : exponent;
  }
  if (i < limit && bytes[i] !== TAB) {
    // Not a plain number (NaN, Inf, junk): find the cell's end, let the slow path decide.
    while (i < limit && bytes[i] !== TAB) i++;
    end[0] = i;
    return slowPath(bytes, start, i, decimalMark);
  }
  end[0] = i;
  if (digitCount === 0) return i === start ? Number.NaN : slowPath(bytes, start, i, decimalMark);
  if (!exponentDigitsSeen) return slowPath(bytes, start, i, decimalMark);
  if (!isExact(mantissa, bytes[digitsEnd - 1]) || exponent10 > 22 || exponent10 < -22) return exactlyRounded(bytes, start, i, decimalMark);
  const magnitude = exponent10 < 0 ? mantissa / POW10[-exponent10] : mantissa * POW10[exponent10];
  return negative ? -magnitude : magnitude;
}

/**
 * Whether the digits summed into `mantissa` (digit by digit, x * 10 + d, ending with the digit whose character
 * code is `lastDigitCode`) are held exactly: always below 2^53; below 2^54, where doubles are the even integers,
 * when the last digit is even (the sum before it was below 2^53, so exact, and ten times it is even).
 */
function isExact(mantissa: number, lastDigitCode: number): boolean {
  return mantissa < MAX_EXACT || (mantissa < 2 * MAX_EXACT && (lastDigitCode & 1) === 0);
}

// A well-formed number the fast path cannot round exactly: Number() on its text (no syntax check needed).
function exactlyRounded(bytes: Uint8Array, start: number, end: number, decimalMark: number): number {
  const text = asciiDecoder.decode(bytes.subarray(start, end));
  return Number(decimalMark === POINT ? text : text.replace(String.fromCharCode(decimalMark), "."));
}

// Spelled-out values (NaN, Inf) and malformed exponents come here; empty or junk text gives NaN.
function slowPath(bytes: Uint8Array, start: number, end: number, decimalMark: number): number {
  let text = "";
  for (let i = start; i < end; i++) text += bytes[i] === decimalMark ? "." : String.fromCharCode(bytes[i]);
  const lower = text.toLowerCase();
  if (lower === "inf" || lower === "+inf" || lower === "infinity") return Number.POSITIVE_INFINITY;
  if (lower === "-inf" || lower === "-infinity") return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number.NaN;
  return Number(text);
}

/** Whether the text is one of the spellings of "not a number" that instruments write on purpose. */
export function isSpelledNaN(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 3) return false;
  return (bytes[start] | 32) === 110 && (bytes[start + 1] | 32) === 97 && (bytes[start + 2] | 32) === 110;
}
