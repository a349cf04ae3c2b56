// Binary arrays of the .ibd to numbers: little-endian (imzML's rule; every platform we run on is
// little-endian, so typed arrays read the bytes directly), zlib-inflated when declared.
import {ImzmlError} from "./errors.js";
import type {ArrayRef} from "./spectrum-entry.js";
import {BYTES_PER_VALUE} from "./vocabulary.js";

export type NumberArray = Float32Array | Float64Array | Int32Array;

/** Copies only when the bytes are not aligned for their type (a view otherwise). */
function aligned(bytes: Uint8Array, size: number): {buffer: ArrayBufferLike; byteOffset: number} {
  if (bytes.byteOffset % size === 0) return bytes;
  const copy = bytes.slice();
  return {buffer: copy.buffer, byteOffset: 0};
}

/** The values of an uncompressed (or already inflated) array of `ref.length` values. */
export function decodeValues(bytes: Uint8Array, ref: ArrayRef, fileName: string): NumberArray {
  const size = BYTES_PER_VALUE[ref.type];
  const {buffer, byteOffset} = aligned(bytes, size);
  if (ref.type === "float32") return new Float32Array(buffer, byteOffset, ref.length);
  if (ref.type === "float64") return new Float64Array(buffer, byteOffset, ref.length);
  if (ref.type === "int32") return new Int32Array(buffer, byteOffset, ref.length);
  const wide = new BigInt64Array(buffer, byteOffset, ref.length);
  const values = new Float64Array(ref.length);
  for (let i = 0; i < wide.length; i++) {
    values[i] = Number(wide[i]);
    if (!Number.isSafeInteger(values[i])) {
      throw new ImzmlError(fileName, `64-bit integer ${wide[i]} cannot be held exactly`, {byteOffset: ref.offset + i * 8});
    }
  }
  return values;
}

/**
 * zlib (RFC 1950) through the Compression Streams API, which Node 18+ and every current browser provide.
 * Inflated into a buffer of the declared size, so corrupt data cannot grow without bound.
 */
export async function inflate(bytes: Uint8Array, ref: ArrayRef, fileName: string): Promise<Uint8Array> {
  if (typeof DecompressionStream === "undefined") {
    throw new ImzmlError(fileName, "zlib-compressed arrays need DecompressionStream (Node 18+ or a current browser)", {byteOffset: ref.offset});
  }
  const expected = ref.length * BYTES_PER_VALUE[ref.type];
  const inflated = new Uint8Array(expected);
  const fail = (problem: string) => new ImzmlError(fileName, `zlib data ${problem}, not ${ref.length} ${ref.type} values (${expected} bytes)`, {byteOffset: ref.offset});
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate")).getReader();
  let filled = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw fail(`do not inflate (${(error as Error).message})`);
    }
    if (chunk.done) break;
    if (filled + chunk.value.length > expected) {
      await reader.cancel().catch(() => undefined);
      throw fail("inflate to more");
    }
    inflated.set(chunk.value, filled);
    filled += chunk.value.length;
  }
  if (filled !== expected) throw fail(`inflate to ${filled} bytes`);
  return inflated;
}
