import {describe, expect, it} from "vitest";
import {normaliseTrendRows, type RoiValueRow} from "@operando/lib/roi/trend-normalise";
import {compareSqlRows, type ComparableRow} from "@operando/lib/roi/sql-compare";
import {listText, summariseParticles, type SummaryParticle} from "@operando/lib/run/particle-summary";
import {median} from "@operando/lib/stats/median";
import {compareWithTruth, matchTruthParticles, type TruthParticle} from "@operando/lib/run/particle-truth";

const row = (roi: string, frame: number, counts: number, areaUm2: number, low: number, high: number): RoiValueRow =>
  ({roi, ion: "58Ni+", frame, counts, areaUm2, countsPerUm2: counts / areaUm2, countsPerUm2Low: low / areaUm2, countsPerUm2High: high / areaUm2});

describe("normaliseTrendRows", () => {
  const rows = [row("r1", 0, 100, 10, 80, 120), row("r1", 1, 300, 10, 270, 330), row("r2", 0, 50, 5, 40, 60), row("r2", 1, 25, 5, 18, 32)];
  const observationNames = new Map([[0, "1"], [1, "2"]]);

  it("gives counts/µm² with the interval as stored, named by observation point", () => {
    const out = normaliseTrendRows(rows, "countsPerUm2", {observationNames});
    expect(out[1]).toMatchObject({roi: "r1", frame: 1, observationName: "2", value: 30, low: 27, high: 33});
  });

  it("divides by the frame's total-ion counts, and refuses a frame without them", () => {
    const out = normaliseTrendRows(rows, "totalIonFraction", {observationNames, totalIonCounts: new Map([[0, 1000], [1, 2000]])});
    expect(out[1].value).toBeCloseTo(30 / 2000, 15);
    expect(out[1].high).toBeCloseTo(33 / 2000, 15);
    expect(() => normaliseTrendRows(rows, "totalIonFraction", {observationNames, totalIonCounts: new Map([[0, 1000]])})).toThrow(/frame 1/);
  });

  it("relative to pristine divides each ROI by its own pristine value, which is 1 exactly", () => {
    const out = normaliseTrendRows(rows, "relativeToPristine", {observationNames, pristineFrame: 0});
    expect(out[0]).toMatchObject({value: 1, low: 1, high: 1});
    expect(out[1].value).toBeCloseTo(3, 12);
    expect(out[3].value).toBeCloseTo(0.5, 12);
    expect(out[3].low).toBeLessThan(0.5);
    expect(out[3].high).toBeGreaterThan(0.5);
  });

  it("gives raw counts with the interval scaled back by the area", () => {
    const out = normaliseTrendRows(rows, "counts", {observationNames});
    expect(out[1]).toMatchObject({value: 300});
    expect(out[1].low).toBeCloseTo(270, 10);
  });
});

describe("compareSqlRows", () => {
  const ts: ComparableRow[] = [
    {roi: "a", ion: "x", frame: 0, counts: 10, areaUm2: 2, countsPerUm2: 5, countsPerUm2Low: 2.4, countsPerUm2High: 9.2},
    {roi: "a", ion: "x", frame: 1, counts: 0, areaUm2: 0, countsPerUm2: NaN, countsPerUm2Low: NaN, countsPerUm2High: NaN}
  ];

  it("calls equal rows equal (NaN equal to NaN) and reports the largest interval difference", () => {
    const sql = ts.map((r) => ({...r, countsPerUm2High: r.countsPerUm2High * (1 + 1e-12)}));
    const result = compareSqlRows(ts, [...sql].reverse());
    expect(result.equal).toBe(true);
    expect(result.cells).toBe(2);
    expect(result.maxIntervalRelativeDifference).toBeGreaterThan(0);
    expect(result.maxIntervalRelativeDifference).toBeLessThan(1e-11);
  });

  it("reports a count that differs, a missing cell and an extra one", () => {
    const result = compareSqlRows(ts, [{...ts[0], counts: 11}, {...ts[1], frame: 2}]);
    expect(result.equal).toBe(false);
    expect(result.mismatches.join("\n")).toMatch(/a\|x\|0 counts: 10 vs 11/);
    expect(result.mismatches.join("\n")).toMatch(/a\|x\|1 missing from SQL/);
    expect(result.mismatches.join("\n")).toMatch(/a\|x\|2 only in SQL/);
  });
});

describe("particle summary", () => {
  const particles: SummaryParticle[] = [
    {id: "P1", areaUm2: 10, chargeChangeRelative: 1.5, retainedFraction: 0.1, classification: "reversible"},
    {id: "P2", areaUm2: 20, chargeChangeRelative: 0.5, retainedFraction: 0.05, classification: "reversible"},
    {id: "P3", areaUm2: 30, chargeChangeRelative: 1.2, retainedFraction: 0.9, classification: "irreversible"},
    {id: "P4", areaUm2: 5, chargeChangeRelative: 0.01, retainedFraction: 3, classification: "inactive"}
  ];

  it("counts reacting particles and takes the median and range of their change, without the inactive ones", () => {
    const s = summariseParticles(particles);
    expect(s).toMatchObject({count: 4, reacting: 3, inactive: ["P4"], areaRangeUm2: [5, 30], changeMedian: 1.2, changeRange: [0.5, 1.5]});
    expect(s.irreversible).toEqual([{id: "P3", retainedFraction: 0.9, chargeChangeRelative: 1.2}]);
    expect(s.reversibleRetainedMedian).toBeCloseTo(0.075, 12);
  });

  it("median of an even count averages the middle two; lists read as text", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(listText(["a", "b", "c"])).toBe("a, b and c");
    expect(listText([])).toBe("none");
  });
});

describe("particles against the model's truth", () => {
  // 10 x 4 pixels of 1 um: label 1 on the left 4 columns, label 2 on the right 4 columns.
  const labels = {data: Int32Array.from({length: 40}, (_, i) => (i % 10 < 4 ? 1 : i % 10 >= 6 ? 2 : 0)), width: 10, height: 4};
  const truth: TruthParticle[] = [
    {id: 7, region: "positive", centreUm: [2, 2], radiusUm: 2.5, irreversible: true},
    {id: 8, region: "positive", centreUm: [8, 2], radiusUm: 2.5, irreversible: false},
    {id: 9, region: "positive", centreUm: [5, 2], radiusUm: 0.4, irreversible: true},
    {id: 1, region: "negative", centreUm: [2, 2], radiusUm: 9, irreversible: false}
  ];

  it("matches each label to the disc of its region that holds most of its pixel centres", () => {
    expect(matchTruthParticles(labels, 2, [1, 1], truth, "positive")).toEqual([7, 8]);
    expect(matchTruthParticles(labels, 3, [1, 1], truth.slice(0, 2), "positive")).toEqual([7, 8, null]);
  });

  it("counts the model's irreversible particles found, missed, and false calls", () => {
    const c = compareWithTruth([7, 8], ["irreversible", "irreversible"], truth, "positive");
    expect(c).toEqual({irreversible: [7, 9], found: [7], missed: [9], falseIrreversible: [2], detected: 2, total: 3});
  });
});
