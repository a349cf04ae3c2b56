import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseImageFile, sniffImageFormat} from "@operando/loaders/sims/index";
import {LoaderError} from "@operando/loaders/errors";
import {writeAsciiImage} from "@operando/loaders/sims/write-ascii";
import {encodeTiff} from "./tiff-encoder.js";
import {encode, knownImage} from "./helpers.js";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

const fixtures = SHARED_FIXTURES.replace(/\/$/, "");
const filesIn = (dir: string) => readdirSync(join(fixtures, dir)).filter((f) => f !== "SOURCES.md").map((f) => join(dir, f));
const read = (path: string) => new Uint8Array(readFileSync(join(fixtures, path)));

describe("sniffImageFormat", () => {
  it("recognises our text exports by content and extension, TIFF by magic and BIF6 by its magic", () => {
    const text = encode(writeAsciiImage(knownImage(4, 3), {ion: "6Li+"}));
    expect(sniffImageFormat(text, "a/6Li+.txt")).toBe("ascii-image");
    expect(sniffImageFormat(text, "a/6Li+.ASC")).toBe("ascii-image");
    expect(sniffImageFormat(text, "a/6Li+.mpt")).toBeNull();
    expect(sniffImageFormat(encode("x;y;counts\r\n0;0;1\r\n"), "l.csv")).toBe("ascii-image");
    expect(sniffImageFormat(encodeTiff([knownImage(2, 2)], {kind: "uint16"}), "whatever.bin")).toBe("tiff");
    const bif6 = new Uint8Array(12 + 16 + 4);
    bif6.set([0, 0, 0x42, 0x49, 0x46, 0x36, 1, 0, 1, 0, 1, 0]);
    expect(sniffImageFormat(bif6, "x.bif6")).toBe("bif6");
    expect(() => parseImageFile(bif6, "x.bif6")).toThrow(/x\.bif6: bif6: BIF6 is recognised but not read/);
  });

  it.each(filesIn("potentiostat/biologic").concat(filesIn("potentiostat/gamry")))("does not claim the potentiostat file %s", (path) => {
    expect(sniffImageFormat(read(path), path)).toBeNull();
    // Renamed to .txt or .csv, a potentiostat export is still not an image.
    expect(sniffImageFormat(read(path), path + ".txt")).toBeNull();
  });

  it("decides on a long comma-separated row that ends in garbage (a backtracking regex never would)", () => {
    const row = Array.from({length: 2000}, (_, i) => 10 + (i % 90)).join(",") + ",x\n";
    expect(sniffImageFormat(encode(row), "long.csv")).toBeNull();
    expect(sniffImageFormat(encode(row.replace(",x", "")), "long.csv")).toBe("ascii-image");
  });

  it("does not claim a cycler CSV with a title row", () => {
    expect(sniffImageFormat(encode("Test_Time(s),Voltage(V),Current(A)\n0,3.1,0.001\n1,3.2,0.001\n"), "cycler.csv")).toBeNull();
  });

  it.each([
    ["sims/profile/surfacelab73_profile_pos.txt", '"inf" is not a number (line 21)'],
    ["sims/profile/surfacelab73_profile_neg.txt", '"inf" is not a number (line 5)'],
    ["sims/profile/surfacelab_profile_compressed.txt", "counts 0.8192 at pixel 0, 0 are not a non-negative integer (line 6)"],
    ["sims/spectrum/surfacelab_spectrum_N_HEA19_Bi1.txt", '"Channel" is not a number (line 3)']
  ])("rejects the real SurfaceLab export %s with our error, naming the line", (path, problem) => {
    let error: unknown;
    try {
      parseImageFile(read(path), path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoaderError);
    expect((error as LoaderError).message).toBe(`${path}: ascii-image: ${problem}`);
  });

  it("covers every real SurfaceLab fixture", () => {
    expect(filesIn("sims/profile").concat(filesIn("sims/spectrum")).sort()).toEqual([
      "sims/profile/surfacelab73_profile_neg.txt", "sims/profile/surfacelab73_profile_pos.txt",
      "sims/profile/surfacelab_profile_compressed.txt", "sims/spectrum/surfacelab_spectrum_N_HEA19_Bi1.txt"
    ]);
  });
});
