// Variants of a real file for what the two fixtures do not show: 32-bit pixels, and the arrangements of the
// Poly/Champs/Offset lists that zanpeeters/sims knows (and one it does not).
import {describe, expect, it} from "vitest";
import {Uint32} from "apache-arrow";
import {parseNanoSimsFile, readNanoSimsFile} from "@operando/loaders/nanosims/index";
import {REFERENCE, readFixture, totalsByIonAndFrame} from "./fixtures.js";

const ref = REFERENCE[0];
const original = readFixture(ref.file);
const headerBytes = new DataView(original.buffer, original.byteOffset).getInt32(8);

/** The same file with 32-bit big-endian pixels (bytes per pixel 4 in the image header). */
function as32Bit(): Uint8Array {
  const pixels = (original.length - headerBytes) / 2;
  const out = new Uint8Array(headerBytes + 4 * pixels);
  out.set(original.subarray(0, headerBytes));
  const view = new DataView(out.buffer);
  const source = new DataView(original.buffer, original.byteOffset);
  view.setInt16(headerBytes - 84 + 10, 4);
  for (let i = 0; i < pixels; i++) view.setUint32(headerBytes + 4 * i, source.getUint16(headerBytes + 2 * i));
  return out;
}

function withMarker(bytes: Uint8Array, marker: string, at: number): Uint8Array {
  const out = bytes.slice();
  out.fill(0, at, at + 20); // name field and a zero length
  out.set(Array.from(marker, (c) => c.charCodeAt(0)), at);
  return out;
}

describe("32-bit images", () => {
  it("read to the same counts as the 16-bit original, and a count beyond 16 bits comes out whole", () => {
    const bytes = as32Bit();
    const file = readNanoSimsFile(bytes, "32bit.im");
    expect(file.header.bytesPerPixel).toBe(4);
    expect(file.images[0][0]).toBeInstanceOf(Uint32Array);
    expect(Array.from(file.images[0][0].subarray(0, 6))).toEqual(ref.first12C);
    new DataView(bytes.buffer).setUint32(headerBytes, 4_000_000_000); // the first pixel of 12C
    const table = parseNanoSimsFile(bytes, "32bit.im");
    expect(table.getChild("counts")!.type).toBeInstanceOf(Uint32);
    expect(totalsByIonAndFrame(table)).toEqual({...ref.totals, "12C": [ref.totals["12C"][0] - ref.first12C[0] + 4_000_000_000]});
  });
});

describe("the Poly/Champs/Offset lists", () => {
  const poly = new TextDecoder("latin1").decode(original.subarray(0, headerBytes)).lastIndexOf("Poly_list\u0000");

  it("empty Champs and Offset lists before the Poly_list (a layout seen in real files) read to the same file", () => {
    const bytes = withMarker(withMarker(original, "Champs_list", poly - 200), "Offset_list", poly - 100);
    expect(readNanoSimsFile(bytes, "lists.im").header).toEqual(readNanoSimsFile(original, "lists.im").header);
  });

  it("an Offset list before a Champs list is an order the public readers do not know, refused", () => {
    const bytes = withMarker(withMarker(original, "Offset_list", poly - 200), "Champs_list", poly - 100);
    expect(() => readNanoSimsFile(bytes, "lists.im")).toThrow(/Poly_list, Champs_list and Offset_list markers at bytes \d+, \d+, \d+: an order the public readers do not know/);
  });

  it("a Champs list with entries cannot be read past and is refused at its length", () => {
    const bytes = withMarker(withMarker(original, "Champs_list", poly - 200), "Offset_list", poly - 100);
    new DataView(bytes.buffer).setInt32(poly - 200 + 16, 2);
    expect(() => readNanoSimsFile(bytes, "lists.im")).toThrow(`Champs_list holds 2 entries: a header layout the public readers do not read (byte ${poly - 184})`);
  });

  it("no Poly_list in an image that is not a real-time image is refused", () => {
    const bytes = original.slice();
    bytes[poly] = "X".charCodeAt(0);
    expect(() => readNanoSimsFile(bytes, "nolist.im")).toThrow(/no Poly_list marker .*"IMAGE ACQUISITION"/);
  });
});

describe("a real-time image (no Poly_list)", () => {
  it("has its NanoSIMS header 216 bytes after the mass table, where zanpeeters/sims reads it", () => {
    const bytes = original.slice();
    const poly = new TextDecoder("latin1").decode(bytes.subarray(0, headerBytes)).lastIndexOf("Poly_list\u0000");
    const block = bytes.slice(poly + 24, poly + 24 + 100); // after an empty Poly_list
    bytes.fill(0, poly, poly + 16);
    bytes.fill(0, 28, 60);
    bytes.set(Array.from("IMAGE RTI", (c) => c.charCodeAt(0)), 28);
    const massTableEnd = 452 + 4 * 192; // type 27, file version 9: 10 mass pointers, 4 masses
    bytes.set(block, massTableEnd + 216);
    const {header} = readNanoSimsFile(bytes, "rti.im");
    expect(header.analysisType).toBe("IMAGE RTI");
    expect(header.nanoSims).toEqual(readNanoSimsFile(original, "x.im").header.nanoSims);
    expect(header.nanoSims.workingFramePx).toEqual([256, 256]);
  });
});
