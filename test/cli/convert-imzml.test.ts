// `npm run convert -- <file.imzML> <output> [--ion ...] [--spectrum]`: imzML pairs to tables of pixels or the summed spectrum.
import {spawnSync} from "node:child_process";
import {copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {afterAll, describe, expect, it} from "vitest";
import {ibdFromBytes, imzmlIonImages, parseMassWindow} from "@operando/loaders/imzml/index";
import {fixturePair, IMZML_FIXTURES} from "../imzml/helpers.js";

const folder = mkdtempSync(join(tmpdir(), "convert-imzml-"));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

function convert(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/convert.ts", ...args], {encoding: "utf-8"});
  return {status: result.status, stderr: result.stderr.trim()};
}

const sparse = `${IMZML_FIXTURES}iontof_sparse.imzML`;
const processed = `${IMZML_FIXTURES}Example_Processed.imzML`;

describe("npm run convert on imzML", () => {
  it("writes one row per acquired pixel with x, y, total_counts and a column per --ion, in both window syntaxes", () => {
    const output = join(folder, "sparse.csv");
    const {status, stderr} = convert(sparse, output, "--ion", "mid=300±50", "--ion", "low=99+-1", "--ion", "band=150-450");
    expect(status).toBe(0);
    expect(stderr).toMatch(/warning: .*max dimension x 15 µm disagrees/);
    const lines = readFileSync(output, "utf-8").trimEnd().split("\n");
    expect(lines[0]).toBe("x,y,total_counts,mid,low,band");
    expect(lines).toHaveLength(7);
    expect(lines[1].split(",").slice(0, 3)).toEqual(["0", "0", "150"]);
  });

  it("writes Arrow with the pixel size, its unit, the mode and the warnings as schema metadata; the columns equal imzmlIonImages", async () => {
    const output = join(folder, "processed.arrow");
    expect(convert(processed, output, "--ion", "a=400-420").status).toBe(0);
    const table = tableFromIPC(readFileSync(output));
    const metadata = table.schema.metadata;
    expect(metadata.get("pixel_size")).toBe("[100,100]");
    expect(metadata.get("pixel_size_unit")).toBe("µm");
    expect(metadata.get("mode")).toBe("processed");
    const {xml, ibd} = fixturePair("Example_Processed");
    const expected = await imzmlIonImages(xml, "x", ibdFromBytes(ibd, "x"), [parseMassWindow("a=400-420")]);
    const xs = table.getChild("x")!.toArray();
    const ys = table.getChild("y")!.toArray();
    const counts = Array.from(table.getChild("a")!.toArray() as Float64Array);
    expect(counts).toEqual(Array.from(xs, (x: number, i: number) => expected.images[0].data[ys[i] * 3 + x]));
  });

  it("--spectrum writes the summed spectrum as mz, counts (Parquet)", () => {
    const output = join(folder, "spectrum.parquet");
    expect(convert(processed, output, "--spectrum").status).toBe(0);
    const table = tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync(output))).intoIPCStream());
    expect(table.schema.fields.map((f) => f.name)).toEqual(["mz", "counts"]);
    expect(table.numRows).toBe(8399);
    expect(table.schema.metadata.get("spectrum")).toBe("sum on the union of the m/z values");
  });

  it("warns of a UUID that differs from the .ibd's, and still converts", () => {
    const input = join(folder, "mismatch.imzML");
    writeFileSync(input, readFileSync(sparse, "latin1").replace("{FC37F303-A9C0-4CD3-A28E-1D18E523C269}", "{00000000-A9C0-4CD3-A28E-1D18E523C269}"), "latin1");
    copyFileSync(`${IMZML_FIXTURES}iontof_sparse.ibd`, join(folder, "mismatch.ibd"));
    const output = join(folder, "mismatch.csv");
    const {status, stderr} = convert(input, output);
    expect(status).toBe(0);
    expect(stderr).toMatch(/warning: .*UUID of the \.ibd \(fc37f303a9c04cd3a28e1d18e523c269\) differs from the XML's/);
    expect(readFileSync(output, "utf-8").split("\n")[0]).toBe("x,y,total_counts");
  });

  it("a cut .ibd: one line naming the .ibd and the byte offset, exit 1, no output file", () => {
    const input = join(folder, "cut.imzML");
    copyFileSync(sparse, input);
    writeFileSync(join(folder, "cut.ibd"), readFileSync(`${IMZML_FIXTURES}iontof_sparse.ibd`).subarray(0, 300));
    const output = join(folder, "cut.arrow");
    const {status, stderr} = convert(input, output, "--ion", "a=1-2");
    expect(status).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^error: .*cut\.ibd: imzml: .*beyond the end of the file \(300 bytes\) \(byte \d+\)$/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.includes("partial"))).toEqual([]);
  });

  it("a missing .ibd is one error line, exit 1", () => {
    const input = join(folder, "alone.imzML");
    copyFileSync(sparse, input);
    const {status, stderr} = convert(input, join(folder, "alone.csv"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: .*alone\.ibd: cannot read \(ENOENT\)$/);
  });

  it("a bad window or --ion with --spectrum is a usage error (exit 2)", () => {
    expect(convert(sparse, join(folder, "bad.csv"), "--ion", "a=5").status).toBe(2);
    expect(convert(sparse, join(folder, "bad.csv"), "--ion", "a=5±1", "--spectrum").status).toBe(2);
    expect(convert(`${IMZML_FIXTURES}../potentiostat/biologic/gcpl.issue_149.mpr`, join(folder, "bad.csv"), "--ion", "a=5±1").status).toBe(2);
    expect(existsSync(join(folder, "bad.csv"))).toBe(false);
  });
});
