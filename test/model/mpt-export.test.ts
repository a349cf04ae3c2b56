import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {encodeWindows1252, formatEcLab, GCPL_COLUMNS} from "@operando/lib/model/mpt-export";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

const FIXTURE = `${SHARED_FIXTURES}potentiostat/biologic/gcpl.issue_149.mpt`;

describe("the EC-Lab GCPL text writer", () => {
  it("writes the column set of a real EC-Lab v11.50 GCPL export", () => {
    const text = new TextDecoder("windows-1252").decode(readFileSync(FIXTURE));
    const lines = text.split(/\r?\n/);
    const headerLines = Number(/Nb header lines : (\d+)/.exec(text)![1]);
    const columns = lines[headerLines - 1].split("\t").filter((c) => c !== "");
    expect([...GCPL_COLUMNS]).toEqual(columns);
  });

  it("formats numbers in EC-Lab's %E layout with a three-digit exponent", () => {
    expect(formatEcLab(0.12, 7)).toBe("1.2000000E-001");
    expect(formatEcLab(0, 7)).toBe("0.0000000E+000");
    expect(formatEcLab(-3.0000001e-2, 7)).toBe("-3.0000001E-002");
    expect(formatEcLab(30.15299923827115, 15)).toBe("3.015299923827115E+001");
    expect(formatEcLab(6.092006547583474e-10, 15)).toBe("6.092006547583474E-010");
  });

  it("encodes µ, ² and ³ as single Windows-1252 bytes and refuses characters EC-Lab cannot write", () => {
    expect([...encodeWindows1252("µA cm² cm³")]).toEqual([0xb5, 0x41, 0x20, 0x63, 0x6d, 0xb2, 0x20, 0x63, 0x6d, 0xb3]);
    expect(() => encodeWindows1252("Ω")).toThrow(RangeError);
  });
});
