// The .ibd side of an imzML pair, read through a callback so that it is never needed whole: bin/ reads a
// file handle, a page a File slice or an ArrayBuffer it already holds.
import {ImzmlError} from "./errors.js";
import type {ImzmlIndex} from "./read-index.js";

export interface IbdSource {
  /** The .ibd's name, for messages. */
  name: string;
  byteLength: number;
  /** `length` bytes from `offset`, which must not change afterwards (a fresh buffer, or a view of one that is never reused). */
  read(offset: number, length: number): Uint8Array | Promise<Uint8Array>;
}

/** An imzML index with its .ibd, checked to hold every array the index points to. */
export interface ImzmlFile extends ImzmlIndex {
  ibd: IbdSource;
}

/** The 16-byte UUID that starts every .ibd. */
const HEADER_BYTES = 16;

/** An .ibd already in memory. */
export function ibdFromBytes(bytes: Uint8Array, name: string): IbdSource {
  return {name, byteLength: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length)};
}

export async function readIbd(ibd: IbdSource, offset: number, length: number): Promise<Uint8Array> {
  const bytes = await ibd.read(offset, length);
  if (bytes.length !== length) throw new ImzmlError(ibd.name, `read ${bytes.length} bytes where ${length} were expected`, {byteOffset: offset + bytes.length});
  return bytes;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * Ties an index to its .ibd: every array must lie after the UUID and within the file. A UUID that differs
 * from the XML's is a warning, not an error: real IONTOF exports have one.
 */
export async function openImzml(index: ImzmlIndex, ibd: IbdSource): Promise<ImzmlFile> {
  if (ibd.byteLength < HEADER_BYTES) throw new ImzmlError(ibd.name, `${ibd.byteLength} bytes, shorter than the 16-byte UUID that starts an .ibd`, {byteOffset: 0});
  for (const spectrum of index.spectra) {
    for (const [what, ref] of [["m/z", spectrum.mz], ["intensity", spectrum.intensity]] as const) {
      const where = `spectrum at (${spectrum.x + 1}, ${spectrum.y + 1}) (line ${spectrum.line} of ${index.fileName})`;
      if (ref.offset < HEADER_BYTES) throw new ImzmlError(ibd.name, `${what} array of the ${where} starts inside the UUID`, {byteOffset: ref.offset});
      if (ref.offset + ref.encodedLength > ibd.byteLength) {
        throw new ImzmlError(ibd.name, `${what} array of the ${where} ends at byte ${ref.offset + ref.encodedLength}, beyond the end of the file (${ibd.byteLength} bytes)`, {byteOffset: ref.offset});
      }
    }
  }
  const warnings = [...index.warnings];
  const ibdUuid = hex(await readIbd(ibd, 0, HEADER_BYTES));
  if (index.uuid !== null && ibdUuid !== index.uuid) warnings.push(`UUID of the .ibd (${ibdUuid}) differs from the XML's (${index.uuid})`);
  return {...index, warnings, ibd};
}
