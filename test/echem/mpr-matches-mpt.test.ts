import {readdirSync} from "node:fs";
import {describe, expect, it} from "vitest";
import type * as arrow from "apache-arrow";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes, MPR_STEMS} from "./fixtures.js";

function parse(name: string): arrow.Table {
  return parseCyclingFile(fixtureBytes(BIOLOGIC_DIR + name), name, {timeZone: FIXTURE_TIME_ZONE});
}

// float32 precision: the .mpr stores many quantities as float32, the .mpt prints them with 8 digits.
function expectSameAtFloat32(binary: ArrayLike<number>, text: ArrayLike<number>, label: string) {
  expect(binary.length, label).toBe(text.length);
  for (let i = 0; i < binary.length; i++) {
    const a = binary[i];
    const b = text[i];
    const tolerance = 2 ** -22 * Math.max(Math.abs(a), Math.abs(b)) + 1e-30;
    if (!(Math.abs(a - b) <= tolerance)) expect.fail(`${label} row ${i}: .mpr ${a} vs .mpt ${b}`);
  }
}

describe("every .mpr agrees with the .mpt EC-Lab exported from it", () => {
  it.each(MPR_STEMS)("%s: same rows, every shared column equal to float32 precision", (stem) => {
    const binary = parse(`${stem}.mpr`);
    const text = parse(`${stem}.mpt`);
    expect(binary.numRows).toBeGreaterThan(0);
    expect(binary.numRows).toBe(text.numRows);
    const textNames = new Set(text.schema.fields.map((f) => f.name));
    const shared = binary.schema.fields.map((f) => f.name).filter((n) => textNames.has(n) && n !== "control_mode");
    expect(shared.length).toBeGreaterThan(13);
    for (const name of shared) {
      expectSameAtFloat32(binary.getChild(name)!.toArray() as ArrayLike<number>, text.getChild(name)!.toArray() as ArrayLike<number>, `${stem} ${name}`);
    }
    expect(binary.getChild("control_mode")!.toArray()).toEqual(text.getChild("control_mode")!.toArray());
    for (const field of binary.schema.fields) {
      if (textNames.has(field.name)) expect(field.metadata.get("unit"), field.name).toBe(text.schema.fields.find((f) => f.name === field.name)!.metadata.get("unit"));
    }
    expect(binary.schema.metadata.get("start_time_utc")).toBe(text.schema.metadata.get("start_time_utc"));
    expect(binary.schema.metadata.get("software_version")).toBe(text.schema.metadata.get("software_version"));
    expect(binary.schema.metadata.get("technique")).toBe(text.schema.metadata.get("technique"));
  });

  it("keeps every .mpr column: the .mpt has only EC-Lab's derived columns in addition", () => {
    const binary = parse("gcpl.issue_149.mpr");
    const text = parse("gcpl.issue_149.mpt");
    const textNames = new Set(text.schema.fields.map((f) => f.name));
    expect(binary.schema.fields.map((f) => f.name).filter((n) => !textNames.has(n))).toEqual([]);
  });
});

describe("the pairs compared are every pair in the fixtures folder", () => {
  it("each .mpr there has its .mpt and is in MPR_STEMS", () => {
    const files = readdirSync(BIOLOGIC_DIR);
    const stems = files.filter((f) => f.endsWith(".mpr")).map((f) => f.slice(0, -4)).sort();
    expect(stems).toEqual([...MPR_STEMS].sort());
    for (const stem of stems) expect(files, stem).toContain(`${stem}.mpt`);
  });
});

describe(".mpt with decimal comma", () => {
  it("the .de.mpt gives the same table as its .mpt", () => {
    const point = parse("mb.issue_95.mpt");
    const comma = parse("mb.issue_95.de.mpt");
    expect(comma.schema.fields.map((f) => f.name)).toEqual(point.schema.fields.map((f) => f.name));
    for (const field of point.schema.fields) {
      expect(Array.from(comma.getChild(field.name)!.toArray() as ArrayLike<unknown>), field.name).toEqual(Array.from(point.getChild(field.name)!.toArray() as ArrayLike<unknown>));
    }
  });
});
