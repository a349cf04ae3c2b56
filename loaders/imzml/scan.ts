// Every spectrum of an imzML file, decoded, in the order of its bytes in the .ibd, reading the .ibd in
// pieces planned from the index: a 600 MB file is never held whole, and the next piece is read while the
// current one is summed. A spectrum whose two arrays lie far apart (a file that stores all m/z arrays
// first) is read as its two arrays, one after the other.
import {decodeValues, inflate, type NumberArray} from "./decode.js";
import {readIbd, type ImzmlFile} from "./ibd.js";
import type {ArrayRef, SpectrumEntry} from "./spectrum-entry.js";

export interface ScanOptions {
  /** Bytes read at a time (default 16 MB); a spectrum larger than this is read alone. */
  chunkBytes?: number;
}

/** Consecutive bytes holding whole spectra, or (scattered) one spectrum whose arrays are read separately. */
interface Piece {
  offset: number;
  length: number;
  spectra: SpectrumEntry[];
  scattered: boolean;
}

const endOf = (ref: ArrayRef) => ref.offset + ref.encodedLength;

function plan(file: ImzmlFile, chunkBytes: number): Piece[] {
  // In continuous mode only the intensities are read per spectrum.
  const arraysOf = (s: SpectrumEntry) => (file.mode === "continuous" ? [s.intensity] : [s.mz, s.intensity]);
  const start = (s: SpectrumEntry) => Math.min(...arraysOf(s).map((r) => r.offset));
  const end = (s: SpectrumEntry) => Math.max(...arraysOf(s).map(endOf));
  const pieces: Piece[] = [];
  let open: Piece | null = null;
  for (const s of [...file.spectra].sort((a, b) => start(a) - start(b))) {
    const span = end(s) - start(s);
    if (span > 2 * arraysOf(s).reduce((n, r) => n + r.encodedLength, 0) + 4096) {
      pieces.push({offset: start(s), length: span, spectra: [s], scattered: true});
      open = null;
    } else if (open && end(s) - open.offset <= chunkBytes) {
      open.length = Math.max(open.length, end(s) - open.offset);
      open.spectra.push(s);
    } else {
      open = {offset: start(s), length: span, spectra: [s], scattered: false};
      pieces.push(open);
    }
  }
  return pieces;
}

/** Calls `visit` once per spectrum with its m/z values and intensities (views valid only during the call). */
export async function forEachSpectrum(
  file: ImzmlFile, visit: (spectrum: SpectrumEntry, mz: NumberArray, intensity: NumberArray) => void, options: ScanOptions = {}
): Promise<void> {
  const pieces = plan(file, options.chunkBytes ?? 16 << 20);
  const decode = async (ref: ArrayRef, bytes: Uint8Array): Promise<NumberArray> =>
    decodeValues(ref.compression === "zlib" ? await inflate(bytes, ref, file.ibd.name) : bytes, ref, file.ibd.name);
  const readArray = async (ref: ArrayRef) => decode(ref, await readIbd(file.ibd, ref.offset, ref.encodedLength));
  // Continuous mode: the one m/z array, decoded once.
  const sharedMz = file.mode === "continuous" ? await readArray(file.spectra[0].mz) : null;

  const read = (piece: Piece) => {
    if (piece.scattered) return null;
    const bytes = readIbd(file.ibd, piece.offset, piece.length);
    bytes.catch(() => undefined); // a read ahead that fails after the scan stopped is not an unhandled rejection
    return bytes;
  };
  let next = pieces.length > 0 ? read(pieces[0]) : null;
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k];
    const bytes = await next;
    next = k + 1 < pieces.length ? read(pieces[k + 1]) : null;
    for (const spectrum of piece.spectra) {
      const inPiece = (ref: ArrayRef) => decode(ref, bytes!.subarray(ref.offset - piece.offset, endOf(ref) - piece.offset));
      const mz = sharedMz ?? (await (bytes ? inPiece(spectrum.mz) : readArray(spectrum.mz)));
      visit(spectrum, mz, await (bytes ? inPiece(spectrum.intensity) : readArray(spectrum.intensity)));
    }
  }
}
