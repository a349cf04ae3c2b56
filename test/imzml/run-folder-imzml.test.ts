// A run folder whose frames are imzML files and whose spectrum is one, checked as the build checks it
// (bin/run-check.ts): the .ibd files opened through the run folder and read in pieces, the spectrum summed
// from the .ibd; the same tables as the run's text exports.
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {ibdFromBytes, openImzmlPair, summedSpectrum} from "@operando/loaders/imzml/index";
import {loadRun} from "@operando/loaders/sims/run";
import {checkRunFolder} from "../../bin/run-check.js";
import {makeDataset} from "../model/generate.js";

describe("a run folder of imzML frames with an imzML spectrum", () => {
  it("passes the build's check with the text exports' pixels and the summed spectrum of its imzML file", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "operando-imzml-folder-"));
    const folder = join(dataDir, "imzml-run");
    expect(makeDataset(["--out", folder, "--pixels", "40x16", "--frames", "5", "--imzml", "--no-expected"]).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf-8"));
    const read = (path: string) => readFile(join(folder, path)).then((b) => new Uint8Array(b));
    const text = await loadRun(manifest, read);
    const spectrumFile = "sims/positive/f00.imzML";
    writeFileSync(join(folder, "manifest.json"), JSON.stringify({...manifest, images: {pattern: "sims/{region}/f{frame}.imzML"}, spectrum: spectrumFile}, null, 2));
    const checked = await checkRunFolder(dataDir, "imzml-run", () => undefined);
    if (Array.isArray(checked)) throw new Error(checked.map((p) => `${p.file}: ${p.problem}`).join("; "));
    for (const field of text.pixels.schema.fields) {
      expect(Array.from(checked.tables.pixels.getChild(field.name)!.toArray() as ArrayLike<number>), field.name).toEqual(Array.from(text.pixels.getChild(field.name)!.toArray() as ArrayLike<number>));
    }
    const expected = await summedSpectrum(await openImzmlPair(await read(spectrumFile), spectrumFile, ibdFromBytes(await read(spectrumFile.replace(/imzML$/, "ibd")), "f00.ibd")));
    expect(Array.from(checked.spectrum.getChild("mz_u")!.toArray() as Float64Array)).toEqual(Array.from(expected.mzU));
    expect(Array.from(checked.spectrum.getChild("counts")!.toArray() as Float64Array)).toEqual(Array.from(expected.counts));
  }, 120_000);
});
