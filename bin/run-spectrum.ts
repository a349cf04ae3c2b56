// The mass spectrum of a run (manifest "spectrum"): a SurfaceLab spectrum text export, or an imzML file whose
// .ibd lies beside it (summed over every pixel), as the table the Figure S2 page reads (`mz_u`, `counts`).
import {readFile} from "node:fs/promises";
import {tableFromArrays, type Table} from "apache-arrow";
import {openImzmlPair, summedSpectrum} from "@operando/loaders/imzml/index";
import {readSpectrumText} from "@operando/loaders/spectra/read-spectrum-text";
import type {Spectrum} from "@operando/lib/spectra/spectrum-sum";
import {openIbdFile} from "./ibd-file.js";

async function spectrumOf(path: string): Promise<Spectrum> {
  const bytes = new Uint8Array(await readFile(path));
  if (!/\.imzml$/i.test(path)) return readSpectrumText(bytes, path);
  const {ibd, close} = await openIbdFile(path.replace(/\.imzml$/i, ".ibd"));
  try {
    return await summedSpectrum(await openImzmlPair(bytes, path, ibd));
  } finally {
    await close();
  }
}

/** The run's spectrum as a table; no rows when the run names none. */
export async function runSpectrumTable(path: string | null): Promise<Table> {
  const {mzU, counts} = path ? await spectrumOf(path) : {mzU: new Float64Array(), counts: new Float64Array()};
  return tableFromArrays({mz_u: Float64Array.from(mzU), counts: Float64Array.from(counts)});
}
