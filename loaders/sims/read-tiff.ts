import {decode, type TiffIfd} from "tiff";
import {TiffImageError} from "./errors.js";
import {emptyHeader, type ImageHeader, type PixelArray, type SimsImage} from "./image.js";

/** Pages we walk, so that a damaged chain of directories cannot keep us busy. */
const MAX_PAGES = 10_000;
/**
 * Pixels (width x height x samples, over all pages) decoded when the caller states no bound: one 4096 x 4096
 * image or 64 frames of 512 x 512. A deflate file of 65 KB can declare 8192 x 8192 pixels, so the size is
 * checked from the directories before any pixel is decoded.
 */
export const DEFAULT_MAX_PIXELS = 1 << 24;

export interface TiffReadOptions {
  /** At most this many pixels over all pages (default DEFAULT_MAX_PIXELS). */
  maxPixels?: number;
  /** What sets the bound, for the message, e.g. `the manifest's region "positive" (256 x 96 pixels)`. */
  maxPixelsSource?: string;
}

/**
 * Walks the IFD chain (offsets only) before the decoder does: a damaged file whose chain loops back
 * on itself would otherwise never end.
 */
function countPages(bytes: Uint8Array, file: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const seen = new Set<number>();
  let offset = view.getUint32(4, little);
  while (offset !== 0) {
    if (seen.has(offset)) throw new TiffImageError(file, "the chain of image directories loops", {byteOffset: offset});
    if (offset + 2 > bytes.length) throw new TiffImageError(file, "image directory beyond the end of the file", {byteOffset: offset});
    seen.add(offset);
    if (seen.size > MAX_PAGES) throw new TiffImageError(file, `more than ${MAX_PAGES} pages`);
    const entries = view.getUint16(offset, little);
    const nextAt = offset + 2 + 12 * entries;
    if (nextAt + 4 > bytes.length) throw new TiffImageError(file, "image directory runs past the end of the file", {byteOffset: offset});
    offset = view.getUint32(nextAt, little);
  }
  return seen.size;
}

/** Uncompressed 32-bit integer strips, which the `tiff` package does not decode. */
function readInt32Strips(ifd: TiffIfd, bytes: Uint8Array, file: string, page: number): Int32Array | Uint32Array {
  if (ifd.compression !== 1 || ifd.tiled) {
    throw new TiffImageError(file, `page ${page + 1}: 32-bit integer pixels are read only uncompressed and in strips`);
  }
  const count = ifd.width * ifd.height;
  const out = ifd.sampleFormat === 2 ? new Int32Array(count) : new Uint32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const offsets = ifd.stripOffsets;
  const lengths = ifd.stripByteCounts;
  let index = 0;
  for (let s = 0; s < offsets.length && index < count; s++) {
    const start = offsets[s];
    const length = lengths[s] ?? 0;
    if (start + length > bytes.length || length % 4 !== 0) {
      throw new TiffImageError(file, `page ${page + 1}: strip ${s} lies outside the file`, {byteOffset: start});
    }
    for (let b = start; b < start + length && index < count; b += 4) {
      out[index++] = ifd.sampleFormat === 2 ? view.getInt32(b, little) : view.getUint32(b, little);
    }
  }
  if (index !== count) throw new TiffImageError(file, `page ${page + 1}: strips hold ${index} of ${count} pixels`);
  return out;
}

/** Pixel size from ImageJ's `unit=micron` + resolution tags, or from resolution in cm. */
function headerOf(ifd: TiffIfd): ImageHeader {
  const header = emptyHeader();
  const description = ifd.imageDescription;
  const imagej = new Map<string, string>();
  if (description?.startsWith("ImageJ=")) {
    for (const line of description.split("\n")) {
      const at = line.indexOf("=");
      if (at > 0) imagej.set(line.slice(0, at), line.slice(at + 1));
    }
  } else if (description) {
    header.extra["ImageDescription"] = description;
  }
  for (const [key, value] of imagej) header.extra[`ImageJ ${key}`] = value;
  const [xRes, yRes] = [Number(ifd.xResolution), Number(ifd.yResolution)];
  const unit = imagej.get("unit");
  let umPerUnit: number | undefined;
  // ImageJ writes µm escaped, as the six characters `\u00B5` followed by `m`.
  if (unit !== undefined) umPerUnit = {micron: 1, um: 1, "µm": 1, "\\u00B5m": 1, mm: 1000, nm: 0.001}[unit];
  else if (ifd.resolutionUnit === 3) umPerUnit = 1e4; // pixels per centimetre
  if (umPerUnit !== undefined && xRes > 0 && yRes > 0) {
    header.fieldOfViewUm = [(ifd.width / xRes) * umPerUnit, (ifd.height / yRes) * umPerUnit];
  }
  if (ifd.dateTime) header.extra["DateTime"] = String(ifd.dateTime);
  header.pixels = [ifd.width, ifd.height];
  return header;
}

function checkPage(ifd: TiffIfd, file: string, page: number, fileLength: number): void {
  const where = `page ${page + 1}`;
  // Uncompressed pixels must fit in the file; compressed ones within deflate/LZW's best ratio.
  const pixelBytes = ifd.width * ifd.height * Math.ceil(ifd.bitsPerSample / 8) * ifd.samplesPerPixel;
  const maxBytes = ifd.compression === 1 ? fileLength : fileLength * 4096;
  if (!(ifd.width >= 1 && ifd.height >= 1) || !(pixelBytes <= maxBytes)) {
    throw new TiffImageError(file, `${where}: image size ${ifd.width} x ${ifd.height} is out of range for a file of ${fileLength} bytes`);
  }
  if (ifd.samplesPerPixel !== 1) throw new TiffImageError(file, `${where}: ${ifd.samplesPerPixel} samples per pixel (colour), not an ion image`);
  if (ifd.type !== undefined && ifd.type !== 1) {
    throw new TiffImageError(file, `${where}: photometric interpretation ${ifd.type}; ion images are grey, black is zero (1)`);
  }
  const depth = ifd.bitsPerSample;
  const format = ifd.sampleFormat;
  const ok = ((depth === 8 || depth === 16 || depth === 32) && (format === 1 || format === 2)) || ((depth === 32 || depth === 64) && format === 3);
  if (!ok) throw new TiffImageError(file, `${where}: ${depth}-bit samples of format ${format} are not read`);
}

/** The decoded size, from the directories alone, must stay within the bound before anything is decoded. */
function checkDecodedSize(ifds: TiffIfd[], file: string, options: TiffReadOptions): void {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const declared = ifds.reduce((sum, ifd) => sum + ifd.width * ifd.height * Math.max(1, ifd.samplesPerPixel), 0);
  if (declared <= maxPixels) return;
  const first = ifds[0];
  const pages = ifds.length === 1 ? "" : ` in ${ifds.length} pages`;
  const source = options.maxPixelsSource ?? `the reader's default bound (${DEFAULT_MAX_PIXELS} pixels)`;
  throw new TiffImageError(file, `declares ${first.width} x ${first.height} pixels${pages} (${declared} values), more than ${source} allows; not decoded`);
}

/**
 * Every page of a TIFF (ImageJ stacks, SurfaceLab exports) as one image each, all of one size. The pixels the
 * directories declare are bounded by `options.maxPixels` before decoding.
 */
export function readTiffImages(bytes: Uint8Array, file: string, options: TiffReadOptions = {}): SimsImage[] {
  const magic = bytes.length >= 8 ? String.fromCharCode(...bytes.subarray(0, 4)) : "";
  if (magic !== "II*\u0000" && magic !== "MM\u0000*") throw new TiffImageError(file, "not a TIFF file (no II*/MM* magic)", {byteOffset: 0});
  const pageCount = countPages(bytes, file);
  let ifds: TiffIfd[];
  try {
    ifds = decode(bytes, {ignoreImageData: true});
  } catch (error) {
    throw new TiffImageError(file, `cannot read the image directories: ${(error as Error).message}`);
  }
  if (ifds.length !== pageCount || pageCount === 0) throw new TiffImageError(file, "damaged image directories");
  checkDecodedSize(ifds, file, options);
  const images: SimsImage[] = [];
  ifds.forEach((ifd, page) => {
    checkPage(ifd, file, page, bytes.length);
    if (ifd.width !== ifds[0].width || ifd.height !== ifds[0].height) {
      throw new TiffImageError(file, `page ${page + 1} is ${ifd.width} x ${ifd.height}, page 1 ${ifds[0].width} x ${ifds[0].height}`);
    }
    let data: PixelArray;
    if (ifd.bitsPerSample === 32 && ifd.sampleFormat !== 3) {
      data = readInt32Strips(ifd, bytes, file, page);
    } else {
      try {
        data = decode(bytes, {pages: [page]})[0].data;
      } catch (error) {
        throw new TiffImageError(file, `page ${page + 1}: ${(error as Error).message}`);
      }
      // The decoder reads signed samples as unsigned; the bits are the same, so reinterpret them.
      if (ifd.sampleFormat === 2 && data instanceof Uint16Array) data = new Int16Array(data.buffer, data.byteOffset, data.length);
      if (ifd.sampleFormat === 2 && data instanceof Uint8Array) data = new Int8Array(data.buffer, data.byteOffset, data.length);
    }
    if (data.length !== ifd.width * ifd.height) {
      throw new TiffImageError(file, `page ${page + 1}: decoded ${data.length} values for ${ifd.width} x ${ifd.height} pixels`);
    }
    images.push({data, width: ifd.width, height: ifd.height, header: headerOf(ifd)});
  });
  return images;
}
