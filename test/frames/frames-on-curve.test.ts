import {describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {cyclingSeriesFromTable, type CyclingSeries} from "@operando/lib/echem/series";
import {OutsideRecordError} from "@operando/lib/echem/errors";
import {framesOnCurve, FrameOutsideRecordError} from "@operando/lib/frames/frames-on-curve";
import {readFileSync} from "node:fs";
import {tableFromArrays} from "apache-arrow";
import {frameTimesFromTable} from "@operando/lib/frames/frame-times";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

const GCPL = `${SHARED_FIXTURES}potentiostat/biologic/gcpl.issue_149.mpr`;

function gcplSeries(): CyclingSeries {
  return cyclingSeriesFromTable(parseCyclingFile(new Uint8Array(readFileSync(GCPL)), "gcpl.issue_149.mpr", {timeZone: "Europe/Zurich"}));
}

// A known cell, written as a cycler CSV: rest, CC charge at 1 mA, CV hold, rest, CC discharge, rest (1 s records).
function paperLikeSeries(): CyclingSeries {
  const lines = ["time_s,voltage_V,current_mA,mode"];
  for (let t = 0; t <= 3500; t++) {
    if (t <= 100) lines.push(`${t},2.0,0,rest`);
    else if (t <= 1000) lines.push(`${t},${(2 + (t - 100) / 900).toFixed(4)},1,cc`);
    else if (t <= 1500) lines.push(`${t},3.0,${(1 - (t - 1000) / 600).toFixed(5)},cv`);
    else if (t <= 2000) lines.push(`${t},2.95,0,rest`);
    else if (t <= 2900) lines.push(`${t},${(2.9 - (t - 2000) / 1000).toFixed(4)},-1,cc`);
    else lines.push(`${t},2.1,0,rest`);
  }
  const table = parseCyclingFile(new TextEncoder().encode(lines.join("\n")), "paper-like.csv", {
    timeZone: "Asia/Tokyo",
    csv: {
      testTime: {column: "time_s", unit: "s"}, voltage: {column: "voltage_V", unit: "V"}, current: {column: "current_mA", unit: "mA"},
      mode: {column: "mode", values: {rest: "rest", cc: "CC", cv: "CV"}}, startTime: "2025-06-02 09:00:00"
    }
  });
  return cyclingSeriesFromTable(table);
}

describe("frames on the cycling curve", () => {
  const series = paperLikeSeries();
  const t0 = series.unixTimeS[0];
  const frame = (index: number, fromS: number, toS: number, region = "positive") => ({frame: index, region, startUnixS: t0 + fromS, endUnixS: t0 + toS});

  it("the CSV start time is read in the given zone (09:00 in Tokyo is 00:00 UTC)", () => {
    expect(new Date(t0 * 1000).toISOString()).toBe("2025-06-02T00:00:00.000Z");
  });

  it("names observation points as the paper does: pristine, charging n, charged (after the CV hold), discharging n, discharged", () => {
    const frames = [frame(0, 10, 90), frame(1, 300, 400), frame(2, 700, 800), frame(3, 1200, 1300), frame(4, 1600, 1900), frame(5, 2300, 2400), frame(6, 3000, 3400)];
    const placed = framesOnCurve(series, [...frames, ...frames.map((f) => ({...f, region: "negative"}))]);
    expect(placed.slice(0, 7).map((f) => f.name)).toEqual(["pristine", "charging 1", "charging 2", "charging 3", "charged", "discharging 1", "discharged"]);
    expect(placed.slice(7).map((f) => f.name)).toEqual(placed.slice(0, 7).map((f) => f.name));
  });

  it("gives state of charge, voltage and the capacity passed at a frame's start, middle and end", () => {
    const [charging, charged] = framesOnCurve(series, [frame(1, 300, 400), frame(4, 1600, 1900)]);
    // Charge stored by the end: 900 s at 1 mA plus the CV hold's decaying current.
    const fullAh = (900 + (500 - (500 * 500) / 1200)) / 3600 / 1000;
    expect(charging.atStart.voltageV).toBeCloseTo(2 + 200 / 900, 3);
    expect(charging.atMiddle.voltageV).toBeCloseTo(2 + 250 / 900, 3);
    expect(charging.capacityPassedAh).toBeCloseTo(100 / 3600 / 1000, 12);
    expect(charging.atEnd.stateOfCharge).toBeCloseTo((299.5 / 3600 / 1000) / fullAh, 3);
    expect(charged.atMiddle.stateOfCharge).toBeCloseTo(1, 9);
    expect(charged.capacityPassedAh).toBe(0);
  });

  it("a frame whose times fall outside the cycling record is an error that says so", () => {
    const late = frame(9, 3400, 3600);
    expect(() => framesOnCurve(series, [late])).toThrow(FrameOutsideRecordError);
    expect(() => framesOnCurve(series, [late])).toThrow(OutsideRecordError);
    expect(() => framesOnCurve(series, [late])).toThrow(/^frame 9 \(positive\), acquired .* lies outside the cycling record/);
    expect(() => framesOnCurve(series, [frame(0, -5, 10)])).toThrow(FrameOutsideRecordError);
  });
});

describe("frames on a real GCPL record (4 cycles, no rest after charge)", () => {
  const series = gcplSeries();
  const at = (i: number) => series.unixTimeS[i];

  it("numbers points per cycle and names cycle 2 on", () => {
    const frames = [
      {frame: 0, startUnixS: at(1), endUnixS: at(9)},
      {frame: 1, startUnixS: at(12), endUnixS: at(15)},
      {frame: 2, startUnixS: at(16), endUnixS: at(20)},
      {frame: 3, startUnixS: at(24), endUnixS: at(30)},
      {frame: 4, startUnixS: at(34), endUnixS: at(42)},
      {frame: 5, startUnixS: at(46), endUnixS: at(52)}
    ];
    const placed = framesOnCurve(series, frames);
    expect(placed.map((f) => f.name)).toEqual(["pristine", "charging 1", "charging 2", "discharging 1", "discharged", "cycle 2: charging 1"]);
    expect(placed[1].capacityPassedAh).toBeCloseTo(series.storedChargeAh[15] - series.storedChargeAh[12], 15);
    expect(placed[3].capacityPassedAh).toBeLessThan(0);
    expect(placed[4].atMiddle.cycle).toBe(1);
  });
});

describe("frame times from the frames table", () => {
  it("reads frame, region and UTC times and places them like hand-made ones", () => {
    const series = gcplSeries();
    const t = series.unixTimeS;
    const table = tableFromArrays({
      run: ["x", "x"], region: ["positive", "negative"], frame: Int32Array.from([0, 0]), label: ["", ""],
      start_unix_s: Float64Array.from([t[1], t[1]]), end_unix_s: Float64Array.from([t[9], t[9]])
    });
    const frames = frameTimesFromTable(table);
    expect(frames).toEqual([
      {frame: 0, region: "positive", startUnixS: t[1], endUnixS: t[9]},
      {frame: 0, region: "negative", startUnixS: t[1], endUnixS: t[9]}
    ]);
    expect(framesOnCurve(series, frames).map((f) => f.name)).toEqual(["pristine", "pristine"]);
  });
});
