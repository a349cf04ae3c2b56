// Ion images by mass window: one pass over the .ibd sums each acquired pixel's spectrum inside every
// window, and over the whole spectrum (total counts). Pixels that were not acquired are NaN in the images.
import {checkedWindows, type MassWindow} from "@operando/lib/spectra/mass-window";
import {addRangeSums, addWindowSums, isAscending, sumOf, windowRanges} from "@operando/lib/spectra/window-sums";
import {ImzmlError} from "./errors.js";
import type {NumberArray} from "./decode.js";
import type {ImzmlFile} from "./ibd.js";
import {forEachSpectrum, type ScanOptions} from "./scan.js";
import type {SpectrumEntry} from "./spectrum-entry.js";

/** Window sums of every acquired pixel, in the file's spectrum order. */
export interface PixelSums {
  x: Uint32Array;
  y: Uint32Array;
  totalCounts: Float64Array;
  /** One array per window, in the windows' order. */
  windowCounts: Float64Array[];
  windows: readonly MassWindow[];
}

export interface IonImage {
  ion: string;
  width: number;
  height: number;
  /** Row-major, `data[y * width + x]`; NaN where no spectrum was acquired. */
  data: Float64Array;
  pixelSizeUm: {x: number; y: number} | null;
}

function checkMz(mz: NumberArray, spectrum: SpectrumEntry, file: ImzmlFile): void {
  for (let i = 0; i < mz.length; i++) {
    if (!(mz[i] >= 0 && Number.isFinite(mz[i]))) {
      throw new ImzmlError(file.ibd.name, `m/z value ${mz[i]} of the spectrum at (${spectrum.x + 1}, ${spectrum.y + 1}) is not a finite non-negative number`, {byteOffset: spectrum.mz.offset});
    }
  }
}

/** Sums every acquired pixel's spectrum inside each window (bounds inclusive) and over the whole spectrum. */
export async function pixelSums(file: ImzmlFile, windows: readonly MassWindow[], options: ScanOptions = {}): Promise<PixelSums> {
  checkedWindows(windows);
  const order = new Map(file.spectra.map((s, i) => [s, i]));
  const n = file.spectra.length;
  const result: PixelSums = {
    x: Uint32Array.from(file.spectra, (s) => s.x), y: Uint32Array.from(file.spectra, (s) => s.y),
    totalCounts: new Float64Array(n), windowCounts: windows.map(() => new Float64Array(n)), windows
  };
  const sums = new Float64Array(windows.length);
  // Continuous mode: the windows' index ranges on the shared axis, found once (null when it is not ascending).
  let sharedRanges: Uint32Array | null | undefined;
  await forEachSpectrum(file, (spectrum, mz, intensity) => {
    const i = order.get(spectrum)!;
    sums.fill(0);
    if (file.mode === "continuous" && sharedRanges === undefined) {
      sharedRanges = isAscending(mz) ? windowRanges(mz, windows) : null;
      if (!sharedRanges) checkMz(mz, spectrum, file);
    }
    const ranges = file.mode === "continuous" ? sharedRanges : isAscending(mz) ? windowRanges(mz, windows) : null;
    if (ranges) {
      addRangeSums(intensity, ranges, sums);
    } else {
      if (file.mode === "processed") checkMz(mz, spectrum, file);
      addWindowSums(mz, intensity, windows, sums);
    }
    result.totalCounts[i] = sumOf(intensity);
    for (let w = 0; w < windows.length; w++) result.windowCounts[w][i] = sums[w];
  }, options);
  return result;
}

/** The images of `sums` (one per window, then `total`), on the file's full pixel grid. */
export function ionImagesOf(file: ImzmlFile, sums: PixelSums): {images: IonImage[]; totalCounts: IonImage} {
  const image = (ion: string, values: Float64Array): IonImage => {
    const data = new Float64Array(file.width * file.height).fill(NaN);
    for (let i = 0; i < values.length; i++) data[sums.y[i] * file.width + sums.x[i]] = values[i];
    return {ion, width: file.width, height: file.height, data, pixelSizeUm: file.pixelSizeUm};
  };
  return {images: sums.windows.map((w, k) => image(w.ion, sums.windowCounts[k])), totalCounts: image("total", sums.totalCounts)};
}
