// npm run convert: decoded sizes bounded before decoding, and every failure one line naming a file.
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {encodeTiff} from "../sims/tiff-encoder.js";

const folder = mkdtempSync(join(tmpdir(), "convert-limits-"));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

function convert(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/convert.ts", ...args], {encoding: "utf-8"});
  return {status: result.status, stderr: result.stderr.trim()};
}

describe("npm run convert bounds what it decodes", () => {
  it("refuses a 65 KB deflate TIFF declaring 8192 x 8192 pixels in one line, writing nothing", () => {
    const side = 8192;
    const input = join(folder, "bomb.tif");
    writeFileSync(input, encodeTiff([{data: new Uint8Array(side * side), width: side, height: side}], {kind: "uint8", deflate: true}));
    const output = join(folder, "bomb.csv");
    const result = convert(input, output);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`error: ${input}: tiff: declares 8192 x 8192 pixels (67108864 values), more than the default bound of 16777216 pixels (raise it with --max-pixels N) allows; not decoded`);
    expect(readdirSync(folder).filter((name) => name.startsWith("bomb.csv") || name.includes(".partial"))).toEqual([]);
  });

  it("takes --max-pixels as the bound", () => {
    const input = join(folder, "small.tif");
    writeFileSync(input, encodeTiff([{data: new Uint8Array(100 * 100).fill(3), width: 100, height: 100}], {kind: "uint8"}));
    expect(convert(input, join(folder, "small.arrow")).status).toBe(0);
    const refused = convert(input, join(folder, "small-refused.arrow"), "--max-pixels", "9999");
    expect(refused).toEqual({status: 1, stderr: `error: ${input}: tiff: declares 100 x 100 pixels (10000 values), more than --max-pixels 9999 allows; not decoded`});
    expect(existsSync(join(folder, "small-refused.arrow"))).toBe(false);
    expect(convert(input, join(folder, "x.arrow"), "--max-pixels", "lots").status).toBe(2);
  });

  it("names the output when its folder does not exist (not the temporary file)", () => {
    const input = join(folder, "small.tif");
    const output = join(folder, "no-such-folder", "out.csv");
    expect(convert(input, output)).toEqual({status: 1, stderr: `error: ${output}: cannot write: the folder ${join(folder, "no-such-folder")} does not exist`});
  });
});
