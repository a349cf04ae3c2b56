/**
 * Splitting touching particles: exact Euclidean distance transform of the foreground (Felzenszwalb &
 * Huttenlocher 2012), markers at the distance map's local maxima (a pixel whose distance is the largest within
 * `minPeakDistancePx` and at least `minPeakHeightPx`; touching maxima form one marker), then a marker-controlled
 * watershed: the foreground is flooded from the markers in order of decreasing distance, each pixel taking the
 * label of the neighbour that reached it first. Two round particles that touch get one marker each and split
 * along the neck; an elongated one may get two (over-splitting is preferred to merging two particles with
 * different behaviour).
 */
import {connectedComponents} from "./connected.js";

/** 1-D squared distance transform of f (0 on background, Infinity on foreground). */
function distance1d(f: Float64Array, n: number, out: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    if (f[q] === Infinity && f[v[k]] === Infinity) continue;
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    out[q] = f[v[k]] === Infinity ? Infinity : (q - v[k]) ** 2 + f[v[k]];
  }
}

/** Euclidean distance (px) from each foreground pixel to the nearest background pixel; the outside is background. */
export function distanceTransform(mask: ArrayLike<number>, width: number, height: number): Float64Array {
  // Pad by one pixel of background so the image border counts as background.
  const w = width + 2;
  const h = height + 2;
  const grid = new Float64Array(w * h);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) grid[(y + 1) * w + x + 1] = mask[y * width + x] ? Infinity : 0;
  const n = Math.max(w, h);
  const [f, out, z] = [new Float64Array(n), new Float64Array(n), new Float64Array(n + 1)];
  const v = new Int32Array(n);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) f[y] = grid[y * w + x];
    distance1d(f, h, out, v, z);
    for (let y = 0; y < h; y++) grid[y * w + x] = out[y];
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) f[x] = grid[y * w + x];
    distance1d(f, w, out, v, z);
    for (let x = 0; x < w; x++) grid[y * w + x] = out[x];
  }
  const distance = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) distance[y * width + x] = Math.sqrt(grid[(y + 1) * w + x + 1]);
  return distance;
}

export interface SplitOptions {
  minPeakDistancePx?: number;
  minPeakHeightPx?: number;
}

/** Labels 1..count of the foreground split at its necks (scan order of the markers). */
export function splitTouching(mask: ArrayLike<number>, width: number, height: number, options: SplitOptions = {}): {labels: Int32Array; count: number} {
  const {minPeakDistancePx = 6, minPeakHeightPx = 2} = options;
  const distance = distanceTransform(mask, width, height);
  const peaks = new Uint8Array(width * height);
  const r = Math.ceil(minPeakDistancePx);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = distance[y * width + x];
      if (!(d >= minPeakHeightPx)) continue;
      let isPeak = true;
      for (let dy = -r; dy <= r && isPeak; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || nx >= width || ny < 0 || ny >= height || dx * dx + dy * dy > r * r) continue;
          if (distance[ny * width + nx] > d) {
            isPeak = false;
            break;
          }
        }
      }
      if (isPeak) peaks[y * width + x] = 1;
    }
  }
  const markers = connectedComponents(peaks, width, height);
  const labels = markers.labels;
  // Flood in order of decreasing distance: a binary max-heap of pixel indices keyed by distance.
  const heap: number[] = [];
  const push = (i: number): void => {
    heap.push(i);
    let k = heap.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (distance[heap[parent]] >= distance[heap[k]]) break;
      [heap[parent], heap[k]] = [heap[k], heap[parent]];
      k = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let k = 0;
      for (;;) {
        const [a, b] = [2 * k + 1, 2 * k + 2];
        let largest = k;
        if (a < heap.length && distance[heap[a]] > distance[heap[largest]]) largest = a;
        if (b < heap.length && distance[heap[b]] > distance[heap[largest]]) largest = b;
        if (largest === k) break;
        [heap[largest], heap[k]] = [heap[k], heap[largest]];
        k = largest;
      }
    }
    return top;
  };
  const queued = new Uint8Array(width * height);
  const neighbours = (i: number): number[] => {
    const x = i % width;
    return [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i >= width ? i - width : -1, i + width < width * height ? i + width : -1];
  };
  for (let i = 0; i < labels.length; i++) {
    if (!labels[i]) continue;
    for (const n of neighbours(i)) {
      if (n >= 0 && mask[n] && !labels[n] && !queued[n]) {
        queued[n] = 1;
        push(n);
      }
    }
  }
  while (heap.length > 0) {
    const i = pop();
    for (const n of neighbours(i)) if (n >= 0 && labels[n]) { labels[i] = labels[n]; break; }
    for (const n of neighbours(i)) {
      if (n >= 0 && mask[n] && !labels[n] && !queued[n]) {
        queued[n] = 1;
        push(n);
      }
    }
  }
  // Foreground pieces without a marker (too thin for one) keep a label of their own.
  let count = markers.count;
  const rest = connectedComponents(Uint8Array.from(labels, (l, i) => (mask[i] && !l ? 1 : 0)), width, height);
  for (let i = 0; i < labels.length; i++) if (rest.labels[i]) labels[i] = count + rest.labels[i];
  count += rest.count;
  return {labels, count};
}
