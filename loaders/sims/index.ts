import type {Table} from "apache-arrow";
import {LISTING_TITLES, readAsciiImage} from "./read-ascii.js";
import {readTiffImages, type TiffReadOptions} from "./read-tiff.js";
import {AsciiImageError, Bif6Error, TiffImageError} from "./errors.js";
import {imageTable} from "./image-table.js";

export {readAsciiImage, type AsciiReadOptions} from "./read-ascii.js";
export {readTiffImages, DEFAULT_MAX_PIXELS, type TiffReadOptions} from "./read-tiff.js";
export {writeAsciiImage, type AsciiImageHeader, type AsciiWriteOptions} from "./write-ascii.js";
export {validateManifest, imageEntries, type Manifest} from "./manifest.js";
export {loadRun} from "./run.js";
export * from "./errors.js";

export type ImageFormat = "ascii-image" | "tiff" | "bif6";

const BIF6_MAGIC = [0, 0, 0x42, 0x49, 0x46, 0x36];
const TEXT_EXTENSIONS = /\.(txt|asc|csv)$/i;
const NUMBER_TOKEN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A row of numbers. Split first, then test each token: one regex over the row would backtrack exponentially. */
function isNumericRow(line: string): boolean {
  const tokens = line.trim().split(/[\s,;]+/);
  if (tokens.at(-1) === "") tokens.pop(); // a trailing separator
  return tokens.length > 0 && tokens.every((t) => NUMBER_TOKEN.test(t));
}

/**
 * Which image reader fits: BIF6 and TIFF by magic; text by extension and content (a `#` header and/or
 * numeric rows). A BioLogic/Gamry/cycler file has a title line or a banner that is neither, so it is
 * not claimed.
 */
export function sniffImageFormat(bytes: Uint8Array, fileName: string): ImageFormat | null {
  if (bytes.length >= 12 && BIF6_MAGIC.every((b, i) => bytes[i] === b)) return "bif6";
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic === "II*\u0000" || magic === "MM\u0000*") return "tiff";
  if (!TEXT_EXTENSIONS.test(fileName)) return null;
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return null;
  const lines = new TextDecoder("latin1").decode(head).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "").split("\n");
  if (bytes.length > head.length) lines.pop(); // possibly cut
  let numericRows = 0;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "" || line.trimStart().startsWith("#")) {
      if (numericRows > 0 && line.trim() !== "") return null;
      continue;
    }
    if (numericRows === 0 && LISTING_TITLES.test(line)) continue;
    if (!isNumericRow(line)) return null;
    if (++numericRows >= 3) break;
  }
  return numericRows > 0 ? "ascii-image" : null;
}

/**
 * One image file (ASCII export, TIFF or TIFF stack) as a pixels-like table `ion, frame, x, y, counts`
 * (frame = page of a stack), with the header facts as schema metadata. Counts must be non-negative integers.
 * A TIFF's declared pixels are bounded by `options.maxPixels` before decoding (an ASCII export's allocations
 * are bounded by its own size).
 */
export function parseImageFile(bytes: Uint8Array, fileName: string, options: TiffReadOptions = {}): Table {
  const format = sniffImageFormat(bytes, fileName);
  if (format === "ascii-image") return imageTable([readAsciiImage(bytes, fileName)], fileName, format);
  if (format === "tiff") {
    const pages = readTiffImages(bytes, fileName, options);
    return imageTable(pages, fileName, format, (problem) => new TiffImageError(fileName, problem));
  }
  if (format === "bif6") {
    throw new Bif6Error(fileName, "BIF6 is recognised but not read: its public layout leaves the image orientation open (docs/sims-formats.md)", {byteOffset: 0});
  }
  // A text file that does not look like an image still goes through the reader, whose error says where it fails.
  if (TEXT_EXTENSIONS.test(fileName) && !bytes.subarray(0, 8192).includes(0)) {
    return imageTable([readAsciiImage(bytes, fileName)], fileName, "ascii-image");
  }
  throw new AsciiImageError(fileName, "not an ion image (expected a text export with a # header and rows of counts, or a TIFF)");
}
