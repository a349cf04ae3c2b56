// imzML (XML + .ibd) image spectra: the index of spectra from the XML, the .ibd read in pieces through a
// callback, ion images by mass window and the summed spectrum. See docs/sims-formats.md.
import type {MassWindow} from "@operando/lib/spectra/mass-window";
import {openImzml, type IbdSource, type ImzmlFile} from "./ibd.js";
import {ionImagesOf, pixelSums, type IonImage} from "./ion-images.js";
import {readImzmlIndex, type PixelSize} from "./read-index.js";
import type {ScanOptions} from "./scan.js";
import type {ImzmlMode} from "./vocabulary.js";

export {ImzmlError} from "./errors.js";

/** An imzML file's name (any case of the extension). */
export const IMZML_FILE = /\.imzml$/i;

/** The .ibd that lies beside an imzML file, with the same base name. */
export function ibdPathBeside(imzmlPath: string): string {
  return imzmlPath.replace(IMZML_FILE, ".ibd");
}
export {ibdFromBytes, openImzml, type IbdSource, type ImzmlFile} from "./ibd.js";
export {ionImagesOf, pixelSums, type IonImage, type PixelSums} from "./ion-images.js";
export {readImzmlIndex, type ImzmlIndex, type PixelSize} from "./read-index.js";
export {forEachSpectrum, type ScanOptions} from "./scan.js";
export type {ArrayRef, SpectrumEntry} from "./spectrum-entry.js";
export {summedSpectrum, type SummedSpectrumOptions} from "./summed-spectrum.js";
export type {ImzmlMode, LengthUnit, NumberType} from "./vocabulary.js";
export {centredWindow, parseMassWindow, type MassWindow} from "@operando/lib/spectra/mass-window";

/** The XML and the .ibd of one imzML pair, read into a checked index (no spectrum read yet). */
export async function openImzmlPair(xml: Uint8Array, xmlFileName: string, ibd: IbdSource): Promise<ImzmlFile> {
  return openImzml(readImzmlIndex(xml, xmlFileName), ibd);
}

export interface ImzmlIonImages {
  /** One per window, in the windows' order, named by the window's ion. */
  images: IonImage[];
  /** The sum of each pixel's whole spectrum. */
  totalCounts: IonImage;
  mode: ImzmlMode;
  pixelSize: PixelSize | null;
  /** Spectra in the file (fewer than width x height for a sparse acquisition). */
  acquiredPixels: number;
  /** E.g. a UUID that differs between the XML and the .ibd, or a max dimension that disagrees. */
  warnings: string[];
}

/** One imzML pair and its mass windows to ion images, reading the .ibd in chunks. */
export async function imzmlIonImages(
  xml: Uint8Array, xmlFileName: string, ibd: IbdSource, windows: readonly MassWindow[], options: ScanOptions = {}
): Promise<ImzmlIonImages> {
  const file = await openImzmlPair(xml, xmlFileName, ibd);
  const {images, totalCounts} = ionImagesOf(file, await pixelSums(file, windows, options));
  return {images, totalCounts, mode: file.mode, pixelSize: file.pixelSize, acquiredPixels: file.spectra.length, warnings: file.warnings};
}
