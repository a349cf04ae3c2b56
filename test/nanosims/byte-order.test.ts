import {describe, expect, it} from "vitest";
import {byteOrderOf, readNanoSimsFile, NanoSimsError} from "@operando/loaders/nanosims/index";
import {REFERENCE, readFixture} from "./fixtures.js";

function head(fileType: number, little: boolean): Uint8Array {
  const bytes = new Uint8Array(12);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 11, little);
  view.setInt32(4, fileType, little);
  view.setInt32(8, 26432, little);
  return bytes;
}

/**
 * The fixture rewritten little-endian, field by field, at the places the public readers read (type-27 layout of a
 * file version below 4108): every read that ignored the byte order would then give a different value.
 */
function littleEndianCopy(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const swap = (at: number, size: number) => out.subarray(at, at + size).reverse();
  const headerBytes = view.getInt32(8);
  const masses = view.getInt32(408);
  const find = (marker: string, last: boolean) => {
    const text = new TextDecoder("latin1").decode(bytes.subarray(0, headerBytes));
    return last ? text.lastIndexOf(`${marker}\u0000`) : text.indexOf(`${marker}\u0000`);
  };
  for (const at of [0, 4, 8, 16, 140, 408]) swap(at, 4);
  for (let m = 0; m < masses; m++) {
    swap(452 + 192 * m, 4);
    swap(452 + 192 * m + 8, 8);
  }
  const poly = find("Poly_list", true);
  swap(poly + 16, 4);
  const nanoSims = poly + 24; // an empty Poly_list: name 16, length 4, 4 unused
  for (const k of [0, 28, 32]) swap(nanoSims + k, 4);
  const anal = find("Anal_param_nano", false);
  swap(anal + 16, 4);
  swap(anal + 448, 8);
  swap(anal + 1840, 4);
  const image = headerBytes - 84;
  swap(image, 4);
  for (let k = 4; k < 16; k += 2) swap(image + k, 2);
  swap(image + 16, 4);
  for (let at = headerBytes; at < out.length; at += 2) {
    out[at] = bytes[at + 1];
    out[at + 1] = bytes[at];
  }
  return out;
}

describe("byte order", () => {
  it("is the one in which the file-type field (byte 4) is a Cameca type", () => {
    expect(byteOrderOf(head(27, false), "a.im")).toBe("big-endian");
    expect(byteOrderOf(head(27, true), "a.im")).toBe("little-endian");
    expect(byteOrderOf(head(41, true), "a.im")).toBe("little-endian");
    expect(byteOrderOf(readFixture(REFERENCE[0].file), "b.im")).toBe("big-endian");
  });

  it("is refused, naming byte 4, when the field is a Cameca type in neither order", () => {
    expect(() => byteOrderOf(head(0x01020304, false), "x.im")).toThrow(/x\.im: nanosims: not a Cameca file: the file-type field reads 16909060 big-endian and 67305985 little-endian.*\(byte 4\)/);
    expect(() => byteOrderOf(head(28, true), "x.im")).toThrow(/file type 28 is not one the public readers know \(byte 4\)/);
    expect(() => byteOrderOf(new Uint8Array(7), "x.im")).toThrow(NanoSimsError);
  });

  it("a little-endian rewrite of a real file reads to the same header and images", () => {
    const bytes = readFixture(REFERENCE[1].file);
    const big = readNanoSimsFile(bytes, "sun.im");
    const little = readNanoSimsFile(littleEndianCopy(bytes), "sun.im");
    expect(little.header.byteOrder).toBe("little-endian");
    expect({...little.header, byteOrder: "big-endian"}).toEqual(big.header);
    const sameImage = (a: Uint16Array | Uint32Array, b: Uint16Array | Uint32Array) =>
      a.constructor === b.constructor && Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
    expect(little.images.flatMap((plane, p) => plane.map((image, s) => sameImage(image, big.images[p][s])))).toEqual(Array(12).fill(true));
  });
});
