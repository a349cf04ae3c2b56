// One synthetic run through both paths: the text exports and the imzML export of the same frames give the same
// run tables, ion by ion and pixel by pixel (the imzML images summed in each ion's window).
import {mkdtempSync, readFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {ibdFromBytes, openImzmlPair, summedSpectrum} from "@operando/loaders/imzml/index";
import {loadRun} from "@operando/loaders/sims/run";
import {isotopeCheck} from "@operando/lib/spectra/peaks";
import {BACKGROUND_U} from "../../bin/imzml-export.js";
import {makeDataset} from "../model/generate.js";

describe("a run read from its imzML export", () => {
  it("has the same images, counts and pixels as the run read from its text exports", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "operando-imzml-run-")), "run");
    expect(makeDataset(["--out", folder, "--pixels", "40x16", "--frames", "5", "--imzml", "--no-expected"]).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf-8"));
    const read = (path: string) => readFile(join(folder, path)).then((b) => new Uint8Array(b));
    const text = await loadRun(manifest, read);
    const imzml = await loadRun({...manifest, images: {pattern: "sims/{region}/f{frame}.imzML"}}, read);
    expect(imzml.images.numRows).toBe(text.images.numRows);
    for (const column of ["region", "ion", "frame", "width", "height", "total_counts"]) {
      expect(imzml.images.getChild(column)!.toArray(), column).toEqual(text.images.getChild(column)!.toArray());
    }
    expect(imzml.pixels.schema.fields.map((f) => f.name)).toEqual(text.pixels.schema.fields.map((f) => f.name));
    for (const field of text.pixels.schema.fields) {
      expect(Array.from(imzml.pixels.getChild(field.name)!.toArray() as ArrayLike<number>), field.name).toEqual(Array.from(text.pixels.getChild(field.name)!.toArray() as ArrayLike<number>));
    }
    // Through openFile (as the build and npm run roi read a run) the .ibd files are read in pieces, never whole
    // through readFile, closed after, with the same tables.
    const asked: string[] = [];
    const open = new Set<string>();
    const opened = await loadRun({...manifest, images: {pattern: "sims/{region}/f{frame}.imzML"}}, (path) => (asked.push(path), read(path)), {
      openFile: async (path) => {
        const bytes = await read(path);
        open.add(path);
        return {source: {name: path, byteLength: bytes.length, read: (offset, length) => bytes.slice(offset, offset + length)}, close: async () => void open.delete(path)};
      }
    });
    expect(asked.filter((path) => /\.ibd$/.test(path))).toEqual([]);
    expect(new Set(asked).size).toBe(asked.length); // each imzML XML read once, not once per ion
    expect(open.size).toBe(0);
    for (const field of text.pixels.schema.fields) {
      expect(Array.from(opened.pixels.getChild(field.name)!.toArray() as ArrayLike<number>), field.name).toEqual(Array.from(text.pixels.getChild(field.name)!.toArray() as ArrayLike<number>));
    }
    // An ion's own window from the manifest: one over both 58Ni and 59Co sums both ions' counts.
    const wide = await loadRun({...manifest, images: {pattern: "sims/{region}/f{frame}.imzML"},
      ions: manifest.ions.map((ion: {id: string}) => (ion.id === "58Ni+" ? {...ion, windowU: [57.6, 59.3]} : ion))}, read);
    const column = (table: typeof text.pixels, name: string) => Array.from(table.getChild(name)!.toArray() as ArrayLike<number>);
    const both = column(text.pixels, "58Ni+").map((v, i) => (v === null ? null : v + column(text.pixels, "59Co+")[i]!));
    expect(column(wide.pixels, "58Ni+")).toEqual(both);
    // The export's spectra also hold the isotopes the images do not show, and a background: a frame's summed
    // spectrum gives natural 58Ni/60Ni (and 6Li/7Li, both imaged) and counts at every background mass.
    const frame = "sims/positive/f00.imzML";
    const spectrum = await summedSpectrum(await openImzmlPair(await read(frame), frame, ibdFromBytes(await read(frame.replace(/imzML$/, "ibd")), "f00.ibd")));
    for (const [light, heavy] of [["58Ni", "60Ni"], ["6Li", "7Li"]] as const) {
      const check = isotopeCheck(spectrum, light, heavy)!;
      expect(check, `${light}/${heavy}`).not.toBeNull();
      expect(check.low, `${light}/${heavy}`).toBeLessThan(check.natural);
      expect(check.high, `${light}/${heavy}`).toBeGreaterThan(check.natural);
    }
    for (const massU of BACKGROUND_U) expect(spectrum.counts[Array.from(spectrum.mzU).indexOf(massU)], `background at ${massU} u`).toBeGreaterThan(0);
  }, 120_000);
});
