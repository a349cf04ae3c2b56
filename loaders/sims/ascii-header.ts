import {AsciiImageError} from "./errors.js";
import {fieldOfKey, normaliseKey, LENGTH_UNIT_TO_UM, type HeaderField} from "./header-keys.js";
import type {ImageHeader} from "./image.js";
import {parseTimeParts} from "./local-time.js";

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;

/** A header number: dot or decimal comma (`57,935`), exponent allowed. */
function parseHeaderNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  return Number(t.replace(",", "."));
}

/** Splits `80 x 30`, `80x30`, `80 * 30`, `80 by 30`, `80; 30`, `80, 30` (comma then blank), `80 30`. */
function splitPair(text: string): [string, string] | undefined {
  for (const separator of [/\s*[x×*]\s*/i, /\s+by\s+/i, /\s*;\s*/, /,\s+/, /\s+/]) {
    const parts = text.trim().split(separator);
    if (parts.length === 2 && parts[0] !== "" && parts[1] !== "") return [parts[0], parts[1]];
  }
  return undefined;
}

const UNIT_WORD = /\s*(µm|μm|um|microns?|micrometers?|micrometres?|mm|nm)\b\s*/giu;

/** `80 x 30`, `80 µm x 30 µm`, `0,08 x 0,03 mm`; a single number is returned as one element. */
function parseLengthsUm(value: string, keyUnit: string): number[] | undefined {
  let factor = LENGTH_UNIT_TO_UM.get(keyUnit) ?? (keyUnit === "" ? 1 : undefined);
  if (factor === undefined) return undefined;
  const units = [...value.matchAll(UNIT_WORD)].map((m) => m[1].toLowerCase());
  if (units.length > 0) {
    if (new Set(units).size > 1) return undefined;
    factor = LENGTH_UNIT_TO_UM.get(units[0]) ?? LENGTH_UNIT_TO_UM.get(units[0].replace(/s$/, ""));
    if (factor === undefined) return undefined;
  }
  const bare = value.replace(UNIT_WORD, " ").trim();
  const single = parseHeaderNumber(bare);
  if (single !== undefined) return single > 0 ? [single * factor] : undefined;
  const pair = splitPair(bare);
  if (!pair) return undefined;
  const numbers = pair.map(parseHeaderNumber);
  if (numbers.some((n) => n === undefined || !(n > 0))) return undefined;
  return numbers.map((n) => (n as number) * factor!);
}

function parsePixels(value: string): [number, number] | undefined {
  const pair = splitPair(value.replace(/\s*(pixels?|px)\b/gi, " "));
  if (!pair) return undefined;
  const [w, h] = pair.map((p) => (/^\d+$/.test(p.trim()) ? Number(p) : NaN));
  return w >= 1 && h >= 1 ? [w, h] : undefined;
}

function parseUnitNumber(value: string, unitPattern: RegExp): number | undefined {
  return parseHeaderNumber(value.replace(unitPattern, ""));
}

/** Reads header lines (`# key: value`, `# key = value`, free text) into an `ImageHeader`. */
export class HeaderReader {
  readonly header: ImageHeader = {extra: {}, notes: []};
  private readonly seenAt = new Map<HeaderField, number>();
  /** A single field-of-view number, resolved once the image size is known. */
  fieldOfViewSingleUm?: {valueUm: number; line: number};

  constructor(private readonly file: string) {}

  /** The line a known field was read from (0 when absent). */
  lineOf(field: HeaderField): number {
    return this.seenAt.get(field) ?? 0;
  }

  private fail(problem: string, line: number): never {
    throw new AsciiImageError(this.file, problem, {line});
  }

  /** `text` is the line without its leading `#` characters. */
  readLine(text: string, line: number): void {
    const separatorAt = text.search(/[:=]/);
    if (separatorAt <= 0 || text.slice(0, separatorAt).trim() === "") {
      if (text.trim() !== "") this.header.notes.push(text.trim());
      return;
    }
    const rawKey = text.slice(0, separatorAt).trim();
    const value = text.slice(separatorAt + 1).trim();
    const key = normaliseKey(rawKey);
    let field = fieldOfKey(key);
    if (field === "massOrIon") field = parseUnitNumber(value, /\s*(u|amu|da)\s*$/i) !== undefined ? "massU" : "ion";
    if (field === undefined) {
      if (rawKey in this.header.extra) this.fail(`header key "${rawKey}" appears twice`, line);
      this.header.extra[rawKey] = value;
      return;
    }
    const earlier = this.seenAt.get(field);
    if (earlier !== undefined) this.fail(`header key "${rawKey}" repeats what line ${earlier} already says`, line);
    this.seenAt.set(field, line);
    const bad = (what: string): never => this.fail(`header "${rawKey}": "${value}" is not ${what}`, line);
    const h = this.header;
    switch (field) {
      case "sample": case "region": case "ion":
        if (value === "") bad("a name");
        h[field] = value;
        break;
      case "massU": {
        const mass = parseUnitNumber(value, /\s*(u|amu|da)\s*$/i);
        h.massU = mass !== undefined && mass > 0 ? mass : bad("a mass in u");
        break;
      }
      case "fieldOfViewUm": {
        const lengths = parseLengthsUm(value, key.unit) ?? bad("a field of view like 80 x 30 um");
        if (lengths.length === 1) this.fieldOfViewSingleUm = {valueUm: lengths[0], line};
        else h.fieldOfViewUm = [lengths[0], lengths[1]];
        break;
      }
      case "pixels":
        h.pixels = parsePixels(value) ?? bad("a pixel size like 256 x 96");
        break;
      case "scans": case "totalCounts": {
        const n = parseHeaderNumber(value);
        h[field] = n !== undefined && Number.isInteger(n) && n >= 0 ? n : bad("a non-negative integer");
        break;
      }
      case "doseIonsPerCm2": {
        const dose = parseUnitNumber(value, /\s*ions?\s*\/\s*cm\^?2\s*$/i);
        h.doseIonsPerCm2 = dose !== undefined && dose >= 0 ? dose : bad("a dose in ions/cm^2");
        break;
      }
      case "acquisitionStart": case "acquisitionEnd":
        if (!parseTimeParts(value)) bad("a time like 2025-06-02 09:00:00");
        h[field] = value;
        break;
    }
  }

  /** Once the image size is known: a single field-of-view number is only unambiguous for a square image. */
  finish(width: number, height: number): ImageHeader {
    const single = this.fieldOfViewSingleUm;
    if (single) {
      if (width !== height) {
        this.fail(`field of view gives one length for a ${width} x ${height} image; write width x height`, single.line);
      }
      this.header.fieldOfViewUm = [single.valueUm, single.valueUm];
    }
    return this.header;
  }
}
