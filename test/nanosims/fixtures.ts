import {readFileSync} from "node:fs";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

export const NANOSIMS_FIXTURES = `${SHARED_FIXTURES}nanosims/`;

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${NANOSIMS_FIXTURES}${name}`));
}

/** What the reference reader (zanpeeters/sims) gives for the two real files, from `nanosims/SOURCES.md`. */
export const REFERENCE = [
  {
    file: "OpenMIMS_doc_051117_05-32dRe-03b.im",
    species: ["12C", "13C", "12C 14N", "12C 15N"],
    planes: 1,
    size: [256, 256],
    rasterNm: 19991,
    fieldOfViewUm: 19.99,
    totals: {"12C": [427_698_981], "13C": [4_390_461], "12C 14N": [243_351_350], "12C 15N": [1_120_671]} as Record<string, number[]>,
    first12C: [4053, 2847, 3079, 3386, 3462, 3568]
  },
  {
    file: "image sun.im",
    species: ["12C", "16O", "18O", "12C 14N", "12C 15N", "SE"],
    planes: 2,
    size: [256, 256],
    rasterNm: 7011,
    fieldOfViewUm: 7.01,
    totals: {
      "12C": [117_602_633, 121_041_056], "16O": [18_017_979, 15_881_858], "18O": [128_091, 134_215],
      "12C 14N": [29_613_869, 23_781_089], "12C 15N": [156_701, 132_490], "SE": [184_834_934, 178_655_777]
    } as Record<string, number[]>,
    first12C: [2047, 6, 2, 3, 2, 3]
  }
];

/** Sums of `counts` per `ion` and `frame` of a long image table, read row by row (independent of its batches). */
export function totalsByIonAndFrame(table: {numRows: number; getChild(name: string): {get(i: number): unknown} | null}): Record<string, number[]> {
  const ion = table.getChild("ion")!;
  const frame = table.getChild("frame")!;
  const counts = table.getChild("counts")!;
  const totals: Record<string, number[]> = {};
  for (let i = 0; i < table.numRows; i++) {
    const perFrame = (totals[ion.get(i) as string] ??= []);
    const f = Number(frame.get(i));
    perFrame[f] = (perFrame[f] ?? 0) + Number(counts.get(i));
  }
  return totals;
}
