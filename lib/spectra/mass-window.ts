// Mass windows: the range of m/z that makes one ion image. Bounds are inclusive at both ends, as in
// pyimzML's getionimage, so that the same window gives the same image there and here.

export interface MassWindow {
  ion: string;
  lowU: number;
  highU: number;
}

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?`;
const CENTRED = new RegExp(String.raw`^(${NUMBER})\s*(?:±|\+-|\+/-)\s*(${NUMBER})$`);
const RANGE = new RegExp(String.raw`^(${NUMBER})\s*-\s*(${NUMBER})$`);

/** The window `centreU ± halfWidthU`. */
export function centredWindow(ion: string, centreU: number, halfWidthU: number): MassWindow {
  return checkedWindow({ion, lowU: centreU - halfWidthU, highU: centreU + halfWidthU});
}

/** Refuses a window without a name or with bounds that are not finite, positive and increasing. */
export function checkedWindow(window: MassWindow): MassWindow {
  const {ion, lowU, highU} = window;
  if (ion.trim() === "") throw new RangeError("a mass window needs an ion name");
  if (!(Number.isFinite(lowU) && Number.isFinite(highU) && lowU >= 0 && highU > lowU)) {
    throw new RangeError(`mass window ${ion}: ${lowU} to ${highU} u is not an increasing range of non-negative masses`);
  }
  return window;
}

/** `NAME=MZ±HW`, `NAME=MZ+-HW` or `NAME=LOW-HIGH` (u), as the command line takes them; the name ends at the first `=`. */
export function parseMassWindow(text: string): MassWindow {
  const split = text.indexOf("=");
  if (split <= 0) throw new RangeError(`mass window "${text}": expected NAME=MZ±HW or NAME=LOW-HIGH`);
  const ion = text.slice(0, split).trim();
  const value = text.slice(split + 1).trim();
  const centred = CENTRED.exec(value);
  if (centred) return centredWindow(ion, Number(centred[1]), Number(centred[4]));
  const range = RANGE.exec(value);
  if (range) return checkedWindow({ion, lowU: Number(range[1]), highU: Number(range[4])});
  throw new RangeError(`mass window "${text}": expected NAME=MZ±HW or NAME=LOW-HIGH with masses in u`);
}

/** Refuses two windows of one name: each becomes a column or an image named by its ion. */
export function checkedWindows(windows: readonly MassWindow[]): readonly MassWindow[] {
  const names = new Set<string>();
  for (const window of windows) {
    checkedWindow(window);
    if (names.has(window.ion)) throw new RangeError(`two mass windows named ${window.ion}`);
    names.add(window.ion);
  }
  return windows;
}
