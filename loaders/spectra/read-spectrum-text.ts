// The mass spectrum as SurfaceLab exports it to text: `#` setting lines (binning, dead-time correction), a title
// line `Channel<TAB>m/z<TAB>Intensity`, then one row per channel; CRLF or LF. The fixture in
// ../shared/fixtures/sims/spectrum/ is one. Bytes in, no fs.
import {LoaderError} from "../errors.js";
import type {Spectrum} from "@operando/lib/spectra/spectrum-sum";

export class SpectrumTextError extends LoaderError {
  constructor(file: string, problem: string, line: number) {
    super("spectrum-text", file, problem, {line});
  }
}

export interface SpectrumText extends Spectrum {
  channel: Float64Array;
  /** The `#` lines, as `key: value` where they have one (e.g. "Deadtime Correction": "on"). */
  settings: Record<string, string>;
}

const TITLE = /^channel\s*[\t,;]\s*m\/z\s*[\t,;]\s*intensity\s*[\t,;]?\s*$/i;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function sniffSpectrumText(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  return head.split(/\r?\n/).some((line) => TITLE.test(line.trim()));
}

export function readSpectrumText(bytes: Uint8Array, file: string): SpectrumText {
  const text = new TextDecoder("latin1").decode(bytes);
  const lines = text.split("\n");
  // A last line without its line end may be cut: SurfaceLab ends every row with one.
  const endsWithLineEnd = text.endsWith("\n");
  if (endsWithLineEnd) lines.pop();
  const settings: Record<string, string> = {};
  let row = 0;
  for (; row < lines.length; row++) {
    const line = lines[row]!.replace(/\r$/, "").trim();
    if (line.startsWith("#")) {
      const [key, ...value] = line.slice(1).split(":");
      settings[key!.trim()] = value.join(":").trim();
      continue;
    }
    if (TITLE.test(line)) break;
    throw new SpectrumTextError(file, `expected the title line "Channel, m/z, Intensity", found "${line.slice(0, 60)}"`, row + 1);
  }
  if (row === lines.length) throw new SpectrumTextError(file, "no title line \"Channel, m/z, Intensity\"", lines.length);
  const first = row + 1;
  const count = lines.length - first;
  if (count === 0) throw new SpectrumTextError(file, "no channels after the title line", first);
  if (!endsWithLineEnd) throw new SpectrumTextError(file, "the last row has no line end: the file may be cut", lines.length);
  const channel = new Float64Array(count);
  const mzU = new Float64Array(count);
  const counts = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const cells = lines[first + i]!.replace(/\r$/, "").split(/[\t,;]/);
    if (cells.at(-1) === "") cells.pop();
    if (cells.length !== 3 || !cells.every((c) => NUMBER.test(c.trim()))) {
      throw new SpectrumTextError(file, `expected three numbers (channel, m/z, intensity), found "${lines[first + i]!.trim().slice(0, 60)}"`, first + i + 1);
    }
    [channel[i], mzU[i], counts[i]] = cells.map(Number) as [number, number, number];
    if (i > 0 && !(mzU[i]! > mzU[i - 1]!)) throw new SpectrumTextError(file, `m/z ${mzU[i]} does not increase from the row before (${mzU[i - 1]})`, first + i + 1);
    if (counts[i]! < 0) throw new SpectrumTextError(file, `negative intensity ${counts[i]}`, first + i + 1);
  }
  return {channel, mzU, counts, settings};
}
