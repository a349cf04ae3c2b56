import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {CAMECA_FILE_TYPES, IMAGE_LAYOUTS, sniffNanoSims} from "@operando/loaders/nanosims/index";
import {SHARED_FIXTURES} from "../shared-fixtures.js";
import {REFERENCE, readFixture} from "./fixtures.js";

const potentiostatFiles = ["biologic", "gamry"].flatMap((dir) =>
  readdirSync(join(SHARED_FIXTURES, "potentiostat", dir)).map((f) => join(SHARED_FIXTURES, "potentiostat", dir, f))
);

describe("sniffNanoSims", () => {
  it("claims a real .im file by its content, whatever its name", () => {
    for (const ref of REFERENCE) expect(sniffNanoSims(readFixture(ref.file), "renamed.bin")).toBe(true);
  });

  it("claims any .im name, so that the reader's error says what is wrong with it", () => {
    expect(sniffNanoSims(new TextEncoder().encode("not an image"), "notes.IM")).toBe(true);
  });

  it.each(potentiostatFiles)("does not claim the potentiostat file %s", (path) => {
    expect(sniffNanoSims(new Uint8Array(readFileSync(path)), path)).toBe(false);
  });
});

describe("the file-type table", () => {
  it("names every image type it has a layout for", () => {
    for (const code of IMAGE_LAYOUTS.keys()) expect(CAMECA_FILE_TYPES.get(code)).toMatch(/image/);
    expect([...CAMECA_FILE_TYPES.entries()].filter(([, name]) => / image$|^image$/.test(name)).map(([code]) => code)).toEqual([...IMAGE_LAYOUTS.keys()]);
  });
});
