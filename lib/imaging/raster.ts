/**
 * Images and image stacks (docs/data-model.md): flat, row-major `data[y * width + x]`, x right, y down.
 * A stack holds every frame of one (region, ion) as one typed array `frames x height x width`, so that an
 * ROI sum is a walk over contiguous memory.
 */

export interface Raster<T extends ArrayLike<number> = ArrayLike<number>> {
  data: T;
  width: number;
  height: number;
}

/** Ion counts are non-negative integers; the smallest unsigned type that holds the data. */
export type CountArray = Uint16Array | Uint32Array;

/** The id of the total-ion image in a run (docs/data-model.md). */
export const TOTAL_ION = "total";

export interface ImageStack {
  run: string;
  region: string;
  ion: string;
  width: number;
  height: number;
  pixelWidthUm: number;
  pixelHeightUm: number;
  /** Frame index (as in the frames table) of each slot of `data`, ascending. */
  frames: number[];
  /** `frames.length * height * width` counts; slot `s` starts at `s * width * height`. */
  data: CountArray;
}

/** The image of one slot of a stack, as a view (no copy). */
export function frameRaster(stack: ImageStack, slot: number): Raster<CountArray> {
  if (!Number.isInteger(slot) || slot < 0 || slot >= stack.frames.length) {
    throw new RangeError(`frameRaster: slot ${slot} is not in 0..${stack.frames.length - 1}`);
  }
  const size = stack.width * stack.height;
  return {data: stack.data.subarray(slot * size, (slot + 1) * size), width: stack.width, height: stack.height};
}

/** Centre of pixel (x, y) in um from the top-left corner of the field of view. */
export function pixelCentreUm(stack: Pick<ImageStack, "pixelWidthUm" | "pixelHeightUm">, x: number, y: number): [number, number] {
  return [(x + 0.5) * stack.pixelWidthUm, (y + 0.5) * stack.pixelHeightUm];
}

/** Sum of every pixel of every frame: one image summed over the stack (e.g. an immobile ion for segmentation). */
export function sumFrames(stack: ImageStack, slots: number[] = stack.frames.map((_, i) => i)): Raster<Float64Array> {
  const size = stack.width * stack.height;
  const sum = new Float64Array(size);
  for (const slot of slots) {
    const frame = frameRaster(stack, slot).data;
    for (let i = 0; i < size; i++) sum[i] += frame[i];
  }
  return {data: sum, width: stack.width, height: stack.height};
}

export function rasterTotal(raster: Raster): number {
  let total = 0;
  const {data} = raster;
  for (let i = 0; i < data.length; i++) total += data[i];
  return total;
}
