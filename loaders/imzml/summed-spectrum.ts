// The summed spectrum of a whole imzML image (Figure S2's spectrum): on the common axis in continuous
// mode; in processed mode on the union of the m/z values, or into bins when a bin width is given.
import {axisSum, unionSum, type Spectrum, type SpectrumSum} from "@operando/lib/spectra/spectrum-sum";
import {ImzmlError} from "./errors.js";
import type {ImzmlFile} from "./ibd.js";
import {forEachSpectrum, type ScanOptions} from "./scan.js";

export interface SummedSpectrumOptions extends ScanOptions {
  /** Bins of this width (u) instead of the exact m/z values (any mode). */
  binWidthU?: number;
}

export async function summedSpectrum(file: ImzmlFile, options: SummedSpectrumOptions = {}): Promise<Spectrum> {
  const onAxis = file.mode === "continuous" && options.binWidthU === undefined;
  let sum: SpectrumSum | null = onAxis ? null : unionSum(options.binWidthU);
  await forEachSpectrum(file, (spectrum, mz, intensity) => {
    sum ??= axisSum(mz);
    try {
      sum.add(mz, intensity);
    } catch (error) {
      // The sum refuses m/z values that are not finite, or too many distinct ones without a bin width.
      if (!(error instanceof RangeError)) throw error;
      throw new ImzmlError(file.ibd.name, `summed spectrum, at the spectrum at (${spectrum.x + 1}, ${spectrum.y + 1}): ${error.message}`, {byteOffset: spectrum.mz.offset});
    }
  }, options);
  return sum!.result();
}
