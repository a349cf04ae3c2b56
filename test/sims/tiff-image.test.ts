import {describe, expect, it} from "vitest";
import {readTiffImages} from "@operando/loaders/sims/read-tiff";
import {parseImageFile} from "@operando/loaders/sims/index";
import {TiffImageError} from "@operando/loaders/sims/errors";
import {encodeTiff, type SampleKind} from "./tiff-encoder.js";
import {knownImage} from "./helpers.js";

const kinds: [SampleKind, number][] = [["uint8", 255], ["uint16", 65535], ["uint32", 2 ** 32 - 1], ["int8", 127], ["int16", 32767], ["int32", 2 ** 31 - 1], ["float32", 1 << 24]];

describe("TIFF ion images", () => {
  it.each(kinds.flatMap(([kind, max]) => [false, true].map((bigEndian) => [kind, max, bigEndian] as const)))(
    "%s (big endian: %s) round-trips a non-square image without swapping x and y", (kind, max, bigEndian) => {
      const image = knownImage(5, 3, max, max % 97);
      const [page] = readTiffImages(encodeTiff([image], {kind, bigEndian, rowsPerStrip: 2}), "i.tif");
      expect([page.width, page.height]).toEqual([5, 3]);
      expect(Array.from(page.data)).toEqual(Array.from(image.data));
    });

  it("reads signed samples as signed, so negative counts are seen and refused", () => {
    const bytes = encodeTiff([{data: [1, -2, 3, 4], width: 2, height: 2}], {kind: "int16"});
    expect(Array.from(readTiffImages(bytes, "s.tif")[0].data)).toEqual([1, -2, 3, 4]);
    expect(() => parseImageFile(bytes, "s.tif")).toThrow("s.tif: tiff: counts -2 at pixel 1, 0 are not a non-negative integer");
  });

  it("reads deflate-compressed pages through the tiff package", () => {
    const image = knownImage(257, 3, 60000, 4);
    const [page] = readTiffImages(encodeTiff([image], {kind: "uint16", deflate: true, rowsPerStrip: 1}), "d.tif");
    expect(Array.from(page.data)).toEqual(Array.from(image.data));
  });

  it("turns a multi-page stack into frames of one table, with the ImageJ pixel size as field of view", () => {
    const pages = [0, 1, 2].map((seed) => knownImage(4, 2, 300, seed));
    const bytes = encodeTiff(pages, {kind: "uint16", description: "ImageJ=1.54f\nimages=3\nunit=micron\n", resolution: [0.05, 0.1]});
    const table = parseImageFile(bytes, "dir/58Ni+ stack.tif");
    expect(table.numRows).toBe(3 * 8);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(["ion:Dictionary<Int8, Utf8>", "frame:Uint8", "x:Uint8", "y:Uint8", "counts:Uint16"]);
    const rows = table.toArray();
    pages.forEach((page, frame) => {
      for (let i = 0; i < 8; i++) {
        expect(rows[frame * 8 + i].toJSON()).toEqual({ion: "58Ni+ stack", frame, x: i % 4, y: Math.floor(i / 4), counts: page.data[i]});
      }
    });
    expect(JSON.parse(table.schema.metadata.get("field_of_view_um")!)).toEqual([80, 20]);
    expect(table.schema.metadata.get("header:ImageJ unit")).toBe("micron");
    expect(table.schema.metadata.get("format")).toBe("tiff");
  });

  it("reads ImageJ's escaped micrometre unit", () => {
    const bytes = encodeTiff([knownImage(4, 2)], {kind: "uint8", description: "ImageJ=1.54f\nunit=\\u00B5m\n", resolution: [0.5, 0.25]});
    expect(readTiffImages(bytes, "u.tif")[0].header.fieldOfViewUm).toEqual([8, 8]);
  });

  it("accepts integral float counts and refuses fractional ones", () => {
    expect(parseImageFile(encodeTiff([{data: [0, 2, 70000], width: 3, height: 1}], {kind: "float32"}), "f.tif").getChild("counts")!.type.toString()).toBe("Uint32");
    expect(() => parseImageFile(encodeTiff([{data: [0, 2.5, 7], width: 3, height: 1}], {kind: "float32"}), "f.tif")).toThrow(
      "f.tif: tiff: counts 2.5 at pixel 1, 0 are not a non-negative integer"
    );
  });

  it.each([
    ["a colour image", encodeTiff([{data: [1, 2], width: 2, height: 1}], {kind: "uint8", samplesPerPixel: 3}), "page 1: 3 samples per pixel (colour), not an ion image"],
    ["a white-is-zero image", encodeTiff([{data: [1, 2], width: 2, height: 1}], {kind: "uint8", photometric: 0}), "page 1: photometric interpretation 0; ion images are grey, black is zero (1)"],
    ["pages of different sizes", encodeTiff([{data: [1, 2], width: 2, height: 1}, {data: [1, 2], width: 1, height: 2}], {kind: "uint8"}), "page 2 is 1 x 2, page 1 2 x 1"],
    ["compressed 32-bit integers", encodeTiff([{data: [1, 2], width: 2, height: 1}], {kind: "uint32", deflate: true}), "page 1: 32-bit integer pixels are read only uncompressed and in strips"]
  ])("refuses %s", (_, bytes, problem) => {
    expect(() => readTiffImages(bytes, "r.tif")).toThrow(new TiffImageError("r.tif", problem));
  });

  it("refuses a directory chain that loops instead of hanging", () => {
    const bytes = encodeTiff([{data: [1, 2], width: 2, height: 1}], {kind: "uint8"});
    const view = new DataView(bytes.buffer);
    const ifd = view.getUint32(4, true);
    const entries = view.getUint16(ifd, true);
    view.setUint32(ifd + 2 + 12 * entries, ifd, true); // next IFD = itself
    expect(() => readTiffImages(bytes, "loop.tif")).toThrow(/loop\.tif: tiff: the chain of image directories loops \(byte \d+\)/);
  });
});
