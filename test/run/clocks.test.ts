// The two-clocks page's numbers on the one-cycle record (a 900 s charge at 1 mA from 100 s to 1000 s, the
// record ending at 2000 s): how far the offset's uncertainty moves each frame, and which frames it moves off.
import {describe, expect, it} from "vitest";
import {clockComparison, manifestClocks} from "@operando/lib/run/clocks";
import {framesTable, oneCycleRecord} from "./small-run.js";

describe("manifestClocks", () => {
  it("takes the potentiostat's own zone and the stated offset and its uncertainty", () => {
    expect(manifestClocks({timeZone: "Europe/Berlin", potentiostat: {timeZone: "UTC", clockOffsetS: -12, clockOffsetUncertaintyS: 3}}))
      .toEqual({simsTimeZone: "Europe/Berlin", potentiostatTimeZone: "UTC", offsetS: -12, offsetStated: true, statedUncertaintyS: 3});
  });

  it("reads the potentiostat's clock in the run's zone and applies no offset when the manifest states none", () => {
    expect(manifestClocks({timeZone: "Europe/Berlin", potentiostat: {}}))
      .toEqual({simsTimeZone: "Europe/Berlin", potentiostatTimeZone: "Europe/Berlin", offsetS: 0, offsetStated: false, statedUncertaintyS: undefined});
  });
});

describe("clockComparison", () => {
  // Listed out of time order: at rest before charging, during the charge, and at the end of the record.
  const frames = framesTable([{region: "a", frame: 1, fromS: 500, toS: 600}, {region: "a", frame: 0, fromS: 40, toS: 80}, {region: "a", frame: 2, fromS: 1950, toS: 1990}]);
  const comparison = clockComparison(oneCycleRecord(), frames, {offsetS: 0, uncertaintyS: 30});

  it("gives every frame in the order the SIMS clock started them", () => {
    expect(comparison.rows.map((r) => r.frame)).toEqual([0, 1, 2]);
  });

  it("moves a frame taken during the charge by the current times u over the charge, and one at rest not at all", () => {
    // 30 s of a 900 s charge at constant current.
    expect(comparison.largestStateOfChargeShift).toBeCloseTo(30 / 900, 3);
    expect(comparison.rows[0].state_of_charge_high - comparison.rows[0].state_of_charge).toBe(0);
  });

  it("counts the frames that u moves off the record, which have no state of charge there", () => {
    expect(comparison.framesOutside).toBe(1);
    expect(comparison.rows[2].state_of_charge_high).toBeNaN();
    expect(clockComparison(oneCycleRecord(), frames, {offsetS: 0, uncertaintyS: 5}).framesOutside).toBe(0);
  });
});
