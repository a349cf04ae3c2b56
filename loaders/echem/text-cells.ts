/** A number written by an instrument in text, with '.' or ',' as decimal mark; NaN when it is not one. */
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

export function parseCell(text: string, decimalMark: "." | ","): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return Number.NaN;
  if (decimalMark === "." && trimmed.includes(",")) return Number.NaN;
  return Number(decimalMark === "," ? trimmed.replace(",", ".") : trimmed);
}

export function isNaNText(text: string): boolean {
  return /^\s*nan\s*$/i.test(text);
}
