// The mass spectrum of a run (manifest "spectrum"): a SurfaceLab spectrum text export, or an imzML file whose
// .ibd lies beside it (summed over every pixel), as the table the Figure S2 page reads (`mz_u`, `counts`).
// Paths are real paths already resolved inside the run folder (bin/run-folder.ts).
import {readFile} from "node:fs/promises";
import {tableFromArrays, type Table} from "apache-arrow";
import {openImzmlPair, summedSpectrum} from "@operando/loaders/imzml/index";
import {readSpectrumText} from "@operando/loaders/spectra/read-spectrum-text";
import type {Spectrum} from "@operando/lib/spectra/spectrum-sum";
import {openIbdFile} from "./ibd-file.js";

async function spectrumOf({path, ibdPath}: SpectrumFiles): Promise<Spectrum> {
  const bytes = new Uint8Array(await readFile(path));
  if (!ibdPath) return readSpectrumText(bytes, path);
  const {ibd, close} = await openIbdFile(ibdPath);
  try {
    return await summedSpectrum(await openImzmlPair(bytes, path, ibd));
  } finally {
    await close();
  }
}

export interface SpectrumFiles {
  path: string;
  /** The .ibd of an imzML spectrum; none for a text export. */
  ibdPath?: string;
}

/** The run's spectrum as a table; no rows when the run names none. */
export async function runSpectrumTable(files: SpectrumFiles | null): Promise<Table> {
  const {mzU, counts} = files ? await spectrumOf(files) : {mzU: new Float64Array(), counts: new Float64Array()};
  return tableFromArrays({mz_u: Float64Array.from(mzU), counts: Float64Array.from(counts)});
}
