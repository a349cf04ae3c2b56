// Reading facts out of a list of cvParams: each fact must be given at most once, or given again with the
// same value; two different values (two precisions of one array, two pixel sizes) are a contradiction.
import {ImzmlError} from "./errors.js";
import type {CvParam} from "./xml-params.js";

/** The parameter with `accession`, or null; refused when two of them disagree. */
export function singleParam(params: readonly CvParam[], accession: string, what: string, fileName: string): CvParam | null {
  let found: CvParam | null = null;
  for (const param of params) {
    if (param.accession !== accession) continue;
    if (found && (found.value !== param.value || found.unitAccession !== param.unitAccession)) {
      throw new ImzmlError(fileName, `two values of ${what}: "${found.value}" (line ${found.line}) and "${param.value}"`, {line: param.line});
    }
    found ??= param;
  }
  return found;
}

/** Which of a family of terms (`table`: accession -> meaning) is given, or null; two different ones are refused (`what` is plural). */
export function termOf<T>(params: readonly CvParam[], table: Readonly<Record<string, T>>, what: string, fileName: string): T | null {
  let found: CvParam | null = null;
  for (const param of params) {
    if (!Object.hasOwn(table, param.accession)) continue;
    if (found && table[found.accession] !== table[param.accession]) {
      throw new ImzmlError(fileName, `two ${what}: ${found.accession} (line ${found.line}) and ${param.accession}`, {line: param.line});
    }
    found ??= param;
  }
  return found ? table[found.accession] : null;
}

/** A whole number written as decimal digits, within the exact range of a double. */
export function integerValue(param: CvParam, what: string, fileName: string): number {
  const value = /^\s*\+?\d{1,16}\s*$/.test(param.value) ? Number(param.value) : NaN;
  if (!Number.isSafeInteger(value)) throw new ImzmlError(fileName, `${what} "${param.value}" is not a whole number`, {line: param.line});
  return value;
}

/** A finite positive decimal number (`4.406250e+00`). */
export function positiveValue(param: CvParam, what: string, fileName: string): number {
  const text = param.value.trim();
  const value = /^\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && Number.isFinite(value))) throw new ImzmlError(fileName, `${what} "${param.value}" is not a positive number`, {line: param.line});
  return value;
}
