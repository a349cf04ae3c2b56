// The shared imzML fixtures read as pyimzML reads them, and the facts of their XML.
import {describe, expect, it} from "vitest";
import {forEachSpectrum, imzmlIonImages, ibdFromBytes, parseMassWindow, readImzmlIndex, summedSpectrum} from "@operando/loaders/imzml/index";
import {fixturePair, fixtureXmlText, openPair} from "./helpers.js";

describe("iontof_sparse (the quirks of a SurfaceLab 7.5 export)", () => {
  it("has 6 spectra, the first at imzML (1, 1, 1) = our (0, 0), with 5 m/z values from 100 to 500 and a total of 150", async () => {
    const {xml, ibd} = fixturePair("iontof_sparse");
    const file = await openPair(xml, ibd, "iontof_sparse");
    expect(file.spectra).toHaveLength(6);
    expect([file.spectra[0].x, file.spectra[0].y]).toEqual([0, 0]);
    const first: {mz: number[]; total: number}[] = [];
    await forEachSpectrum(file, (spectrum, mz, intensity) => {
      if (spectrum === file.spectra[0]) first.push({mz: Array.from(mz), total: Array.from(intensity).reduce((a, b) => a + b, 0)});
    });
    expect(first[0].mz).toHaveLength(5);
    expect([first[0].mz[0], first[0].mz[4]]).toEqual([100, 500]);
    expect(first[0].total).toBe(150);
  });

  it("is sparse: 6 of 4 x 4 pixels acquired, at the XML's positions less one", async () => {
    const {xml, ibd} = fixturePair("iontof_sparse");
    const file = await openPair(xml, ibd);
    expect([file.width, file.height]).toEqual([4, 4]);
    const positions = [...fixtureXmlText("iontof_sparse").matchAll(/"position x" value="(\d+)"[^]*?"position y" value="(\d+)"/g)].map((m) => [Number(m[1]) - 1, Number(m[2]) - 1]);
    expect(file.spectra.map((s) => [s.x, s.y])).toEqual(positions);
    const result = await imzmlIonImages(xml, "iontof_sparse.imzML", ibdFromBytes(ibd, "iontof_sparse.ibd"), []);
    expect(result.acquiredPixels).toBe(6);
    expect(Array.from(result.totalCounts.data).filter(Number.isNaN)).toHaveLength(10);
  });

  it("reads misspelt names by accession, CRLF and no mzML version; trusts count x pixel size over max dimension, with a warning", async () => {
    const text = fixtureXmlText("iontof_sparse");
    expect(text).toContain("max count of pixel x"); // the misspelling (the term is "max count of pixels x")
    expect(text).toContain("\r\n");
    expect(text).not.toMatch(/<mzML[^>]*version=/);
    const {xml, ibd} = fixturePair("iontof_sparse");
    const file = await openPair(xml, ibd);
    expect(file.pixelSize).toEqual({x: 4.40625, y: 4.40625, unit: "um"});
    expect(file.pixelSizeUm).toEqual({x: 4.40625, y: 4.40625});
    expect(file.warnings).toHaveLength(2);
    expect(file.warnings[0]).toMatch(/max dimension x 15 µm disagrees with 4 pixels x 4\.40625 µm = 17\.625 µm/);
  });

  it("has the UUID of its .ibd header (no mismatch warning)", async () => {
    const {xml, ibd} = fixturePair("iontof_sparse");
    const file = await openPair(xml, ibd);
    expect(file.uuid).toBe(Array.from(ibd.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join(""));
    expect(file.warnings.some((w) => /UUID/.test(w))).toBe(false);
  });
});

describe.each(["Example_Continuous", "Example_Processed"])("%s (the imzML reference example)", (name) => {
  it("has 3 x 3 pixels of 8,399 m/z values stored as 32-bit floats, 100 µm apart", async () => {
    const {xml, ibd} = fixturePair(name);
    const file = await openPair(xml, ibd, name);
    expect(file.mode).toBe(name.endsWith("Continuous") ? "continuous" : "processed");
    expect([file.width, file.height, file.spectra.length]).toEqual([3, 3, 9]);
    expect(file.spectra.every((s) => s.mz.length === 8399 && s.mz.type === "float32" && s.intensity.type === "float32")).toBe(true);
    expect(file.pixelSizeUm).toEqual({x: 100, y: 100});
    expect(file.warnings).toEqual([]);
  });

  it("gives each spectrum the total ion current its XML states (MS:1000285)", async () => {
    const {xml, ibd} = fixturePair(name);
    const stated = [...fixtureXmlText(name).matchAll(/accession="MS:1000285" name="total ion current" value="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(stated).toHaveLength(9);
    const result = await imzmlIonImages(xml, name, ibdFromBytes(ibd, name), []);
    const file = readImzmlIndex(xml, name);
    const totals = file.spectra.map((s) => result.totalCounts.data[s.y * 3 + s.x]);
    totals.forEach((total, i) => expect(total).toBeCloseTo(stated[i], 9));
  });
});

describe("continuous and processed storage of the same image", () => {
  const windows = ["a=150±0.5", "b=400-420", "c=799.5-800"].map(parseMassWindow);

  it("give the same ion images for the same windows", async () => {
    const read = async (name: string) => {
      const {xml, ibd} = fixturePair(name);
      return imzmlIonImages(xml, name, ibdFromBytes(ibd, name), windows);
    };
    const [continuous, processed] = [await read("Example_Continuous"), await read("Example_Processed")];
    expect(continuous.images.map((i) => i.ion)).toEqual(["a", "b", "c"]);
    for (let k = 0; k < windows.length; k++) {
      expect(Array.from(processed.images[k].data)).toEqual(Array.from(continuous.images[k].data));
      expect(continuous.images[k].data.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
  });

  it("give the same summed spectrum (common axis vs union of m/z values)", async () => {
    const [continuous, processed] = await Promise.all(["Example_Continuous", "Example_Processed"].map(async (name) => {
      const {xml, ibd} = fixturePair(name);
      return summedSpectrum(await openPair(xml, ibd, name));
    }));
    expect(continuous.mzU).toHaveLength(8399);
    expect(Array.from(processed.mzU)).toEqual(Array.from(continuous.mzU));
    expect(Array.from(processed.counts)).toEqual(Array.from(continuous.counts));
  });
});
