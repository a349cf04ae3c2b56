import {describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {cyclingSeriesFromTable} from "@operando/lib/echem/series";
import {clockRows, framesOnBothClocks} from "@operando/lib/frames/clock-offset";
import {framesOnCurve} from "@operando/lib/frames/frames-on-curve";

// Rest, CC charge at 1 mA rising 1 V over 900 s, rest (1 s records), on the potentiostat's clock.
function series() {
  const lines = ["time_s,voltage_V,current_mA,mode"];
  for (let t = 0; t <= 1500; t++) {
    if (t <= 100) lines.push(`${t},2.0,0,rest`);
    else if (t <= 1000) lines.push(`${t},${(2 + (t - 100) / 900).toFixed(4)},1,cc`);
    else lines.push(`${t},3.0,0,rest`);
  }
  return cyclingSeriesFromTable(parseCyclingFile(new TextEncoder().encode(lines.join("\n")), "clock.csv", {
    timeZone: "UTC",
    csv: {testTime: {column: "time_s", unit: "s"}, voltage: {column: "voltage_V", unit: "V"}, current: {column: "current_mA", unit: "mA"},
      mode: {column: "mode", values: {rest: "rest", cc: "CC"}}, startTime: "2025-06-02 09:00:00"}
  }));
}

describe("framesOnBothClocks", () => {
  const record = series();
  const t0 = record.unixTimeS[0];
  // SIMS clock 40 s behind the potentiostat: a frame the SIMS stamps t0 + 360 ran at t0 + 400 on the record.
  const frames = [
    {frame: 0, region: "a", startUnixS: t0 + 10, endUnixS: t0 + 50},
    {frame: 1, region: "a", startUnixS: t0 + 360, endUnixS: t0 + 460},
    {frame: 2, region: "a", startUnixS: t0 + 1400, endUnixS: t0 + 1450}
  ];
  const clock = {offsetS: 40, uncertaintyS: 20};

  it("gives each frame's start and end on both clocks and its place on the curve at offset - u, offset, offset + u", () => {
    const report = framesOnBothClocks(record, frames, clock);
    const middle = report.frames[1];
    expect([middle.simsStartUnixS, middle.potentiostatStartUnixS, middle.potentiostatEndUnixS]).toEqual([t0 + 360, t0 + 400, t0 + 500]);
    expect(middle.positions.map((p) => [p.case, p.offsetS])).toEqual([["low", 20], ["nominal", 40], ["high", 60]]);
    // At the nominal offset, the same as placing the shifted frame directly.
    const direct = framesOnCurve(record, [{frame: 1, region: "a", startUnixS: t0 + 400, endUnixS: t0 + 500}])[0];
    expect(middle.positions[1].onCurve!.atMiddle).toEqual(direct.atMiddle);
    // During the CC charge the voltage moves by 1 V / 900 s: +-20 s moves it by 0.022 V.
    const [low, , high] = middle.positions.map((p) => p.onCurve!.atMiddle.voltageV);
    expect(high - low).toBeCloseTo(40 / 900, 3);
    expect(middle.positions[2].onCurve!.atMiddle.stateOfCharge).toBeGreaterThan(middle.positions[0].onCurve!.atMiddle.stateOfCharge);
  });

  it("reports every frame that leaves the record at any of the three offsets, keeping the others", () => {
    const report = framesOnBothClocks(record, frames, clock);
    // Frame 2 ends at t0 + 1450 + 60 > t0 + 1500 at offset + u only; with the SIMS clock ahead by 15 s frame 0 starts before the record.
    expect(report.outside.map((o) => [o.frame, o.case])).toEqual([[2, "high"]]);
    expect(report.outside[0].endUnixS).toBe(t0 + 1510);
    expect(report.frames[2].positions.map((p) => p.onCurve === null)).toEqual([false, false, true]);
    const behind = framesOnBothClocks(record, frames, {offsetS: -15, uncertaintyS: 0});
    expect(behind.outside.map((o) => [o.frame, o.case])).toEqual([[0, "low"], [0, "nominal"], [0, "high"]]);
  });

  it("refuses an offset or uncertainty that is not a finite number (uncertainty >= 0)", () => {
    expect(() => framesOnBothClocks(record, frames, {offsetS: NaN, uncertaintyS: 1})).toThrow(/not a finite number/);
    expect(() => framesOnBothClocks(record, frames, {offsetS: 0, uncertaintyS: -1})).toThrow(/>= 0/);
  });

  it("as rows: both clocks, and state of charge and voltage at the three offsets, NaN where a frame leaves the record", () => {
    const rows = clockRows(framesOnBothClocks(record, frames, clock));
    expect(rows.map((r) => [r.frame, r.sims_start_unix_s - t0, r.potentiostat_start_unix_s - t0])).toEqual([[0, 10, 50], [1, 360, 400], [2, 1400, 1440]]);
    // Frame 1's middle is t0 + 450 on the record: 350 s into the 900 s charge, 2 + 350/900 V; +-20 s on either side.
    expect(rows[1].voltage_v).toBeCloseTo(2 + 350 / 900, 3);
    expect(rows[1].voltage_high_v - rows[1].voltage_low_v).toBeCloseTo(40 / 900, 3);
    expect(rows[1].state_of_charge_high - rows[1].state_of_charge_low).toBeCloseTo(40 / 900, 3);
    expect([rows[2].state_of_charge, rows[2].state_of_charge_high]).toEqual([1, NaN]);
  });
});
