// Figure 1(d)'s capacity tables on a real BioLogic record: the instrument's charges in the run's unit.
import {describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {cyclingSeriesFromTable} from "@operando/lib/echem/series";
import {chargeUnitFor} from "@operando/lib/echem/charge-unit";
import {cycleCapacityRows, stepPartRows} from "@operando/lib/echem/capacity-tables";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes} from "./fixtures.js";

const series = cyclingSeriesFromTable(parseCyclingFile(fixtureBytes(`${BIOLOGIC_DIR}bcd.issue_241.mpr`), "bcd.issue_241.mpr", {timeZone: FIXTURE_TIME_ZONE}));

describe("the capacity tables", () => {
  it("give each cycle that stored charge in the unit the headings name, its charge less its discharge irreversible", () => {
    const unit = chargeUnitFor(Math.max(...series.cycleChargeCapacityAh));
    const rows = cycleCapacityRows(series, unit);
    expect(rows.length).toBeGreaterThan(0);
    const [charge, discharge, irreversible] = ["charge", "discharge", "irreversible"].map((name) => `${name} (${unit.symbol})`);
    for (const row of rows) {
      expect(row[charge]).toBeGreaterThan(0);
      expect(row[irreversible]).toBeCloseTo(row[charge] - row[discharge], 9);
      expect(row["Coulombic efficiency (%)"]).toBeCloseTo((100 * row[discharge]) / row[charge], 9);
    }
  });

  it("split each charge and discharge step into CC and CV parts, with no rest step and times in the unit the headings name", () => {
    const unit = chargeUnitFor(Math.max(...series.cycleChargeCapacityAh));
    const rows = stepPartRows(series, unit);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.direction === "charge" || row.direction === "discharge")).toBe(true);
    const timeColumn = Object.keys(rows[0]).find((key) => key.startsWith("CC time"))!;
    expect(timeColumn).toMatch(/^CC time \((h|min)\)$/);
    const longest = Math.max(...rows.map((row) => (row[timeColumn] as number) + (row[timeColumn.replace("CC", "CV")] as number)));
    // Hours when a step lasts 2 h or more, else minutes.
    expect(timeColumn.endsWith("(h)") ? longest >= 2 : longest < 120).toBe(true);
  });
});
