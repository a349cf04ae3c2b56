import {describe, expect, it} from "vitest";
import {LoaderError} from "@operando/loaders/errors";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {seededRandom, seedOf} from "../seeded-random.js";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes, GAMRY_DIR} from "./fixtures.js";


function mutate(original: Uint8Array, next: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(next() * n);
  const kind = pick(4);
  if (kind === 0) {
    const bytes = original.slice();
    for (let k = 1 + pick(4); k > 0; k--) bytes[pick(bytes.length)] ^= 1 << pick(8);
    return bytes;
  }
  if (kind === 1) return original.slice(0, pick(original.length));
  const at = pick(original.length);
  const count = 1 + pick(8);
  if (kind === 2) {
    const inserted = Uint8Array.from({length: count}, () => pick(256));
    return Uint8Array.from([...original.subarray(0, at), ...inserted, ...original.subarray(at)]);
  }
  return Uint8Array.from([...original.subarray(0, at), ...original.subarray(at + count)]);
}

const FILES = [
  `${BIOLOGIC_DIR}gcpl.issue_149.mpr`, `${BIOLOGIC_DIR}mb.issue_95.mpr`, `${BIOLOGIC_DIR}cp.mpr`,
  `${BIOLOGIC_DIR}gcpl.issue_149.mpt`, `${BIOLOGIC_DIR}mb.issue_95.de.mpt`, `${GAMRY_DIR}chronoa_de_data.dta`, `${GAMRY_DIR}cv_data.dta`
];

describe("fuzzing with mutated fixtures", () => {
  it.each(FILES)("%s: every mutation returns a table or throws our LoaderError", (path) => {
    const original = fixtureBytes(path);
    const name = path.split("/").pop()!;
    const next = seededRandom(seedOf(name));
    let tables = 0;
    let errors = 0;
    for (let trial = 0; trial < 80; trial++) {
      const bytes = mutate(original, next);
      try {
        const table = parseCyclingFile(bytes, name, {timeZone: FIXTURE_TIME_ZONE});
        expect(table.numCols).toBeGreaterThan(12);
        tables++;
      } catch (error) {
        if (!(error instanceof LoaderError)) throw new Error(`trial ${trial}: raw ${(error as Error).stack}`);
        expect(error.message).not.toMatch(/[\r\n]/);
        errors++;
      }
    }
    // Every mutant gave a table or our error (anything else throws above); the reader also refused some.
    expect(errors).toBeGreaterThan(0);
  });
});

describe("fuzzing the CSV reader with a mutated cycler export", () => {
  it("every mutation returns a table or throws our LoaderError", () => {
    const lines = ["time_s;voltage_V;current_mA;step"];
    for (let t = 0; t < 200; t++) lines.push(`${t};${(3 + t / 1000).toFixed(4).replace(".", ",")};${t < 100 ? "1,5" : "-1,5"};${t < 100 ? 1 : 2}`);
    const original = new TextEncoder().encode(lines.join("\r\n"));
    const csv = {testTime: {column: "time_s", unit: "s" as const}, voltage: {column: "voltage_V", unit: "V" as const}, current: {column: "current_mA", unit: "mA" as const},
      step: "step", delimiter: ";" as const, decimalMark: "," as const, startTime: "2025-06-02 09:00:00"};
    const next = seededRandom(0xc5f);
    for (let trial = 0; trial < 150; trial++) {
      try {
        parseCyclingFile(mutate(original, next), "cycler.csv", {timeZone: FIXTURE_TIME_ZONE, csv});
      } catch (error) {
        if (!(error instanceof LoaderError)) throw new Error(`trial ${trial}: raw ${(error as Error).stack}`);
      }
    }
  });
});
