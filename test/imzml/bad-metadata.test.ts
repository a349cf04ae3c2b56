// Metadata that contradict each other are refused with an ImzmlError naming the line; facts that only
// look wrong (a UUID that differs from the .ibd's) are warnings.
import {deflateSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {ImzmlError, pixelSums, readImzmlIndex} from "@operando/loaders/imzml/index";
import {writeImzml} from "@operando/loaders/imzml/write";
import {fixturePair, fixtureXmlText, latin1, openPair} from "./helpers.js";

const sparse = fixtureXmlText("iontof_sparse");
const sparseIbd = fixturePair("iontof_sparse").ibd;

/** The sparse fixture's XML with its first match of `from` replaced. */
function variant(from: string | RegExp, to: string, text = sparse): Uint8Array {
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`variant: ${from} does not occur`);
  return latin1(changed);
}

async function problemOf(xml: Uint8Array, ibd = sparseIbd): Promise<ImzmlError> {
  const error = await openPair(xml, ibd, "variant").then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImzmlError);
  expect((error as Error).message).not.toMatch(/[\r\n]/);
  return error as ImzmlError;
}

const MZ_GROUP_END = `<cvParam cvRef="MS" accession="MS:1000523" name="64-bit float" value="" />\r\n</referenceableParamGroup>\r\n<referenceableParamGroup id="intensityArray">`;

describe("contradicting metadata are refused, not guessed", () => {
  it.each([
    ["two precisions in the m/z array's group", MZ_GROUP_END, MZ_GROUP_END.replace("<cvParam", `<cvParam cvRef="MS" accession="MS:1000521" name="32-bit float" value="" /><cvParam`), /two precisions of the m\/z array: MS:1000521 .* and MS:1000523/],
    ["a precision in one array contradicting its group", `<binaryDataArray encodedLength="0"><referenceableParamGroupRef ref="mzArray" />`, `<binaryDataArray encodedLength="0"><referenceableParamGroupRef ref="mzArray" /><cvParam cvRef="MS" accession="MS:1000521" name="32-bit float" value="" />`, /two precisions of the m\/z array/],
    ["both continuous and processed", `<cvParam cvRef="IMS" accession="IMS:1000031" name="processed" value="" />`, `<cvParam cvRef="IMS" accession="IMS:1000031" name="processed" value="" /><cvParam cvRef="IMS" accession="IMS:1000030" name="continuous" value="" />`, /two storage modes/],
    ["two scan settings", `</scanSettings>`, `</scanSettings><scanSettings id="scanSettings2"><cvParam cvRef="IMS" accession="IMS:1000046" name="pixel size x" value="2" /></scanSettings>`, /2 scanSettings/],
    ["two pixel sizes x", `<cvParam cvRef="IMS" accession="IMS:1000047"`, `<cvParam cvRef="IMS" accession="IMS:1000046" name="pixel size x" value="5" /><cvParam cvRef="IMS" accession="IMS:1000047"`, /two values of pixel size x: "4\.406250e\+00" .* and "5"/],
    ["two spectra at one pixel", /"position x" value="4"([^]*?)"position y" value="2"/, `"position x" value="1"$1"position y" value="1"`, /two spectra at position \(1, 1\)/],
    ["a position outside the max count", `"position x" value="4"`, `"position x" value="5"`, /position \(5, 2\) outside the declared 4 x 4 pixels/],
    ["a position 0 (imzML counts from 1)", `"position x" value="4"`, `"position x" value="0"`, /position x 0 \(imzML positions start at 1\)/],
    ["a spectrum count that is not the spectra's", `<spectrumList count="6"`, `<spectrumList count="7"`, /count="7" but 6 spectra/],
    ["a reference to an undefined group", `<referenceableParamGroupRef ref="scan1" />`, `<referenceableParamGroupRef ref="scan2" />`, /undefined referenceableParamGroup "scan2"/],
    ["an m/z array shorter than its intensities", /name="external array length" value="5" \/>([^]*?)name="external encoded length" value="40"/, `name="external array length" value="4" />$1name="external encoded length" value="32"`, /4 m\/z values but 5 intensities/],
    ["an encoded length that is not length x size", `name="external encoded length" value="40" />`, `name="external encoded length" value="44" />`, /encoded length 44 bytes is not 5 float64 values \(40 bytes\)/],
    ["MS-Numpress", `accession="MS:1000576" name="no compression"`, `accession="MS:1002312" name="MS-Numpress linear"`, /MS-Numpress compression is not read/],
    ["3-D positions", `"position y" value="1" />`, `"position y" value="1" /><cvParam cvRef="IMS" accession="IMS:1000052" name="position z" value="2" />`, /3-D imzML is not read/],
    ["a pixel size in millimetres", `name="pixel size x" value="4.406250e+00"`, `name="pixel size x" value="4.406250e+00" unitAccession="UO:0000016"`, /length unit UO:0000016 is not read/]
  ] as [string, string | RegExp, string, RegExp][])("%s", async (_what, from, to, message) => {
    const error = await problemOf(variant(from, to));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^variant\.imzML: imzml: .*\(line \d+\)$/);
  });

  it("an array beyond the end of the .ibd names the .ibd and the array's byte offset", async () => {
    const error = await problemOf(fixturePair("iontof_sparse").xml, sparseIbd.subarray(0, 400));
    expect(error.message).toMatch(/^variant\.ibd: imzml: intensity array of the spectrum at \(3, 3\) .* ends at byte 416, beyond the end of the file \(400 bytes\) \(byte 376\)$/);
  });

  it("XML that is not well-formed, UTF-16 and unknown encodings are refused", async () => {
    expect((await problemOf(latin1(sparse.slice(0, 5000)))).message).toMatch(/not well-formed XML/);
    expect((await problemOf(Uint8Array.of(0xff, 0xfe, 0x3c, 0))).message).toMatch(/UTF-16/);
    expect((await problemOf(variant(`encoding="ISO-8859-1"`, `encoding="Shift_JIS"`))).message).toMatch(/encoding "Shift_JIS" is not read/);
  });
});

describe("facts that are reported, not refused", () => {
  it("a UUID in the XML that differs from the .ibd's is a warning", async () => {
    const file = await openPair(variant("{FC37F303-A9C0-4CD3-A28E-1D18E523C269}", "{FC37F303-A9C0-4CD3-A28E-1D18E523C26A}"), sparseIbd);
    expect(file.warnings).toContain("UUID of the .ibd (fc37f303a9c04cd3a28e1d18e523c269) differs from the XML's (fc37f303a9c04cd3a28e1d18e523c26a)");
    expect(file.spectra).toHaveLength(6);
  });

  it("a pixel size in nanometres is converted to µm and keeps its unit", () => {
    const unit = `unitCvRef="UO" unitAccession="UO:0000018" unitName="nanometer"`;
    const xml = variant(/name="pixel size x" value="4.406250e\+00" \/>([^]*?)name="pixel size y" value="4.406250e\+00" \//, `name="pixel size x" value="500" ${unit} />$1name="pixel size y" value="250" ${unit} /`);
    const index = readImzmlIndex(xml, "nm.imzML");
    expect(index.pixelSize).toEqual({x: 500, y: 250, unit: "nm"});
    expect(index.pixelSizeUm).toEqual({x: 0.5, y: 0.25});
  });

  it("no max counts: the image is as large as the largest positions", () => {
    const xml = variant(/<cvParam cvRef="IMS" accession="IMS:1000042"[^>]*>\r\n<cvParam cvRef="IMS" accession="IMS:1000043"[^>]*>/, "");
    const index = readImzmlIndex(xml, "no-counts.imzML");
    expect([index.width, index.height]).toEqual([4, 4]);
  });
});

describe("zlib-compressed arrays", () => {
  const spectra = [{x: 0, y: 0, mzU: [10, 20, 30], intensity: [1, 2, 3]}, {x: 1, y: 0, mzU: [10, 25], intensity: [4, 5]}];

  it("are inflated when MS:1000574 is declared", async () => {
    const {imzml, ibd} = writeImzml(spectra, {mode: "processed", width: 2, height: 1, compress: deflateSync, uuid: "00112233445566778899aabbccddeeff"});
    expect(imzml).toContain(`accession="MS:1000574"`);
    const file = await openPair(imzml, ibd);
    const sums = await pixelSums(file, [{ion: "a", lowU: 9, highU: 21}]);
    expect(Array.from(sums.totalCounts)).toEqual([6, 9]);
    expect(Array.from(sums.windowCounts[0])).toEqual([3, 4]);
  });

  it("that do not inflate, or inflate to another length, are an ImzmlError at the array's byte offset", async () => {
    const {imzml, ibd} = writeImzml(spectra, {mode: "processed", width: 2, height: 1, compress: deflateSync});
    const file = await openPair(imzml, ibd);
    const corrupt = ibd.slice();
    corrupt.fill(0x55, file.spectra[1].mz.offset, file.spectra[1].mz.offset + file.spectra[1].mz.encodedLength);
    const error = await pixelSums(await openPair(imzml, corrupt), []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImzmlError);
    expect((error as Error).message).toMatch(new RegExp(`zlib data do not inflate .*\\(byte ${file.spectra[1].mz.offset}\\)$`));
    const longer = writeImzml([{x: 0, y: 0, mzU: [1, 2], intensity: [1, 2]}], {mode: "processed", width: 1, height: 1, compress: deflateSync});
    const lying = longer.imzml.replace(/name="external array length" value="2"/g, `name="external array length" value="1"`);
    await expect(pixelSums(await openPair(lying, longer.ibd), [])).rejects.toThrow(/zlib data inflate to more, not 1 float64 values/);
  });
});

describe("sizes that would exhaust memory are refused before anything is allocated", () => {
  it("a compressed array claiming more values than zlib can hold", () => {
    const {imzml} = writeImzml([{x: 0, y: 0, mzU: [1, 2], intensity: [1, 2]}], {mode: "processed", width: 1, height: 1, compress: deflateSync});
    const huge = imzml.replace(`name="external array length" value="2"`, `name="external array length" value="900000000000"`);
    expect(() => readImzmlIndex(new TextEncoder().encode(huge), "huge.imzML")).toThrow(/900000000000 float64 values cannot come from \d+ bytes of zlib data/);
  });

  it("an image of more than 4096 x 4096 pixels", () => {
    expect(() => readImzmlIndex(variant(`name="max count of pixel x" value="4"`, `name="max count of pixel x" value="5000000"`), "wide.imzML")).toThrow(/5000000 x 4 pixels is larger than this reader allows/);
  });
});
