import {describe, expect, it} from "vitest";
import {LoaderError} from "@operando/loaders/errors";
import {CyclingCsvError, CyclingInputError, GamryDtaError, MprError, MptError, parseCyclingFile} from "@operando/loaders/echem/index";
import {readMprModules} from "@operando/loaders/echem/mpr-modules";
import {parseMpr} from "@operando/loaders/echem/mpr";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes, GAMRY_DIR} from "./fixtures.js";

const options = {timeZone: FIXTURE_TIME_ZONE};

function thrown(run: () => unknown): LoaderError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LoaderError);
    const loaderError = error as LoaderError;
    expect(loaderError.message).not.toMatch(/[\r\n]/);
    return loaderError;
  }
  throw new Error("expected a LoaderError, the parser returned a table");
}

const gcplMpr = () => fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_149.mpr`);
const dataModuleOf = (bytes: Uint8Array) => readMprModules(bytes, "x.mpr").find((m) => m.shortName === "VMP data")!;

describe("bad .mpr input gives a one-line MprError naming the file and byte offset", () => {
  it("a truncated file", () => {
    const bytes = gcplMpr().subarray(0, 5000);
    const error = thrown(() => parseCyclingFile(bytes, "cut.mpr", options));
    expect(error).toBeInstanceOf(MprError);
    expect(error.message).toMatch(/^cut\.mpr: BioLogic \.mpr: .*truncated.*\(byte \d+\)$/);
  });

  it("a corrupted module header (length field overwritten)", () => {
    const bytes = gcplMpr();
    const data = dataModuleOf(bytes);
    new DataView(bytes.buffer).setUint32(data.headerOffset + 6 + 35 + 4, 1234, true);
    const error = thrown(() => parseCyclingFile(bytes, "bad-header.mpr", options));
    expect(error).toBeInstanceOf(MprError);
    expect(error.location).toEqual({byteOffset: data.headerOffset});
  });

  it("an unknown column ID names the ID and where it is declared, instead of shifting the next columns", () => {
    const bytes = gcplMpr();
    const data = dataModuleOf(bytes);
    const tenthIdOffset = data.dataOffset + 5 + 2 * 9; // the 10th declared column, replaced by an ID nobody knows
    new DataView(bytes.buffer).setUint16(tenthIdOffset, 0xfe, false);
    const error = thrown(() => parseCyclingFile(bytes, "unknown-id.mpr", options));
    expect(error).toBeInstanceOf(MprError);
    expect(error.message).toContain("unknown column ID 254");
    expect(error.location).toEqual({byteOffset: tenthIdOffset});
  });

  it("a file of another format", () => {
    const gamry = fixtureBytes(`${GAMRY_DIR}cv_data.dta`);
    const error = thrown(() => parseMpr(gamry, "renamed.mpr"));
    expect(error.message).toBe("renamed.mpr: BioLogic .mpr: not a BioLogic modular file (no 'BIO-LOGIC MODULAR FILE' magic) (byte 0)");
    const random = Uint8Array.from({length: 300}, (_, i) => (i * 37 + 11) & 0xff);
    const other = thrown(() => parseCyclingFile(random, "random.mpr", options));
    expect(other).toBeInstanceOf(CyclingInputError);
    expect(other.message).toBe("random.mpr: cycling: not a supported cycling file (BioLogic .mpr or .mpt, Gamry .DTA, or CSV with a column mapping) (byte 0)");
  });

  it("an empty file", () => {
    const error = thrown(() => parseCyclingFile(new Uint8Array(0), "empty.mpr", options));
    expect(error.message).toBe("empty.mpr: cycling: empty file (byte 0)");
  });
});

describe("bad .mpt input gives a one-line MptError with the line", () => {
  const text = () => new TextDecoder("latin1").decode(fixtureBytes(`${BIOLOGIC_DIR}mb.issue_95.mpt`));
  const encode = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

  it("a non-numeric cell names the column and line", () => {
    const lines = text().split("\n");
    lines[99] = lines[99].replace(/\t[^\t]+/, "\tabc");
    const error = thrown(() => parseCyclingFile(encode(lines.join("\n")), "bad-cell.mpt", options));
    expect(error).toBeInstanceOf(MptError);
    expect(error.message).toMatch(/column 'ox\/red': "abc" is not a number \(line 100\)$/);
  });

  it("a row with a missing value", () => {
    const lines = text().split("\n");
    lines[95] = lines[95].split("\t").slice(0, 5).join("\t");
    const error = thrown(() => parseCyclingFile(encode(lines.join("\n")), "short-row.mpt", options));
    expect(error.message).toMatch(/line has 5 values, the header names \d+ columns \(line 96\)$/);
  });

  it("a header count that runs past the end of the file", () => {
    const cut = text().split("\n").slice(0, 40).join("\n");
    const error = thrown(() => parseCyclingFile(encode(cut), "cut.mpt", options));
    expect(error).toBeInstanceOf(MptError);
    expect(error.message).toContain("file ends inside the 93-line header");
  });
});

describe("Gamry and CSV errors", () => {
  it("a Gamry file whose header is cut short has no CURVE table: the error says so", () => {
    const error = thrown(() => parseCyclingFile(fixtureBytes(`${GAMRY_DIR}cv_data_incompleteheader.dta`), "cv_data_incompleteheader.dta", options));
    expect(error).toBeInstanceOf(GamryDtaError);
    expect(error.message).toContain("no CURVE table");
  });

  it("a CSV without a column mapping", () => {
    const error = thrown(() => parseCyclingFile(new TextEncoder().encode("t,v,i\n0,1,2\n"), "run.csv", options));
    expect(error).toBeInstanceOf(CyclingCsvError);
  });
});

describe("local start times need the instrument PC's time zone", () => {
  it("without timeZone the error says a time zone is needed, never guesses", () => {
    const error = thrown(() => parseCyclingFile(gcplMpr(), "gcpl.mpr"));
    expect(error).toBeInstanceOf(CyclingInputError);
    expect(error.message).toContain("2024-01-10T11:02:29.886");
    expect(error.message).toContain("IANA time zone");
  });

  it("an unknown zone name is refused", () => {
    const error = thrown(() => parseCyclingFile(gcplMpr(), "gcpl.mpr", {timeZone: "Mars/Olympus"}));
    expect(error.message).toContain("'Mars/Olympus' is not an IANA time zone name");
  });
});
