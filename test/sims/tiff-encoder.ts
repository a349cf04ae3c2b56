import {deflateSync} from "node:zlib";

/** A test-only baseline TIFF writer: grey pages in strips, uncompressed or deflate, either byte order. */
export type SampleKind = "uint8" | "uint16" | "uint32" | "int8" | "int16" | "int32" | "float32";

export interface TiffPage {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

export interface TiffOptions {
  kind: SampleKind;
  bigEndian?: boolean;
  deflate?: boolean;
  rowsPerStrip?: number;
  /** ImageJ-style description, e.g. "ImageJ=1.54f\nunit=micron\n". */
  description?: string;
  /** Pixels per unit (ImageJ: per `unit`; else with resolutionUnit). */
  resolution?: [number, number];
  resolutionUnit?: 1 | 2 | 3;
  samplesPerPixel?: number;
  photometric?: number;
}

const BYTES: Record<SampleKind, number> = {uint8: 1, int8: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, float32: 4};
const FORMAT: Record<SampleKind, number> = {uint8: 1, uint16: 1, uint32: 1, int8: 2, int16: 2, int32: 2, float32: 3};

function sampleBytes(page: TiffPage, kind: SampleKind, little: boolean, samplesPerPixel: number): Uint8Array {
  const size = BYTES[kind];
  const count = page.width * page.height * samplesPerPixel;
  const out = new Uint8Array(count * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    const v = page.data[Math.floor(i / samplesPerPixel)];
    const at = i * size;
    if (kind === "uint8") view.setUint8(at, v);
    else if (kind === "int8") view.setInt8(at, v);
    else if (kind === "uint16") view.setUint16(at, v, little);
    else if (kind === "int16") view.setInt16(at, v, little);
    else if (kind === "uint32") view.setUint32(at, v, little);
    else if (kind === "int32") view.setInt32(at, v, little);
    else view.setFloat32(at, v, little);
  }
  return out;
}

export function encodeTiff(pages: TiffPage[], options: TiffOptions): Uint8Array {
  const little = !options.bigEndian;
  const spp = options.samplesPerPixel ?? 1;
  const chunks: Uint8Array[] = [];
  let length = 8;
  const append = (bytes: Uint8Array) => {
    const at = length;
    chunks.push(bytes);
    length += bytes.length;
    if (length % 2) {
      chunks.push(new Uint8Array(1));
      length++;
    }
    return at;
  };
  const header = new Uint8Array(8);
  const headerView = new DataView(header.buffer);
  header.set(little ? [0x49, 0x49] : [0x4d, 0x4d]);
  headerView.setUint16(2, 42, little);
  const ifdOffsets: number[] = [];
  const ifdPatches: {view: DataView; at: number}[] = [];
  for (const page of pages) {
    const raw = sampleBytes(page, options.kind, little, spp);
    const rowsPerStrip = options.rowsPerStrip ?? page.height;
    const rowBytes = page.width * spp * BYTES[options.kind];
    const strips: {offset: number; length: number}[] = [];
    for (let row = 0; row < page.height; row += rowsPerStrip) {
      let strip = raw.subarray(row * rowBytes, Math.min(page.height, row + rowsPerStrip) * rowBytes);
      if (options.deflate) strip = new Uint8Array(deflateSync(strip));
      strips.push({offset: append(strip), length: strip.length});
    }
    const extra: Uint8Array[] = [];
    const entries: [number, number, number, number[] | Uint8Array][] = [ // tag, type, count, values
      [256, 4, 1, [page.width]], [257, 4, 1, [page.height]], [258, 3, spp, new Array(spp).fill(BYTES[options.kind] * 8)],
      [259, 3, 1, [options.deflate ? 8 : 1]], [262, 3, 1, [options.photometric ?? (spp === 3 ? 2 : 1)]],
      [273, 4, strips.length, strips.map((s) => s.offset)], [277, 3, 1, [spp]], [278, 4, 1, [rowsPerStrip]],
      [279, 4, strips.length, strips.map((s) => s.length)], [339, 3, spp, new Array(spp).fill(FORMAT[options.kind])]
    ];
    if (options.description) {
      const text = new TextEncoder().encode(options.description + "\0");
      entries.push([270, 2, text.length, text]);
    }
    if (options.resolution) {
      entries.push([282, 5, 1, [options.resolution[0]]], [283, 5, 1, [options.resolution[1]]], [296, 3, 1, [options.resolutionUnit ?? 1]]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    // Values longer than 4 bytes go after the IFD.
    const ifdSize = 2 + entries.length * 12 + 4;
    const ifd = new Uint8Array(ifdSize);
    const view = new DataView(ifd.buffer);
    const ifdAt = length;
    let outside = ifdAt + ifdSize + (ifdSize % 2);
    view.setUint16(0, entries.length, little);
    entries.forEach(([tag, type, count, values], i) => {
      const at = 2 + i * 12;
      view.setUint16(at, tag, little);
      view.setUint16(at + 2, type, little);
      view.setUint32(at + 4, count, little);
      const size = {2: 1, 3: 2, 4: 4, 5: 8}[type]! * count;
      const target = size <= 4 ? new DataView(ifd.buffer, at + 8, 4) : new DataView(new ArrayBuffer(size + (size % 2)));
      Array.from(values).forEach((v, k) => {
        if (type === 2) target.setUint8(k, v);
        else if (type === 3) target.setUint16(2 * k, v, little);
        else if (type === 4) target.setUint32(4 * k, v, little);
        else {
          target.setUint32(8 * k, Math.round(v * 1000), little);
          target.setUint32(8 * k + 4, 1000, little);
        }
      });
      if (size > 4) {
        view.setUint32(at + 8, outside, little);
        extra.push(new Uint8Array(target.buffer));
        outside += target.byteLength;
      }
    });
    ifdOffsets.push(append(ifd));
    ifdPatches.push({view, at: ifdSize - 4});
    for (const bytes of extra) append(bytes);
  }
  headerView.setUint32(4, ifdOffsets[0], little);
  ifdPatches.forEach((patch, i) => patch.view.setUint32(patch.at, ifdOffsets[i + 1] ?? 0, little));
  const out = new Uint8Array(length);
  out.set(header);
  let at = 8;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
