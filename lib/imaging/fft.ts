/**
 * A small complex FFT (iterative radix-2, in place) and the 2-D transform built on it. Sizes must be powers of
 * two; callers zero-pad (see `nextPowerOfTwo`). There is no FFT package in this project, and registration
 * only needs images of a few hundred pixels a side.
 *
 * The 2-D transform's column pass runs the butterflies of whole rows at once (row a against row b, every x in
 * turn): memory is read in order, where one column at a time would jump a row's length at every step (about 5x
 * slower on 512 x 512).
 */

export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

interface Plan {
  cos: Float64Array;
  sin: Float64Array;
  /** reversed[i]: i with its log2(n) bits in reverse order. */
  reversed: Uint32Array;
}

const plans = new Map<number, Plan>();

function planOf(n: number): Plan {
  if ((n & (n - 1)) !== 0 || n < 1) throw new RangeError(`fft: length ${n} is not a power of two`);
  let plan = plans.get(n);
  if (!plan) {
    const cos = new Float64Array(n / 2);
    const sin = new Float64Array(n / 2);
    for (let k = 0; k < n / 2; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / n);
      sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    const reversed = new Uint32Array(n);
    for (let i = 1, j = 0; i < n; i++) {
      let bit = n >> 1;
      for (; j & bit; bit >>= 1) j ^= bit;
      j ^= bit;
      reversed[i] = j;
    }
    plan = {cos, sin, reversed};
    plans.set(n, plan);
  }
  return plan;
}

/** Unscaled transform of `n` values at `re[offset + k]` (sign -1 forward, +1 inverse). */
function transformRow(re: Float64Array, im: Float64Array, n: number, offset: number, sign: number): void {
  const {cos, sin, reversed} = planOf(n);
  for (let i = 1; i < n; i++) {
    const j = reversed[i];
    if (i < j) {
      const a = offset + i;
      const b = offset + j;
      let t = re[a]; re[a] = re[b]; re[b] = t;
      t = im[a]; im[a] = im[b]; im[b] = t;
    }
  }
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = n / size;
    for (let start = offset; start < offset + n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = sign * sin[k * step];
        const a = start + k;
        const b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr; im[b] = im[a] - xi;
        re[a] += xr; im[a] += xi;
      }
    }
  }
}

/** In-place FFT of `n` complex values; `inverse` uses the + sign in the exponent and divides by n, so ifft(fft(x)) = x. */
export function fft1d(re: Float64Array, im: Float64Array, n: number, inverse = false): void {
  if (n <= 1) return;
  transformRow(re, im, n, 0, inverse ? 1 : -1);
  if (inverse) {
    for (let k = 0; k < n; k++) {
      re[k] /= n;
      im[k] /= n;
    }
  }
}

/** Unscaled transform of the rows `rows` (indexes) of a `width`-wide row-major array. */
export function transformRows(re: Float64Array, im: Float64Array, width: number, rows: Iterable<number>, inverse = false): void {
  if (width <= 1) return;
  for (const y of rows) transformRow(re, im, width, y * width, inverse ? 1 : -1);
}

/** Unscaled transform of every column of a `width x height` row-major array, a whole row of butterflies at a time. */
export function transformColumns(re: Float64Array, im: Float64Array, width: number, height: number, inverse = false): void {
  if (height <= 1) return;
  const {cos, sin, reversed} = planOf(height);
  const sign = inverse ? 1 : -1;
  const swap = new Float64Array(width);
  for (let i = 1; i < height; i++) {
    const j = reversed[i];
    if (i < j) {
      for (const part of [re, im]) {
        swap.set(part.subarray(i * width, (i + 1) * width));
        part.copyWithin(i * width, j * width, (j + 1) * width);
        part.set(swap, j * width);
      }
    }
  }
  for (let size = 2; size <= height; size *= 2) {
    const half = size / 2;
    const step = height / size;
    for (let start = 0; start < height; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = sign * sin[k * step];
        const rowA = (start + k) * width;
        const rowB = rowA + half * width;
        for (let x = 0; x < width; x++) {
          const a = rowA + x;
          const b = rowB + x;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr; im[b] = im[a] - xi;
          re[a] += xr; im[a] += xi;
        }
      }
    }
  }
}

/** In-place 2-D FFT of a `width x height` row-major complex array (both sizes powers of two). */
export function fft2d(re: Float64Array, im: Float64Array, width: number, height: number, inverse = false): void {
  planOf(width);
  planOf(height);
  transformRows(re, im, width, Array.from({length: height}, (_, y) => y), inverse);
  transformColumns(re, im, width, height, inverse);
  if (inverse) {
    const scale = 1 / (width * height);
    for (let i = 0; i < re.length; i++) {
      re[i] *= scale;
      im[i] *= scale;
    }
  }
}
