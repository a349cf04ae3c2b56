/**
 * A small complex FFT (iterative radix-2, in place) and the 2-D transform built on it. Sizes must be powers of
 * two; callers zero-pad (see `nextPowerOfTwo`). There is no FFT package in this project, and registration
 * only needs images of a few hundred pixels a side.
 */

export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

const twiddleCache = new Map<number, {cos: Float64Array; sin: Float64Array}>();

function twiddles(n: number): {cos: Float64Array; sin: Float64Array} {
  let table = twiddleCache.get(n);
  if (!table) {
    const cos = new Float64Array(n / 2);
    const sin = new Float64Array(n / 2);
    for (let k = 0; k < n / 2; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / n);
      sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    table = {cos, sin};
    twiddleCache.set(n, table);
  }
  return table;
}

/**
 * In-place FFT of `n` complex values stored at `re[offset + k * stride]`, `im[...]`.
 * `inverse` uses the + sign in the exponent and divides by n, so ifft(fft(x)) = x.
 */
export function fft1d(re: Float64Array, im: Float64Array, n: number, inverse = false, offset = 0, stride = 1): void {
  if (n <= 1) return;
  if ((n & (n - 1)) !== 0) throw new RangeError(`fft1d: length ${n} is not a power of two`);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const a = offset + i * stride;
      const b = offset + j * stride;
      let t = re[a]; re[a] = re[b]; re[b] = t;
      t = im[a]; im[a] = im[b]; im[b] = t;
    }
  }
  const {cos, sin} = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = sign * sin[k * step];
        const a = offset + (start + k) * stride;
        const b = a + half * stride;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr; im[b] = im[a] - xi;
        re[a] += xr; im[a] += xi;
      }
    }
  }
  if (inverse) {
    for (let k = 0; k < n; k++) {
      re[offset + k * stride] /= n;
      im[offset + k * stride] /= n;
    }
  }
}

/** In-place 2-D FFT of a `width x height` row-major complex array (both sizes powers of two). */
export function fft2d(re: Float64Array, im: Float64Array, width: number, height: number, inverse = false): void {
  for (let y = 0; y < height; y++) fft1d(re, im, width, inverse, y * width, 1);
  for (let x = 0; x < width; x++) fft1d(re, im, height, inverse, x, width);
}
