import type {SourceFacts} from "./source-record.js";
import type {WallClockTime} from "../time-zone.js";

/** Column names of different EC-Lab / BT-Lab versions that mean the same quantity as our canonical name. */
export const MPT_COLUMN_ALIASES: ReadonlyMap<string, string> = new Map([
  ["Ecell/V", "Ewe/V"],
  ["<Ewe/V>", "<Ewe>/V"],
  ["<Ecell>/V", "<Ewe>/V"],
  ["<I/mA>", "<I>/mA"],
  ["ox or red", "ox/red"]
]);

/** Columns that hold small integers (flags, counters); all others are read as Float64. */
export const MPT_FLAG_COLUMNS = new Set(["mode", "ox/red", "error", "control changes", "Ns changes", "counter inc."]);
export const MPT_INTEGER_COLUMNS = new Set(["Ns", "I Range", "half cycle", "z cycle", "cycle number", "Loop", "loop"]);

/** Splits `Q charge/discharge/mA.h` into name and unit the way EC-Lab writes them (unit after the last '/'). */
export function unitOfColumn(name: string): string {
  if (name === "control/V/mA") return "V/mA";
  if (MPT_FLAG_COLUMNS.has(name) || MPT_INTEGER_COLUMNS.has(name)) return "";
  const slash = name.lastIndexOf("/");
  return slash < 0 ? "" : name.slice(slash + 1);
}

function parseLocaleNumber(text: string): number {
  return Number(text.trim().replace(",", "."));
}

const START_PATTERN = /Acquisition started on\s*:\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\s+(\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d+)?)/i;

/** EC-Lab writes `MM/DD/YYYY HH:MM:SS.fff`; an ISO-like `YYYY-MM-DD` is accepted too. */
export function parseAcquisitionStart(line: string): WallClockTime | undefined {
  const m = START_PATTERN.exec(line);
  if (!m) return undefined;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [year, month, day] = m[1].length === 4 ? [a, b, c] : [c, a, b];
  const local = {year, month, day, hour: Number(m[4]), minute: Number(m[5]), second: parseLocaleNumber(m[6])};
  if (month < 1 || month > 12 || day < 1 || day > 31 || local.hour > 23 || local.minute > 59 || local.second >= 61) return undefined;
  return local;
}

/** Header facts of an EC-Lab / BT-Lab text export; lines it does not know are left alone. */
export function readMptFacts(lines: string[]): {facts: SourceFacts; startLocal?: WallClockTime} {
  const facts: SourceFacts = {};
  let startLocal: WallClockTime | undefined;
  const technique = lines.slice(2).find((l) => l.trim() !== "");
  if (technique && !technique.includes(":")) facts.technique = technique.trim();
  let device: string | undefined;
  for (const line of lines) {
    if (!startLocal && /^Acquisition started on/i.test(line)) startLocal = parseAcquisitionStart(line);
    const software = /^(EC-Lab|BT-Lab)\s+for windows v(\S+)\s+\(software\)/i.exec(line);
    if (software) facts.softwareVersion = software[2];
    const deviceMatch = /^Device\s*:\s*(.+?)\s*$/.exec(line);
    if (deviceMatch) device = deviceMatch[1];
    const mass = /^Mass of active material\s*:\s*([\d.,]+)\s*(mg|g)\b/i.exec(line);
    if (mass) facts.activeMassG = parseLocaleNumber(mass[1]) / (mass[2].toLowerCase() === "mg" ? 1000 : 1);
    const area = /^Electrode surface area\s*:\s*([\d.,]+)\s*(cm²|cm2|mm²|mm2)/i.exec(line);
    if (area) facts.electrodeAreaCm2 = parseLocaleNumber(area[1]) / (area[2].startsWith("mm") ? 100 : 1);
  }
  facts.instrument = device ? `BioLogic ${device}` : "BioLogic";
  return {facts, startLocal};
}
