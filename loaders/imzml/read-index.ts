// The imzML XML as an index of spectra: the file's facts (mode, UUID, image size, pixel size) and, per
// spectrum, its pixel and the places of its arrays in the .ibd. No binary data are read here.
import {ImzmlError} from "./errors.js";
import {integerValue, positiveValue, singleParam, termOf} from "./params.js";
import {spectrumEntry, type SpectrumEntry} from "./spectrum-entry.js";
import {LENGTH_UNITS, MODES, TERMS, type ImzmlMode, type LengthUnit} from "./vocabulary.js";
import {readImzmlXml, type CvParam} from "./xml-params.js";

export interface PixelSize {
  x: number;
  y: number;
  unit: LengthUnit;
}

export interface ImzmlIndex {
  fileName: string;
  mode: ImzmlMode;
  /** 32 lower-case hex digits, as in the first 16 bytes of the .ibd; null when the XML gives none. */
  uuid: string | null;
  /** Image size in pixels: the declared max counts, else the largest positions. */
  width: number;
  height: number;
  /** As declared (µm when no unit is given, as the imzML specification says). */
  pixelSize: PixelSize | null;
  pixelSizeUm: {x: number; y: number} | null;
  /** In file order; only the pixels acquired (a sparse acquisition has fewer than width x height). */
  spectra: SpectrumEntry[];
  /** Facts that did not stop the reading but that a user should see (e.g. a max dimension that disagrees). */
  warnings: string[];
}

/** Largest image this reader allocates (4096 x 4096 pixels), so a corrupt count cannot exhaust memory. */
const MAX_PIXELS = 2 ** 24;
const UM_PER: Record<LengthUnit, number> = {um: 1, nm: 1e-3};

function lengthUnit(param: CvParam, fileName: string): LengthUnit {
  if (param.unitAccession === null) return "um";
  const unit = LENGTH_UNITS[param.unitAccession];
  if (!unit) throw new ImzmlError(fileName, `length unit ${param.unitAccession} is not read (expected µm UO:0000017 or nm UO:0000018)`, {line: param.line});
  return unit;
}

function normalisedUuid(value: string): string | null {
  const hex = value.replace(/[{}-]/g, "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : null;
}

interface ScanFacts {
  maxCount: {x: number | null; y: number | null};
  pixelSize: PixelSize | null;
  maxDimensionUm: {x: number | null; y: number | null};
}

function scanFacts(settings: {line: number; params: CvParam[]}[], fileName: string, warnings: string[]): ScanFacts {
  if (settings.length > 1) {
    throw new ImzmlError(fileName, `${settings.length} scanSettings (lines ${settings.map((s) => s.line).join(", ")}): which one holds the image is not said`, {line: settings[1].line});
  }
  const params = settings[0]?.params ?? [];
  const param = (accession: string, what: string) => singleParam(params, accession, what, fileName);
  const count = (accession: string, what: string) => {
    const p = param(accession, what);
    const value = p ? integerValue(p, what, fileName) : null;
    if (value === 0) throw new ImzmlError(fileName, `${what} is 0`, {line: p!.line});
    return value;
  };
  const lengthUm = (p: CvParam | null, what: string) => (p ? positiveValue(p, what, fileName) * UM_PER[lengthUnit(p, fileName)] : null);
  const sizeX = param(TERMS.pixelSizeX, "pixel size x");
  let sizeY = param(TERMS.pixelSizeY, "pixel size y");
  if (sizeX && !sizeY) {
    warnings.push("pixel size y not given: taken equal to pixel size x");
    sizeY = sizeX;
  }
  let pixelSize: PixelSize | null = null;
  if (sizeX && sizeY) {
    const unit = lengthUnit(sizeX, fileName);
    pixelSize = {x: positiveValue(sizeX, "pixel size x", fileName), y: lengthUm(sizeY, "pixel size y")! / UM_PER[unit], unit};
  } else if (sizeY) {
    throw new ImzmlError(fileName, "pixel size y without pixel size x", {line: sizeY.line});
  }
  return {
    maxCount: {x: count(TERMS.maxCountX, "max count of pixels x"), y: count(TERMS.maxCountY, "max count of pixels y")},
    pixelSize,
    maxDimensionUm: {x: lengthUm(param(TERMS.maxDimensionX, "max dimension x"), "max dimension x"), y: lengthUm(param(TERMS.maxDimensionY, "max dimension y"), "max dimension y")}
  };
}

/** IONTOF writes a max dimension that is not pixel count x pixel size; the count and size win, with a warning. */
function checkDimensions(facts: ScanFacts, width: number, height: number, warnings: string[]): void {
  if (!facts.pixelSize) return;
  const umPerUnit = UM_PER[facts.pixelSize.unit];
  for (const [axis, pixels, size] of [["x", width, facts.pixelSize.x], ["y", height, facts.pixelSize.y]] as const) {
    const declared = facts.maxDimensionUm[axis];
    const fieldUm = pixels * size * umPerUnit;
    if (declared !== null && Math.abs(declared - fieldUm) > 1e-6 * fieldUm) {
      warnings.push(`max dimension ${axis} ${declared} µm disagrees with ${pixels} pixels x ${size} ${facts.pixelSize.unit === "um" ? "µm" : "nm"} = ${fieldUm} µm; the field of view is taken as pixels x pixel size`);
    }
  }
}

function checkPixels(spectra: SpectrumEntry[], mode: ImzmlMode, width: number, height: number, fileName: string): void {
  if (width * height > MAX_PIXELS) throw new ImzmlError(fileName, `an image of ${width} x ${height} pixels is larger than this reader allows (${MAX_PIXELS})`);
  const seen = new Map<number, number>();
  const shared = spectra[0].mz;
  for (const s of spectra) {
    if (s.x >= width || s.y >= height) {
      throw new ImzmlError(fileName, `position (${s.x + 1}, ${s.y + 1}) outside the declared ${width} x ${height} pixels`, {line: s.line});
    }
    const key = s.y * width + s.x;
    const previous = seen.get(key);
    if (previous !== undefined) throw new ImzmlError(fileName, `two spectra at position (${s.x + 1}, ${s.y + 1}) (lines ${previous} and ${s.line})`, {line: s.line});
    seen.set(key, s.line);
    if (mode === "continuous" && (s.mz.offset !== shared.offset || s.mz.length !== shared.length || s.mz.type !== shared.type || s.mz.compression !== shared.compression)) {
      throw new ImzmlError(fileName, `continuous mode, but this spectrum's m/z array (byte ${s.mz.offset}) is not the first spectrum's (byte ${shared.offset})`, {line: s.line});
    }
  }
}

/** Reads the XML of an imzML pair into an index; every contradiction in the metadata is an `ImzmlError`. */
export function readImzmlIndex(xml: Uint8Array, fileName: string): ImzmlIndex {
  const spectra: SpectrumEntry[] = [];
  const parsed = readImzmlXml(xml, fileName, (raw) => spectra.push(spectrumEntry(raw, fileName)));
  const warnings: string[] = [];
  const mode = termOf(parsed.fileContent, MODES, "storage modes (continuous and processed)", fileName);
  if (!mode) throw new ImzmlError(fileName, "fileContent says neither continuous (IMS:1000030) nor processed (IMS:1000031)");
  const uuidParam = singleParam(parsed.fileContent, TERMS.uuid, "universally unique identifier", fileName);
  const uuid = uuidParam ? normalisedUuid(uuidParam.value) : null;
  if (!uuidParam) warnings.push("no UUID in the XML: the .ibd cannot be checked to belong to it");
  else if (!uuid) warnings.push(`UUID "${uuidParam.value}" is not 32 hex digits: the .ibd cannot be checked to belong to it`);
  const declared = parsed.declaredSpectrumCount;
  if (declared && String(spectra.length) !== declared.value.trim()) {
    throw new ImzmlError(fileName, `spectrumList count="${declared.value}" but ${spectra.length} spectra`, {line: declared.line});
  }
  if (spectra.length === 0) throw new ImzmlError(fileName, "no spectra");
  const facts = scanFacts(parsed.scanSettings, fileName, warnings);
  const width = facts.maxCount.x ?? spectra.reduce((max, s) => Math.max(max, s.x), 0) + 1;
  const height = facts.maxCount.y ?? spectra.reduce((max, s) => Math.max(max, s.y), 0) + 1;
  checkPixels(spectra, mode, width, height, fileName);
  checkDimensions(facts, width, height, warnings);
  const {pixelSize} = facts;
  const pixelSizeUm = pixelSize ? {x: pixelSize.x * UM_PER[pixelSize.unit], y: pixelSize.y * UM_PER[pixelSize.unit]} : null;
  return {fileName, mode, uuid, width, height, pixelSize, pixelSizeUm, spectra, warnings};
}
