import {NanoSimsError} from "./errors.js";

export type ByteOrder = "big-endian" | "little-endian";

/**
 * Reads fields of a Cameca header in the file's byte order. Every read is bounded by the header, so a field
 * beyond it is an error naming the field and its byte offset rather than a value read from the images.
 */
export class HeaderBytes {
  private readonly view: DataView;
  private readonly little: boolean;

  constructor(readonly bytes: Uint8Array, readonly headerBytes: number, readonly byteOrder: ByteOrder, readonly file: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.little = byteOrder === "little-endian";
  }

  private check(offset: number, length: number, field: string): void {
    if (offset < 0 || offset + length > this.headerBytes) {
      throw new NanoSimsError(this.file, `${field} would lie beyond the end of the ${this.headerBytes}-byte header`, {byteOffset: offset});
    }
  }

  int32(offset: number, field: string): number {
    this.check(offset, 4, field);
    return this.view.getInt32(offset, this.little);
  }

  int16(offset: number, field: string): number {
    this.check(offset, 2, field);
    return this.view.getInt16(offset, this.little);
  }

  float64(offset: number, field: string): number {
    this.check(offset, 8, field);
    return this.view.getFloat64(offset, this.little);
  }

  /** A fixed-size text field: up to its first NUL, Latin-1, trimmed (as both public readers clean strings). */
  text(offset: number, length: number, field: string): string {
    this.check(offset, length, field);
    const raw = this.bytes.subarray(offset, offset + length);
    const end = raw.indexOf(0);
    return String.fromCharCode(...raw.subarray(0, end < 0 ? length : end)).trim();
  }

  /** Where a NUL-terminated marker (`Poly_list`) first or last occurs in the header, or -1. */
  find(marker: string, which: "first" | "last"): number {
    const needle = Uint8Array.from([...marker, "\u0000"], (c) => c.charCodeAt(0));
    const header = this.bytes.subarray(0, this.headerBytes);
    const matchesAt = (at: number) => needle.every((b, k) => header[at + k] === b);
    if (header.length < needle.length) return -1;
    if (which === "first") {
      for (let at = header.indexOf(needle[0]); at >= 0 && at <= header.length - needle.length; at = header.indexOf(needle[0], at + 1)) {
        if (matchesAt(at)) return at;
      }
    } else {
      for (let at = header.lastIndexOf(needle[0], header.length - needle.length); at >= 0; at = at > 0 ? header.lastIndexOf(needle[0], at - 1) : -1) {
        if (matchesAt(at)) return at;
      }
    }
    return -1;
  }
}
