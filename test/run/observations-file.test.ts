// observations.json: the frames of a run on its cycling record, written by the build and read by the pages.
import {describe, expect, it} from "vitest";
import {observationsFromJson, observationsJson} from "@operando/lib/run/observations-file";

describe("observations.json", () => {
  it("reads back every field the build wrote, a NaN state of charge included", () => {
    const observations = [{
      frame: 3, region: "positive", cycle: 2, phase: "charging" as const, ordinal: 1, name: "cycle 2: charging 1", startUnixS: 10, endUnixS: 70.5, capacityPassedAh: -2.5e-7,
      atStart: {unixTimeS: 10, voltageV: 3.9, currentA: 1e-6, controlMode: "CC" as const, cycle: 2, capacityAh: 1e-6, stateOfCharge: Number.NaN},
      atMiddle: {unixTimeS: 40, voltageV: Number.POSITIVE_INFINITY, currentA: 0, controlMode: "rest" as const, cycle: 2, capacityAh: 0, stateOfCharge: 0.25},
      atEnd: {unixTimeS: 70.5, voltageV: 4, currentA: -1e-6, controlMode: "CV" as const, cycle: 2, capacityAh: Number.NEGATIVE_INFINITY, stateOfCharge: 1},
      curvePosition: {cycle: 2, direction: "discharge" as const, capacityAh: 3e-7, voltageV: Number.NaN}
    }];
    const text = observationsJson(observations);
    expect(text).toContain('"stateOfCharge":"NaN"');
    expect(observationsFromJson(text, "observations.json")).toEqual(observations);
  });

  it("keeps a string field that reads like a non-finite number a string", () => {
    const [read] = observationsFromJson('[{"frame":0,"region":"NaN","name":"Infinity"}]', "observations.json");
    expect(read).toEqual({frame: 0, region: "NaN", name: "Infinity"});
  });

  it("names the file when its text is not a list, or not JSON", () => {
    expect(() => observationsFromJson('{"frame":0}', "runs/x/observations.json")).toThrow("runs/x/observations.json: not a list of observation points");
    expect(() => observationsFromJson('[{"frame":0}', "runs/x/observations.json")).toThrow(/^runs\/x\/observations.json: not JSON/);
  });
});
