import {describe, expect, it} from "vitest";
import {scanNumber} from "@operando/loaders/echem/text-numbers";

const POINT = 46;
const COMMA = 44;

function read(text: string, decimalMark = POINT): number {
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  return scanNumber(bytes, 0, bytes.length, decimalMark, new Int32Array(1));
}

// Digits whose sum passes 2^53 = 9007199254740992 on its last digit, where doubles are the even integers.
const NEAR_2_POW_53 = [
  "9007199254740991", "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
  "0.9007199254740993", "0.90071992547409930", "9.007199254740993E-001", "9.007199254740994E-001",
  "18014398509481982", "18014398509481983", "18014398509481984", "18014398509481985"
];

describe("numbers in text are read as Number() reads them", () => {
  it.each(NEAR_2_POW_53)("%s (digits near 2^53)", (text) => {
    expect(Object.is(read(text), Number(text))).toBe(true);
  });

  it("EC-Lab's 16-digit values above 2^53, odd or even last digit, with either decimal mark", () => {
    for (const text of ["9.920918406380549E-004", "9.920918406380548E-004", "-9.999999999999999E+003", "9.500000000000000E-022"]) {
      expect(Object.is(read(text), Number(text)), text).toBe(true);
      expect(Object.is(read(text.replace(".", ","), COMMA), Number(text)), `${text} with a comma`).toBe(true);
    }
  });
});
