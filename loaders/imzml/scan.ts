// Every spectrum of an imzML file, decoded, in the order of its bytes in the .ibd, reading the .ibd in
// chunks: a 600 MB file is never held whole. Two chunks are kept, so that a file that stores all m/z
// arrays first and all intensities after is still read front to back twice, not back and forth.
import {decodeValues, inflate, type NumberArray} from "./decode.js";
import {readIbd, type ImzmlFile} from "./ibd.js";
import type {ArrayRef, SpectrumEntry} from "./spectrum-entry.js";

export interface ScanOptions {
  /** Bytes read at a time (default 16 MB); an array larger than this is read whole. */
  chunkBytes?: number;
}

interface Chunk {
  offset: number;
  bytes: Uint8Array;
}

/** Calls `visit` once per spectrum with its m/z values and intensities (views valid only during the call). */
export async function forEachSpectrum(
  file: ImzmlFile, visit: (spectrum: SpectrumEntry, mz: NumberArray, intensity: NumberArray) => void, options: ScanOptions = {}
): Promise<void> {
  const chunkBytes = options.chunkBytes ?? 16 << 20;
  const chunks: Chunk[] = [];
  const bytesOf = async (ref: ArrayRef): Promise<Uint8Array> => {
    const end = ref.offset + ref.encodedLength;
    let chunk = chunks.find((c) => c.offset <= ref.offset && end <= c.offset + c.bytes.length);
    if (!chunk) {
      const length = Math.max(ref.encodedLength, Math.min(chunkBytes, file.ibd.byteLength - ref.offset));
      chunk = {offset: ref.offset, bytes: await readIbd(file.ibd, ref.offset, length)};
      chunks.unshift(chunk);
      chunks.length = Math.min(chunks.length, 2);
    }
    return chunk.bytes.subarray(ref.offset - chunk.offset, end - chunk.offset);
  };
  const values = async (ref: ArrayRef): Promise<NumberArray> => {
    const bytes = await bytesOf(ref);
    return decodeValues(ref.compression === "zlib" ? await inflate(bytes, ref, file.ibd.name) : bytes, ref, file.ibd.name);
  };

  // Continuous mode: the one m/z array, decoded once.
  const sharedMz = file.mode === "continuous" ? await values(file.spectra[0].mz) : null;
  const order = [...file.spectra].sort((a, b) => a.intensity.offset - b.intensity.offset);
  for (const spectrum of order) {
    const mz = sharedMz ?? (await values(spectrum.mz));
    visit(spectrum, mz, await values(spectrum.intensity));
  }
}
