import {describe, expect, it} from "vitest";
import {GamryDtaError, parseCyclingFile} from "@operando/loaders/echem/index";
import {fixtureBytes, GAMRY_DIR} from "./fixtures.js";

const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);
const encode = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const options = {timeZone: "America/New_York"};

describe("Gamry tables are parts of one experiment on one clock", () => {
  const cv = latin1(fixtureBytes(`${GAMRY_DIR}cv_data.dta`));
  const lines = cv.split("\n");
  const curve1 = lines.slice(lines.findIndex((l) => l.startsWith("CURVE1\t")), lines.findIndex((l) => l.startsWith("CURVE2\t")));

  it("CURVEn tables whose T continues are read as consecutive segments", () => {
    const time = Array.from(parseCyclingFile(encode(cv), "cv.dta", options).getChild("test_time_second")!.toArray() as Float64Array);
    expect(time.every((t, i) => i === 0 || t >= time[i - 1])).toBe(true);
  });

  it("a table whose time goes back to the start (a second experiment appended) is refused, naming its first data line", () => {
    const appended = [...lines.slice(0, -1), ...curve1.map((l) => l.replace("CURVE1\t", "CURVE6\t")), ""].join("\n");
    const firstDataLine = lines.length - 1 + 4;
    const run = () => parseCyclingFile(encode(appended), "two.dta", options);
    expect(run).toThrow(GamryDtaError);
    expect(run).toThrow(`two.dta: Gamry .DTA: table CURVE6 starts at T = 0.1 s, before the end of table CURVE5 (T = 601.1 s): the file holds two experiments back to back, and Gamry gives no start time per table to place the second (line ${firstDataLine})`);
  });

  it("two tables with one name (one file appended to another) are refused", () => {
    const chronoa = latin1(fixtureBytes(`${GAMRY_DIR}chronoa_data.dta`));
    const body = chronoa.slice(chronoa.indexOf("CURVE\tTABLE"));
    expect(() => parseCyclingFile(encode(chronoa + body), "twice.dta", options)).toThrow(/twice\.dta: Gamry \.DTA: a second table named CURVE: the file holds two experiments back to back \(line \d+\)$/);
  });
});

describe("Gamry point counts", () => {
  it("a point count that is not a whole number is an error quoting it", () => {
    const text = latin1(fixtureBytes(`${GAMRY_DIR}chronoa_data.dta`)).replace("CURVE\tTABLE\t5258", "CURVE\tTABLE\t52x8");
    expect(() => parseCyclingFile(encode(text), "x.dta", options)).toThrow('x.dta: Gamry .DTA: table CURVE: point count "52x8" is not a whole number (line 64)');
  });
});
