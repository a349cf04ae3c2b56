/**
 * A region's registered frame stack as one data matrix for multivariate analysis: one row per (frame, pixel)
 * and one column per ion, i.e. (pixels x frames) x ions.
 *
 * Why this layout and not pixels x (ions x frames): a component is then a mass-spectral signature (a phase, or a
 * state of one) shared by every frame, with a score in every pixel of every frame, so each component has a score
 * image per frame and a mean score per frame to plot against state of charge. With ions x frames as columns a
 * component's loading mixes which ions with when, and each component has a single score image.
 *
 * Frames are moved onto the reference grid by their drift rounded to whole pixels (lib/imaging/change.ts), so the
 * entries stay Poisson counts (the Poisson scaling before PCA assumes counts; a sub-pixel shift would share
 * counts between neighbours and correlate their noise). Only pixels seen by every frame are kept. `binFactor`
 * sums factor x factor blocks after the alignment (counts stay counts; a bin is kept only when every frame saw all
 * of it; a ragged edge is cropped), e.g. to make NMF four times faster with 2x2.
 */
import {binRaster} from "../imaging/bin.js";
import {alignToReference} from "../imaging/change.js";
import {frameRaster, type ImageStack} from "../imaging/raster.js";

export interface FrameMatrix {
  region: string;
  ions: string[];
  frames: number[];
  /** Size of the (binned) reference grid. */
  width: number;
  height: number;
  binFactor: number;
  /** Reference-grid pixel index (y * width + x) of each row within a frame; the same pixels in every frame. */
  pixels: Int32Array;
  /** rows x ions, row-major; row = slot * pixels.length + k for frame slot `slot` and pixel `pixels[k]`. */
  data: Float64Array;
  rows: number;
}

export function frameMatrix(stacks: ImageStack[], region: string, ions: string[], driftPx: (frame: number) => [number, number],
  options: {binFactor?: number} = {}): FrameMatrix {
  const {binFactor = 1} = options;
  if (ions.length < 2) throw new RangeError(`frameMatrix: needs at least two ions, got ${ions.length}`);
  const chosen = ions.map((ion) => {
    const stack = stacks.find((s) => s.region === region && s.ion === ion);
    if (!stack) throw new RangeError(`frameMatrix: region "${region}" has no ${ion} images`);
    return stack;
  });
  const [first] = chosen;
  for (const stack of chosen) {
    if (stack.width !== first.width || stack.height !== first.height || stack.frames.join() !== first.frames.join()) {
      throw new RangeError(`frameMatrix: ${stack.ion} images of "${region}" differ in size or frames from ${first.ion}`);
    }
  }
  const {frames} = first;
  const width = Math.floor(first.width / binFactor);
  const height = Math.floor(first.height / binFactor);
  const size = width * height;
  // Unseen pixels (-1 after the shift) become NaN, so a bin holding any of them is NaN too.
  const aligned = chosen.map((stack) => frames.map((frame, slot) => {
    const image = alignToReference(frameRaster(stack, slot), driftPx(frame));
    const unseenAsNaN = {...image, data: image.data.map((v) => (v < 0 ? NaN : v))};
    return binFactor === 1 ? unseenAsNaN.data : binRaster(unseenAsNaN, binFactor, "crop").data;
  }));
  const seenByAll = new Uint8Array(size).fill(1);
  for (const perFrame of aligned[0]) for (let i = 0; i < size; i++) if (Number.isNaN(perFrame[i])) seenByAll[i] = 0;
  const pixels = Int32Array.from({length: size}, (_, i) => i).filter((i) => seenByAll[i] === 1);
  const rows = pixels.length * frames.length;
  const data = new Float64Array(rows * ions.length);
  for (let slot = 0; slot < frames.length; slot++) {
    for (let k = 0; k < pixels.length; k++) {
      const row = slot * pixels.length + k;
      for (let j = 0; j < ions.length; j++) data[row * ions.length + j] = aligned[j][slot][pixels[k]];
    }
  }
  return {region, ions: [...ions], frames: [...frames], width, height, binFactor, pixels, data, rows};
}

export interface FrameScore {
  /** Mean score of the frame's pixels. */
  mean: number;
  /** Standard error of that mean (the pixels' standard deviation over the square root of their number). */
  standardError: number;
}

/** Per component, the mean of each frame's rows with its standard error (e.g. to plot against state of charge). */
export function scoresPerFrame(matrix: Pick<FrameMatrix, "frames" | "pixels">, scores: ArrayLike<number>, components: number): FrameScore[][] {
  const perFrame = matrix.pixels.length;
  return Array.from({length: components}, (_, c) => matrix.frames.map((_, slot) => {
    let sum = 0;
    let squares = 0;
    for (let k = 0; k < perFrame; k++) {
      const score = scores[(slot * perFrame + k) * components + c];
      sum += score;
      squares += score * score;
    }
    const mean = sum / perFrame;
    const variance = perFrame > 1 ? Math.max(0, (squares - perFrame * mean * mean) / (perFrame - 1)) : NaN;
    return {mean, standardError: Math.sqrt(variance / perFrame)};
  }));
}

/** Per component, the mean of each frame's rows. */
export function meanPerFrame(matrix: Pick<FrameMatrix, "frames" | "pixels">, scores: ArrayLike<number>, components: number): number[][] {
  return scoresPerFrame(matrix, scores, components).map((frames) => frames.map((f) => f.mean));
}

/** Component `c`'s scores of frame slot `slot` as an image on the reference grid (NaN where a frame saw nothing). */
export function scoreImage(matrix: Pick<FrameMatrix, "width" | "height" | "pixels">, scores: ArrayLike<number>, components: number, c: number, slot: number): Float32Array {
  const image = new Float32Array(matrix.width * matrix.height).fill(NaN);
  const perFrame = matrix.pixels.length;
  for (let k = 0; k < perFrame; k++) image[matrix.pixels[k]] = scores[(slot * perFrame + k) * components + c];
  return image;
}
