import {HeaderReader} from "./ascii-header.js";
import {detectSeparator, scanBody, type BodyScan} from "./ascii-body.js";
import {AsciiImageError} from "./errors.js";
import type {SimsImage} from "./image.js";

export interface AsciiReadOptions {
  /** `[width, height]` from the manifest, used when the header does not say. */
  expectedPixels?: [number, number];
  /** `"counts"` (default): values must be non-negative integers. `"any"`: any finite numbers. */
  values?: "counts" | "any";
}

export interface AsciiImage extends SimsImage {
  data: Float64Array;
  layout: "matrix" | "listing";
}

/** The optional title line of a listing: `x y counts`, `x;y;intensity`, … */
export const LISTING_TITLES = /^\s*x\s*[\t ,;]\s*y\s*[\t ,;]\s*(counts?|intensity|value)\s*[\t ,;]?\s*$/i;

function decodeLine(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** The end (exclusive, before CR/LF) of the line starting at `start`. */
function lineEnd(bytes: Uint8Array, start: number): {end: number; next: number} {
  let end = bytes.indexOf(10, start);
  const next = end < 0 ? bytes.length : end + 1;
  if (end < 0) end = bytes.length;
  if (end > start && bytes[end - 1] === 13) end--;
  return {end, next};
}

/** Reads a text ion image: `#` header, then a matrix or an `x y counts` listing (docs/sims-formats.md). */
export function readAsciiImage(bytes: Uint8Array, file: string, options: AsciiReadOptions = {}): AsciiImage {
  const header = new HeaderReader(file);
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  let titleLine = 0;
  for (;;) {
    if (offset >= bytes.length) throw new AsciiImageError(file, "no pixel values after the header", {line});
    const {end, next} = lineEnd(bytes, offset);
    let first = offset;
    while (first < end && (bytes[first] === 32 || bytes[first] === 9)) first++;
    if (first === end) {
      // blank line within the header
    } else if (bytes[first] === 35) {
      let textStart = first;
      while (textStart < end && bytes[textStart] === 35) textStart++;
      header.readLine(decodeLine(bytes.subarray(textStart, end)), line);
    } else if (titleLine === 0 && LISTING_TITLES.test(decodeLine(bytes.subarray(first, Math.min(end, first + 200))))) {
      titleLine = line;
    } else {
      break;
    }
    offset = next;
    line++;
  }
  const firstBodyLine = lineEnd(bytes, offset);
  const separator = detectSeparator(bytes.subarray(offset, firstBodyLine.end));
  const pixels = header.header.pixels ?? options.expectedPixels;
  // Room for a matrix of the stated size (a listing without a title line grows once); never more than the bytes allow.
  const valueHint = Math.min(pixels ? pixels[0] * pixels[1] * (titleLine ? 3 : 1) : Infinity, (bytes.length >> 1) + 16);
  const scan = scanBody(bytes, offset, line, separator, file, valueHint);

  if (scan.rows === 0) throw new AsciiImageError(file, "no pixel values after the header", {line});
  const columns = scan.rowLengths[0];
  for (let r = 1; r < scan.rows; r++) {
    if (scan.rowLengths[r] !== columns) {
      throw new AsciiImageError(file, `row has ${scan.rowLengths[r]} values, the first row ${columns}`, {line: scan.rowLines[r]});
    }
  }
  let image: AsciiImage;
  const isListing =
    titleLine !== 0 ||
    (columns === 3 && (pixels ? !(pixels[0] === 3 && pixels[1] === scan.rows) : fitsListing(scan)));
  if (isListing) {
    if (columns !== 3) throw new AsciiImageError(file, `a listing needs 3 columns (x y counts), found ${columns}`, {line: scan.rowLines[0]});
    image = listingImage(scan, pixels, file);
  } else {
    if (pixels && (pixels[0] !== columns || pixels[1] !== scan.rows)) {
      const source = header.header.pixels ? "header" : "manifest";
      throw new AsciiImageError(file, `${source} says ${pixels[0]} x ${pixels[1]} pixels but the matrix has ${columns} columns and ${scan.rows} rows`, {line: scan.rowLines[0]});
    }
    image = {data: scan.values, width: columns, height: scan.rows, header: header.header, layout: "matrix"};
  }
  image.header = header.finish(image.width, image.height);
  if ((options.values ?? "counts") === "counts") checkCounts(image, scan, file, header);
  return image;
}

/** Without a size in the header, 3 columns are a listing if x and y tile a grid exactly once. */
function fitsListing(scan: BodyScan): boolean {
  const v = scan.values;
  let maxX = 0;
  let maxY = 0;
  for (let r = 0; r < scan.rows; r++) {
    const x = v[3 * r];
    const y = v[3 * r + 1];
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0) return false;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  if ((maxX + 1) * (maxY + 1) !== scan.rows) return false;
  const seen = new Uint8Array(scan.rows);
  for (let r = 0; r < scan.rows; r++) {
    const index = v[3 * r + 1] * (maxX + 1) + v[3 * r];
    if (seen[index]) return false;
    seen[index] = 1;
  }
  return true;
}

function listingImage(scan: BodyScan, pixels: [number, number] | undefined, file: string): AsciiImage {
  const v = scan.values;
  let width = pixels?.[0] ?? 0;
  let height = pixels?.[1] ?? 0;
  if (!pixels) {
    for (let r = 0; r < scan.rows; r++) {
      width = Math.max(width, v[3 * r] + 1);
      height = Math.max(height, v[3 * r + 1] + 1);
    }
  }
  if (!(width * height <= scan.rows)) {
    throw new AsciiImageError(file, `listing has ${scan.rows} pixels for a ${width} x ${height} image`, {line: scan.rowLines[0]});
  }
  const data = new Float64Array(width * height);
  const seen = new Uint8Array(width * height);
  for (let r = 0; r < scan.rows; r++) {
    const x = v[3 * r];
    const y = v[3 * r + 1];
    const at = {line: scan.rowLines[r]};
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0) {
      throw new AsciiImageError(file, `pixel indices ${x}, ${y} are not non-negative integers`, at);
    }
    if (x >= width || y >= height) throw new AsciiImageError(file, `pixel ${x}, ${y} is outside the ${width} x ${height} image`, at);
    const index = y * width + x;
    if (seen[index]) throw new AsciiImageError(file, `pixel ${x}, ${y} is listed twice`, at);
    seen[index] = 1;
    data[index] = v[3 * r + 2];
  }
  if (scan.rows !== width * height) {
    throw new AsciiImageError(file, `listing has ${scan.rows} pixels for a ${width} x ${height} image`, {line: scan.rowLines[0]});
  }
  return {data, width, height, header: {extra: {}, notes: []}, layout: "listing"};
}

function checkCounts(image: AsciiImage, scan: BodyScan, file: string, header: HeaderReader): void {
  const {data, width} = image;
  const total = image.header.totalCounts;
  if (scan.integersOnly && total === undefined) return; // nothing to check, and the scan proved it
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (!(c >= 0 && Number.isInteger(c))) {
      const [x, y] = [i % width, Math.floor(i / width)];
      const row = image.layout === "matrix" ? y : listingRowOf(scan, x + y * width, width);
      throw new AsciiImageError(file, `counts ${c} at pixel ${x}, ${y} are not a non-negative integer`, {line: scan.rowLines[row]});
    }
    sum += c;
  }
  if (total !== undefined && total !== sum) {
    throw new AsciiImageError(file, `header total counts ${total} but the pixels sum to ${sum}`, {line: header.lineOf("totalCounts")});
  }
}

function listingRowOf(scan: BodyScan, pixelIndex: number, width: number): number {
  for (let r = 0; r < scan.rows; r++) {
    if (scan.values[3 * r] + scan.values[3 * r + 1] * width === pixelIndex) return r;
  }
  return 0;
}
