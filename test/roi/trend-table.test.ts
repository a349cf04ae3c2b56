import {tableFromIPC, tableToIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {roiTrendRowsFromTable, roiTrendTable} from "@operando/lib/roi/trend-table";
import type {RoiTrendRow} from "@operando/lib/roi/trend";

const row = (roi: string, frame: number, counts: number, areaUm2: number): RoiTrendRow => ({
  roi, region: "positive", ion: "58Ni+", frame, counts, areaUm2,
  countsPerUm2: areaUm2 > 0 ? counts / areaUm2 : NaN, countsPerUm2Low: areaUm2 > 0 ? (counts - 3) / areaUm2 : NaN, countsPerUm2High: areaUm2 > 0 ? (counts + 3) / areaUm2 : NaN,
  driftXPx: 0.25, driftYPx: -1.5, driftSdPx: 0.05, registrationSdCounts: 1.2
});

describe("the ROI trend table (npm run roi, the build's roi-trends, every download)", () => {
  it("has one schema, snake_case with units, empty masks as nulls, and reads back to the same rows", () => {
    const rows = [row("region 1", 0, 120, 12.5), row("outside", 0, 0, 0)];
    const table = tableFromIPC(tableToIPC(roiTrendTable(rows), "stream"));
    expect(table.schema.fields.map((f) => f.name)).toEqual(["roi", "region", "ion", "frame", "counts", "area_um2", "counts_per_um2",
      "counts_per_um2_low", "counts_per_um2_high", "drift_x_px", "drift_y_px", "drift_sd_px", "registration_sd_counts"]);
    expect(table.getChild("counts_per_um2")!.get(1)).toBeNull();
    const back = roiTrendRowsFromTable(table);
    expect(back).toEqual(rows);
    expect(() => roiTrendRowsFromTable(tableFromIPC(tableToIPC(roiTrendTable([]).select(["roi"]), "stream")))).toThrow('the ROI trend table has no "region" column');
  });
});
