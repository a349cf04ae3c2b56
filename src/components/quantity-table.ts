// A table of rows whose columns with a unit in their heading ("charge (µAh)", "area (µm²)") hold numbers, shown
// to a fixed number of decimals; the other columns (ids, names, classes) as they are.
import * as Inputs from "npm:@observablehq/inputs";

export function quantityTable(rows: Record<string, unknown>[], {decimals, rows: visibleRows}: {decimals: number; rows?: number}): HTMLElement {
  const format = Object.fromEntries(Object.keys(rows[0] ?? {}).filter((key) => key.includes("(")).map((key) => [key, (v: number) => v.toFixed(decimals)]));
  return Inputs.table(rows, {select: false, format, ...(visibleRows === undefined ? {} : {rows: visibleRows})});
}
