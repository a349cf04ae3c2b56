/**
 * The last line of a text export that has no line end may be a line the file was cut inside. Only a value
 * whose written form shows its own end can prove the line complete: EC-Lab and Gamry write every non-integer
 * value with a three-digit exponent (`-1.440319122678374E-002`), and a cut leaves fewer digits or none.
 */
export type LastLineVerdict = "complete" | "cut" | "unprovable";

const FULL_EXPONENT = /[eE][+-]\d{3}$/;

/**
 * Judges the last value of an unterminated last line against the same column's value on the line before it
 * (undefined when there is none). `fixedWidth` columns (Gamry's `Over` flags) are complete at that width.
 */
export function judgeLastValue(last: string, previous: string | undefined, fixedWidth = false): LastLineVerdict {
  if (fixedWidth && previous !== undefined && previous.length > 0) {
    return last.length === previous.length ? "complete" : "cut";
  }
  if (FULL_EXPONENT.test(last)) return "complete";
  if (previous !== undefined && FULL_EXPONENT.test(previous)) return "cut";
  return "unprovable";
}

export function cutLineProblem(lineNumber: number, last: string): string {
  return `the file ends inside line ${lineNumber}: its last value ${JSON.stringify(last.slice(0, 30))} has no line end and is cut short (a truncated file?)`;
}

export function unprovableLineWarning(last: string): string {
  return `the last line has no line end and its last value ${JSON.stringify(last.slice(0, 30))} cannot be shown complete, so the line was left out (a truncated file?)`;
}

/** A last line without its line end that holds no data (a header or table line): what follows it is missing. */
export function unendedLineWarning(line: string): string {
  return `the file ends inside a line without data, ${JSON.stringify(line.slice(0, 30))}, which was left out: what followed it is missing (a truncated file?)`;
}
