// `npm run convert -- <file.im> <output>` on the real NanoSIMS files (one has a space in its name).
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {afterAll, describe, expect, it} from "vitest";
import {NANOSIMS_FIXTURES, REFERENCE, totalsByIonAndFrame} from "./fixtures.js";

const folder = mkdtempSync(join(tmpdir(), "convert-nanosims-"));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

function convert(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/convert.ts", ...args], {encoding: "utf-8"});
  return {status: result.status, stderr: result.stderr.trim()};
}

describe("npm run convert on a Cameca NanoSIMS .im file", () => {
  const sun = REFERENCE[1];

  it("writes the long image table with the reference totals per species and plane, species and field of view in the metadata", () => {
    const output = join(folder, "sun.arrow");
    expect(convert(`${NANOSIMS_FIXTURES}${sun.file}`, output)).toMatchObject({status: 0});
    const table = tableFromIPC(readFileSync(output));
    expect(table.schema.fields.map((f) => f.name)).toEqual(["ion", "frame", "x", "y", "counts"]);
    expect(totalsByIonAndFrame(table)).toEqual(sun.totals);
    expect(JSON.parse(table.schema.metadata.get("species")!)).toEqual(sun.species);
    expect(JSON.parse(table.schema.metadata.get("field_of_view_um")!)[0]).toBeCloseTo(sun.fieldOfViewUm, 2);
  });

  it("writes Parquet with the same totals", () => {
    const ref = REFERENCE[0];
    const output = join(folder, "openmims.parquet");
    expect(convert(`${NANOSIMS_FIXTURES}${ref.file}`, output)).toMatchObject({status: 0});
    const table = tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync(output))).intoIPCStream());
    expect(totalsByIonAndFrame(table)).toEqual(ref.totals);
  });

  it("on a cut file prints one line naming the file and the byte where it ends, and writes nothing", () => {
    const input = join(folder, "cut.im");
    const bytes = readFileSync(`${NANOSIMS_FIXTURES}${sun.file}`);
    writeFileSync(input, bytes.subarray(0, bytes.length - 1000));
    const output = join(folder, "cut.arrow");
    const {status, stderr} = convert(input, output);
    expect(status).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`^error: ${input.replace(/[.+]/g, "\\$&")}: nanosims: the file ends at byte ${bytes.length - 1000}, inside the image of plane 2, species SE .*\\(byte ${bytes.length - 1000}\\)$`));
    expect(existsSync(output)).toBe(false);
  });
});
