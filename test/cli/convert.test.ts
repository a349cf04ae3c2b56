// `npm run convert -- <input> <output>`: the stable command line that users' scripts call.
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {afterAll, describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {writeAsciiImage} from "@operando/loaders/sims/write-ascii";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

const folder = mkdtempSync(join(tmpdir(), "convert-"));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

const mpr = `${SHARED_FIXTURES}potentiostat/biologic/gcpl.issue_149.mpr`;

function convert(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/convert.ts", ...args], {encoding: "utf-8"});
  return {status: result.status, stderr: result.stderr.trim()};
}

describe("npm run convert", () => {
  const expected = parseCyclingFile(new Uint8Array(readFileSync(mpr)), mpr, {timeZone: "Europe/Zurich"});

  it("writes an Arrow IPC stream with every record of a BioLogic .mpr", () => {
    const output = join(folder, "gcpl.arrow");
    expect(convert(mpr, output, "--time-zone", "Europe/Zurich").status).toBe(0);
    const table = tableFromIPC(readFileSync(output));
    expect(table.numRows).toBe(expected.numRows);
    expect(Array.from(table.getChild("voltage_volt")!.toArray())).toEqual(Array.from(expected.getChild("voltage_volt")!.toArray()));
  });

  it("writes Parquet that reads back with the same rows and columns", () => {
    const output = join(folder, "gcpl.parquet");
    expect(convert(mpr, output, "--time-zone", "Europe/Zurich").status).toBe(0);
    const table = tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync(output))).intoIPCStream());
    expect(table.numRows).toBe(expected.numRows);
    expect(table.schema.fields.map((f) => f.name)).toEqual(expected.schema.fields.map((f) => f.name));
  });

  it("writes CSV with a header and one line per record", () => {
    const output = join(folder, "gcpl.csv");
    expect(convert(mpr, output, "--time-zone", "Europe/Zurich").status).toBe(0);
    const lines = readFileSync(output, "utf-8").trimEnd().split("\n");
    expect(lines.length).toBe(expected.numRows + 1);
    expect(lines[0].split(",")[0]).toBe("record_index");
  });

  it("converts a single ion image export", () => {
    const input = join(folder, "58Ni+.txt");
    writeFileSync(input, writeAsciiImage({data: [0, 3, 1, 7, 2, 5], width: 3, height: 2}, {ion: "58Ni+", fieldOfViewUm: [3, 2]}));
    const output = join(folder, "58Ni+.arrow");
    expect(convert(input, output).status).toBe(0);
    const table = tableFromIPC(readFileSync(output));
    expect(Array.from(table.getChild("counts")!.toArray(), Number)).toEqual([0, 3, 1, 7, 2, 5]);
  });

  it("on a truncated file prints one line naming the file and the byte offset, exits 1 and writes nothing", () => {
    const input = join(folder, "truncated.mpr");
    writeFileSync(input, readFileSync(mpr).subarray(0, 9000));
    const output = join(folder, "truncated.arrow");
    const {status, stderr} = convert(input, output, "--time-zone", "Europe/Zurich");
    expect(status).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`^error: ${input.replace(/[.+]/g, "\\$&")}: .*byte \\d+`));
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.includes("partial"))).toEqual([]);
  });

  it("on a file of no known format says so in one line and exits 1", () => {
    const input = join(folder, "notes.txt");
    writeFileSync(input, "shopping list\nmilk\n");
    const {status, stderr} = convert(input, join(folder, "notes.arrow"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: .*notes\.txt: /);
    expect(stderr.split("\n")).toHaveLength(1);
  });

  it("refuses an output extension it does not write, with the usage", () => {
    const {status, stderr} = convert(mpr, join(folder, "gcpl.xlsx"));
    expect(status).toBe(2);
    expect(stderr).toMatch(/unknown output format/);
  });
});
