// The comparison of the SQL and TypeScript ROI trends, cell by cell.
import type {RoiTrendRow} from "./trend.js";

/** The fields of lib/roi's RoiTrendRow that both paths give. */
export type ComparableRow = Pick<RoiTrendRow, "roi" | "ion" | "frame" | "counts" | "areaUm2" | "countsPerUm2" | "countsPerUm2Low" | "countsPerUm2High">;

export interface Comparison {
  cells: number;
  equal: boolean;
  /** Largest relative difference of an interval bound (the registration term differs in summation order). */
  maxIntervalRelativeDifference: number;
  mismatches: string[];
}

const sameNumber = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Counts, areas and counts/µm² must be equal exactly, interval bounds to 1e-6 relative, and no cell missing. */
export function compareSqlRows(typescript: ComparableRow[], sql: ComparableRow[]): Comparison {
  const key = (r: ComparableRow) => `${r.roi}|${r.ion}|${r.frame}`;
  const bySql = new Map(sql.map((r) => [key(r), r]));
  const mismatches: string[] = [];
  let maxRelative = 0;
  for (const row of typescript) {
    const other = bySql.get(key(row));
    if (!other) {
      mismatches.push(`${key(row)} missing from SQL`);
      continue;
    }
    bySql.delete(key(row));
    for (const field of ["counts", "areaUm2", "countsPerUm2"] as const) {
      if (!sameNumber(row[field], other[field])) mismatches.push(`${key(row)} ${field}: ${row[field]} vs ${other[field]}`);
    }
    for (const field of ["countsPerUm2Low", "countsPerUm2High"] as const) {
      const [a, b] = [row[field], other[field]];
      if (sameNumber(a, b)) continue;
      const relative = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
      maxRelative = Math.max(maxRelative, relative);
      if (!(relative <= 1e-6)) mismatches.push(`${key(row)} ${field}: ${a} vs ${b}`);
    }
  }
  for (const extra of bySql.keys()) mismatches.push(`${extra} only in SQL`);
  return {cells: typescript.length, equal: mismatches.length === 0, maxIntervalRelativeDifference: maxRelative, mismatches};
}
