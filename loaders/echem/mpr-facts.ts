// Header facts of the .mpr settings (VMP Set) and log (VMP LOG) modules, at the offsets the public readers
// (galvani, yadg) document and our fixtures confirm against their .mpt exports.
import {MPR_TECHNIQUES} from "./mpr-columns.js";
import type {MprModule} from "./mpr-modules.js";
import type {SourceFacts} from "./source-record.js";
import type {WallClockTime} from "../time-zone.js";

function pascalString(bytes: Uint8Array, offset: number, end: number): string | undefined {
  if (offset >= end) return undefined;
  const length = bytes[offset];
  if (length === 0 || offset + 1 + length > end) return undefined;
  let text = "";
  for (let i = offset + 1; i <= offset + length; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

export function readSettingsFacts(view: DataView, settings: MprModule): SourceFacts {
  const facts: SourceFacts = {};
  const start = settings.dataOffset;
  if (settings.dataLength > 0) {
    const code = view.getUint8(start);
    facts.technique = MPR_TECHNIQUES.get(code) ?? `technique code ${code}`;
  }
  // Mass of active material, written in mg (compare the .mpt's "Mass of active material : … mg").
  if (settings.dataLength >= 0x10b) {
    const massMg = view.getFloat32(start + 0x107, true);
    if (Number.isFinite(massMg) && massMg > 0) facts.activeMassG = Number(massMg.toPrecision(7)) / 1000;
  }
  return facts;
}

export function readLogFacts(bytes: Uint8Array, log: MprModule): SourceFacts {
  const end = log.dataOffset + log.dataLength;
  const version = pascalString(bytes, log.dataOffset + 0x3b7, end);
  const serial = pascalString(bytes, log.dataOffset + 0x3cf, end);
  const facts: SourceFacts = {};
  if (version) facts.softwareVersion = version;
  if (serial) facts.instrument = `BioLogic (SN ${serial})`;
  return facts;
}

// The acquisition start is an OLE automation date (days since 1899-12-30) in the instrument PC's local time.
// It sits at 0x249 in the files we know; older readers also found it at 465, 469 or 473.
const OLE_OFFSETS = [0x249, 465, 469, 473];

/** The acquisition start, or undefined when none of the known offsets holds a plausible date (1954 to 2119). */
export function readLogStart(view: DataView, log: MprModule): WallClockTime | undefined {
  for (const offset of OLE_OFFSETS) {
    if (offset + 8 > log.dataLength) continue;
    const oleDays = view.getFloat64(log.dataOffset + offset, true);
    if (oleDays > 20_000 && oleDays < 80_000) return oleToLocal(oleDays);
  }
  return undefined;
}

export function oleToLocal(oleDays: number): WallClockTime {
  const OLE_EPOCH_UNIX_DAYS = 25_569;
  const wall = new Date(Math.round((oleDays - OLE_EPOCH_UNIX_DAYS) * 86_400_000));
  return {
    year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(),
    hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() + wall.getUTCMilliseconds() / 1000
  };
}
