import {describe, expect, it} from "vitest";
import {nanoSimsImages, parseNanoSimsFile, readNanoSimsFile} from "@operando/loaders/nanosims/index";
import {REFERENCE, readFixture, totalsByIonAndFrame} from "./fixtures.js";

const sum = (data: ArrayLike<number>) => {
  let total = 0;
  for (let i = 0; i < data.length; i++) total += data[i];
  return total;
};

describe.each(REFERENCE)("the real NanoSIMS file $file", (ref) => {
  const bytes = readFixture(ref.file);
  const file = readNanoSimsFile(bytes, ref.file);

  it("has the reference reader's species, size, planes and field of view", () => {
    const {header} = file;
    expect(header.species.map((s) => s.name)).toEqual(ref.species);
    expect([header.width, header.height]).toEqual(ref.size);
    expect(header.planes).toBe(ref.planes);
    expect(header.rasterNm).toBe(ref.rasterNm);
    expect(header.byteOrder).toBe("big-endian");
    expect(header.bytesPerPixel).toBe(2);
    // The primary-beam raster found at the Anal_param_nano marker agrees with the image header's to within 1 nm.
    expect(Math.abs(header.analysis!.primaryBeamRasterUm * 1000 - ref.rasterNm)).toBeLessThan(1);
  });

  it("has the reference totals per species and plane, and the first pixels of the first row of 12C", () => {
    expect(file.images).toHaveLength(ref.planes);
    const totals = Object.fromEntries(ref.species.map((name, s) => [name, file.images.map((plane) => sum(plane[s]))]));
    expect(totals).toEqual(ref.totals);
    expect(Array.from(file.images[0][0].subarray(0, 6))).toEqual(ref.first12C);
  });

  it("as a long table: the same totals, x along the first stored row, the species and field of view in the metadata", () => {
    const table = parseNanoSimsFile(bytes, ref.file);
    expect(table.numRows).toBe(ref.planes * ref.species.length * ref.size[0] * ref.size[1]);
    expect(totalsByIonAndFrame(table)).toEqual(ref.totals);
    const firstRow = Array.from({length: 6}, (_, x) => table.get(x)!.toJSON());
    expect(firstRow.map((r) => [r.ion, r.frame, r.x, r.y])).toEqual(firstRow.map((_, x) => ["12C", 0, x, 0]));
    expect(firstRow.map((r) => r.counts)).toEqual(ref.first12C);
    const metadata = table.schema.metadata;
    expect(JSON.parse(metadata.get("species")!)).toEqual(ref.species);
    const [fovX, fovY] = JSON.parse(metadata.get("field_of_view_um")!) as number[];
    expect(fovX).toBeCloseTo(ref.fieldOfViewUm, 2);
    expect(fovY).toBeCloseTo(ref.fieldOfViewUm, 2);
    expect(metadata.get("format")).toBe("nanosims");
  });

  it("per (plane, species) images carry their pixel size for the run loader", () => {
    const result = nanoSimsImages(bytes, ref.file);
    expect(result.images.map((im) => [im.frame, im.ion])).toEqual(
      Array.from({length: ref.planes}, (_, p) => ref.species.map((ion) => [p, ion])).flat()
    );
    for (const image of result.images) {
      expect(sum(image.data)).toBe(ref.totals[image.ion][image.frame]);
      expect(image.pixelWidthUm * image.width).toBeCloseTo(ref.fieldOfViewUm, 2);
      expect(image.pixelHeightUm * image.height).toBeCloseTo(ref.fieldOfViewUm, 2);
    }
  });
});

describe("acquisition time", () => {
  it("is the header's wall-clock date and time (17.11.05 and 18:07 in the file), two-digit year as 20xx", () => {
    const {acquiredAt} = nanoSimsImages(readFixture(REFERENCE[0].file), REFERENCE[0].file);
    expect(acquiredAt).toEqual({year: 2005, month: 11, day: 17, hour: 18, minute: 7, second: 0});
  });

  it("is refused when the date field holds something that is not a date", () => {
    const bytes = readFixture(REFERENCE[0].file);
    bytes.set(Array.from("32.13.05", (c) => c.charCodeAt(0)), 92);
    expect(() => readNanoSimsFile(bytes, "bad-date.im")).toThrow(/bad-date\.im: nanosims: acquisition date "32\.13\.05 18:07" is not a date .*\(byte 92\)/);
  });
});
