import type {PixelArray} from "./image.js";

export type CountsResult =
  | {ok: true; counts: Uint16Array | Uint32Array; max: number; total: number}
  | {ok: false; badIndex: number; value: number};

/**
 * Ion counts as the smallest of Uint16/Uint32 (Uint16 unless a pixel needs more), or the first
 * pixel that is not a non-negative integer (negative, fractional, NaN, or beyond 32 bits).
 */
export function toCounts(data: PixelArray): CountsResult {
  if (data instanceof Uint16Array || data instanceof Uint8Array) return checkedNarrow(data, data instanceof Uint16Array ? data : Uint16Array.from(data));
  // Written while checking, assuming 16 bits suffice (true of nearly all ion images); redone if not.
  const narrow = new Uint16Array(data.length);
  let max = 0;
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c >>> 0 !== c) return {ok: false, badIndex: i, value: c}; // ToUint32 changes negatives, fractions, NaN, ≥ 2^32
    if (c > max) max = c;
    total += c;
    narrow[i] = c;
  }
  if (max < 65536) return {ok: true, counts: narrow, max, total};
  return {ok: true, counts: data instanceof Uint32Array ? data : Uint32Array.from(data), max, total};
}

/** 8- and 16-bit unsigned pixels are counts by construction; only their maximum and sum are needed. */
function checkedNarrow(data: Uint8Array | Uint16Array, counts: Uint16Array): CountsResult {
  let max = 0;
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c > max) max = c;
    total += c;
  }
  return {ok: true, counts, max, total};
}

/** Copies into the type the whole table uses (all images share one counts type). */
export function asUintArray(counts: Uint16Array | Uint32Array, target: new (n: number) => Uint8Array | Uint16Array | Uint32Array) {
  if (counts.constructor === target) return counts;
  const out = new target(counts.length);
  out.set(counts);
  return out;
}
