// Mutated and cut real NanoSIMS files: every one gives a table or our NanoSimsError, never another exception,
// and a cut file is always an error naming the byte where it ends, never a shorter image.
import {describe, expect, it} from "vitest";
import {parseNanoSimsFile, readNanoSimsFile, NanoSimsError} from "@operando/loaders/nanosims/index";
import {seededRandom} from "../seeded-random.js";
import {REFERENCE, readFixture} from "./fixtures.js";

const INTERESTING_WORDS = [0, 1, -1, 2, 4, 84, 256, 2306, 4108, 0x7fffffff, -0x80000000, 27, 35];

/** One seeded mutation of the header (where the layout is): flips, overwritten words, inserted or deleted bytes. */
function mutateHeader(bytes: Uint8Array, headerBytes: number, random: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  const kind = pick(4);
  if (kind === 2 || kind === 3) {
    const at = pick(headerBytes);
    const count = 1 + pick(8);
    const insert = kind === 2 ? Uint8Array.from({length: count}, () => pick(256)) : new Uint8Array(0);
    const rest = bytes.subarray(kind === 2 ? at : Math.min(at + count, bytes.length));
    const out = new Uint8Array(at + insert.length + rest.length);
    out.set(bytes.subarray(0, at));
    out.set(insert, at);
    out.set(rest, at + insert.length);
    return out;
  }
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let r = 1 + pick(4); r > 0; r--) {
    if (kind === 0) out[pick(headerBytes)] ^= 1 << pick(8);
    else view.setInt32(4 * pick(headerBytes / 4 - 1), INTERESTING_WORDS[pick(INTERESTING_WORDS.length)], random() < 0.5);
  }
  return out;
}

function tableOrOurError(bytes: Uint8Array, name: string): "table" | "error" {
  try {
    parseNanoSimsFile(bytes, name);
    return "table";
  } catch (error) {
    if (!(error instanceof NanoSimsError)) throw new Error(`raw crash: ${(error as Error)?.stack ?? error}`);
    expect(error.message).not.toMatch(/[\r\n]/);
    return "error";
  }
}

describe.each(REFERENCE)("fuzzing the NanoSIMS reader with $file", (ref) => {
  const bytes = readFixture(ref.file);
  const headerBytes = readNanoSimsFile(bytes, ref.file).header.headerBytes;

  it("60 header mutants each give a table or our NanoSimsError", () => {
    const random = seededRandom(bytes.length);
    const outcomes = {table: 0, error: 0};
    for (let k = 0; k < 60; k++) outcomes[tableOrOurError(mutateHeader(bytes, headerBytes, random), ref.file)]++;
    expect(outcomes.table + outcomes.error).toBe(60);
    expect(outcomes.error).toBeGreaterThan(0);
  });

  it("a file cut anywhere is refused with the byte where it ends, never read as fewer pixels", () => {
    const random = seededRandom(7 * bytes.length);
    const imageBytes = 2 * ref.size[0] * ref.size[1];
    const cuts = [0, 4, 11, 12, 100, headerBytes - 84, headerBytes - 1, headerBytes, headerBytes + 1, headerBytes + imageBytes, bytes.length - 2, bytes.length - 1];
    for (let k = 0; k < 20; k++) cuts.push(Math.floor(random() * bytes.length));
    for (const cut of cuts) {
      expect(() => readNanoSimsFile(bytes.subarray(0, cut), "cut.im"), `cut at ${cut}`).toThrow(
        new RegExp(`^cut\\.im: nanosims: .*(ends at byte|before the 12-byte).* \\(byte ${cut}\\)$`)
      );
    }
  });

  it("bytes after the last image are refused where they begin, not ignored", () => {
    const longer = new Uint8Array(bytes.length + 2 * ref.size[0] * ref.size[1]);
    longer.set(bytes);
    expect(() => readNanoSimsFile(longer, "longer.im")).toThrow(new RegExp(`131072 bytes follow the last image .*\\(byte ${bytes.length}\\)$`));
  });
});

describe("file types and layouts", () => {
  const original = readFixture(REFERENCE[0].file);
  const withInt = (at: number, value: number) => {
    const bytes = original.slice();
    new DataView(bytes.buffer).setInt32(at, value);
    return bytes;
  };

  it.each([
    [35, "a Cameca beam stability/leak current file (type 35), not an image"],
    [21, "a Cameca depth profile file (type 21), not an image"],
    [22, "a Cameca line scan (stage control) file (type 22), not an image"],
    [26, "a Cameca isotopes (spot) file (type 26), not an image"]
  ])("a Cameca file of type %i is refused by name", (type, message) => {
    expect(() => readNanoSimsFile(withInt(4, type), "other.im")).toThrow(`other.im: nanosims: ${message} (byte 4)`);
  });

  const headerBytes = new DataView(original.buffer, original.byteOffset).getInt32(8);
  const edit = (change: (view: DataView, bytes: Uint8Array) => void) => () => {
    const bytes = original.slice();
    change(new DataView(bytes.buffer), bytes);
    return bytes;
  };
  // Mass entries of this file (type 27, version 9) start at byte 452, 192 bytes each, the species name 65 bytes in.
  it.each([
    ["no data", edit((v) => v.setInt32(16, 0)), "the header says the file holds no data (byte 16)"],
    ["a header size too small", edit((v) => v.setInt32(8, 300)), "header size 300 is too small for a Cameca image header (byte 8)"],
    ["no masses", edit((v) => v.setInt32(408, 0)), "0 masses: the mass table of this file version holds 1 to 10 (byte 408)"],
    ["a species name listed twice", edit((_v, b) => b.set(b.subarray(452 + 65, 452 + 65 + 64), 452 + 192 + 65)), 'species "12C" is listed twice in the mass table (byte 709)'],
    ["an empty species name", edit((_v, b) => b.fill(0, 452 + 192 + 65, 452 + 192 + 129)), "has no species name (byte 709)"],
    ["3 bytes per pixel", edit((v) => v.setInt16(headerBytes - 84 + 10, 3)), `3 bytes per pixel: images are 16- or 32-bit (byte ${headerBytes - 74})`],
    ["width 0", edit((v) => v.setInt16(headerBytes - 84 + 6, 0)), `image header width is 0 (byte ${headerBytes - 84})`]
  ])("a header with %s is refused", (_what, make, message) => {
    expect(() => readNanoSimsFile(make(), "bad.im")).toThrow(message);
  });

  it("an image header whose own size is not 84 means an unknown layout, refused at its offset", () => {
    expect(() => readNanoSimsFile(withInt(headerBytes - 84, 96), "odd.im")).toThrow(`(byte ${headerBytes - 84})`);
  });

  it("a SIMS header without its mark 2306 after Anal_param_nano is refused, not read at a guessed place", () => {
    const at = new TextDecoder("latin1").decode(original).indexOf("Anal_param_nano\u0000");
    expect(() => readNanoSimsFile(withInt(at + 1840, 0), "moved.im")).toThrow(/does not start with its mark 2306 \(reads 0\)/);
  });

  it("an image header that disagrees with the mass table on the number of masses is refused", () => {
    const bytes = original.slice();
    new DataView(bytes.buffer).setInt16(headerBytes - 84 + 12, 3);
    expect(() => readNanoSimsFile(bytes, "masses.im")).toThrow("the image header counts 3 masses, the mass table 4");
  });
});
