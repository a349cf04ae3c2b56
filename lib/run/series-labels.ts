// Labels of the supporting series and particle pages: a point titled as in its cycle's grid, ions in the manifest's order.

/** An observation point as the charge–discharge curve numbers it (lib/run/analysis.ts `observationsOf`). */
export interface NumberedPoint {
  number: number;
  cycle: number;
  /** Its observation name (lib/frames/observation-names.ts), e.g. `cycle 2: charging 3`. */
  name: string;
}

/**
 * Title of a point in the grid of its cycle, two lines: its number on the curve, and its name without the
 * "cycle N: " prefix, which the grid's heading already says.
 */
export function pointTitle(point: NumberedPoint): [string, string] {
  return [`point ${point.number}`, point.name.replace(/^cycle \d+: /, "")];
}

/** Ions in the manifest's order (unknown ones after, alphabetically), the total-ion image last. */
export function ionOrder(ions: string[], manifestOrder: string[]): string[] {
  const rank = (ion: string): number => (ion === "total" ? Infinity : manifestOrder.includes(ion) ? manifestOrder.indexOf(ion) : manifestOrder.length);
  return [...new Set(ions)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
