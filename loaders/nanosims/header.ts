// The header of a Cameca NanoSIMS image file (`.im`): identification, the main header, the mass table and the
// image header at its end, laid out as zanpeeters/sims `sims/sims.py` and BWHCNI/OpenMIMS `Mims_Reader.java`
// read them (docs/sims-formats.md, "Cameca NanoSIMS").
import type {WallClockTime} from "../time-zone.js";
import {NanoSimsError} from "./errors.js";
import {CAMECA_FILE_TYPES, IMAGE_LAYOUTS} from "./file-types.js";
import {HeaderBytes, type ByteOrder} from "./header-bytes.js";
import {readAnalysisParameters, readNanoSimsBlock, type AnalysisParameters, type NanoSimsBlock} from "./header-sections.js";

export interface NanoSimsSpecies {
  /** The species' name as the reference reader gives it (`12C 14N`, the 64-byte field the readers call its label), or `SE` for the secondary-electron detector. */
  name: string;
  massU: number;
}

export interface NanoSimsHeader {
  byteOrder: ByteOrder;
  fileVersion: number;
  fileType: number;
  headerBytes: number;
  analysisType: string;
  /** Wall-clock time of the instrument PC (minutes only); its zone is not in the file. */
  acquiredAt?: WallClockTime;
  analysisDurationS: number;
  species: NanoSimsSpecies[];
  width: number;
  height: number;
  bytesPerPixel: 2 | 4;
  planes: number;
  /** Side of the scanned square (image header), in nm. */
  rasterNm: number;
  nanoSims: NanoSimsBlock;
  analysis?: AnalysisParameters;
}

const IDENTIFICATION_BYTES = 12;
const COMMON_BYTES = 124;
const MASS_ENTRY_BYTES = 192;
/** In a mass entry: Tab_mass (48 bytes), then the PolyAtomic (4 ints and a charge byte before its name). */
const NAME_AT = 48 + 17;
const IMAGE_HEADER_BYTES = 84;
/** The trolley index of the secondary-electron detector, whose mass entry has no name. */
const SE_TROLLEY = 8;

/** The byte order in which the file-type field (byte 4) is a Cameca file type, as both public readers decide it. */
export function byteOrderOf(bytes: Uint8Array, file: string): ByteOrder {
  if (bytes.length < IDENTIFICATION_BYTES) {
    throw new NanoSimsError(file, `the file ends at byte ${bytes.length}, before the ${IDENTIFICATION_BYTES}-byte identification`, {byteOffset: bytes.length});
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const big = view.getInt32(4, false);
  const little = view.getInt32(4, true);
  if (CAMECA_FILE_TYPES.has(big)) return "big-endian";
  if (CAMECA_FILE_TYPES.has(little)) return "little-endian";
  const small = [big, little].find((t) => t > 0 && t < 256);
  const problem = small !== undefined
    ? `file type ${small} is not one the public readers know`
    : `not a Cameca file: the file-type field reads ${big} big-endian and ${little} little-endian, a Cameca type in neither`;
  throw new NanoSimsError(file, problem, {byteOffset: 4});
}

/** A two-digit year as the reference reader takes it (69–99 → 19xx, 00–68 → 20xx); four digits as written. */
function fullYear(digits: string): number {
  const n = Number(digits);
  return digits.length === 4 ? n : n >= 69 ? 1900 + n : 2000 + n;
}

/** The date (`dd.mm.yy`) and time (`hh:mm`) fields; both empty or `N/A` means not recorded. */
function parseDate(date: string, time: string, file: string, at: number): WallClockTime | undefined {
  if ((date === "" && time === "") || date.includes("N/A")) return undefined;
  const d = /^(\d{2})\.(\d{2})\.(\d{2}|\d{4})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  const parts = d && t ? {year: fullYear(d[3]), month: Number(d[2]), day: Number(d[1]), hour: Number(t[1]), minute: Number(t[2]), second: 0} : undefined;
  const valid = parts && parts.month >= 1 && parts.month <= 12 && parts.hour <= 23 && parts.minute <= 59 &&
    new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDate() === parts.day;
  if (!parts || !valid) {
    throw new NanoSimsError(file, `acquisition date "${date} ${time}" is not a date like 17.11.05 18:07`, {byteOffset: at});
  }
  return parts;
}

function readSpecies(header: HeaderBytes, tableAt: number, count: number): NanoSimsSpecies[] {
  const species: NanoSimsSpecies[] = [];
  for (let m = 0; m < count; m++) {
    const at = tableAt + m * MASS_ENTRY_BYTES;
    const trolley = header.int32(at, `trolley of mass ${m + 1}`);
    const massU = header.float64(at + 8, `mass of mass ${m + 1}`);
    const name = trolley === SE_TROLLEY ? "SE" : header.text(at + NAME_AT, 64, `name of mass ${m + 1}`);
    if (name === "") throw new NanoSimsError(header.file, `mass ${m + 1} (${massU} u, trolley ${trolley}) has no species name`, {byteOffset: at + NAME_AT});
    if (species.some((s) => s.name === name)) {
      throw new NanoSimsError(header.file, `species "${name}" is listed twice in the mass table`, {byteOffset: at + NAME_AT});
    }
    species.push({name, massU});
  }
  return species;
}

/** The image header: the last 84 bytes of the header, checked against the mass table. */
function readImageHeader(header: HeaderBytes, massCount: number) {
  const {file} = header;
  const image = header.headerBytes - IMAGE_HEADER_BYTES;
  const selfSize = header.int32(image, "image header size");
  if (selfSize !== IMAGE_HEADER_BYTES) {
    throw new NanoSimsError(file, `the image header at the end of the header gives its size as ${selfSize}, not ${IMAGE_HEADER_BYTES}`, {byteOffset: image});
  }
  // int32 size, int16 type, width, height, bytes per pixel, masses, planes, int32 raster (nm), 64-char nickname.
  const [width, height, bytesPerPixel, masses, planes] = [6, 8, 10, 12, 14].map((k) => header.int16(image + k, "image header"));
  const rasterNm = header.int32(image + 16, "raster");
  for (const [name, value] of Object.entries({width, height, planes, raster: rasterNm})) {
    if (value < 1) throw new NanoSimsError(file, `image header ${name} is ${value}`, {byteOffset: image});
  }
  if (bytesPerPixel !== 2 && bytesPerPixel !== 4) {
    throw new NanoSimsError(file, `${bytesPerPixel} bytes per pixel: images are 16- or 32-bit`, {byteOffset: image + 10});
  }
  if (masses !== massCount) {
    throw new NanoSimsError(file, `the image header counts ${masses} masses, the mass table ${massCount}`, {byteOffset: image + 12});
  }
  return {width, height, bytesPerPixel: bytesPerPixel as 2 | 4, planes, rasterNm};
}

export function readNanoSimsHeader(bytes: Uint8Array, file: string): NanoSimsHeader {
  const byteOrder = byteOrderOf(bytes, file);
  const ident = new HeaderBytes(bytes, IDENTIFICATION_BYTES, byteOrder, file);
  const fileVersion = ident.int32(0, "file version");
  const fileType = ident.int32(4, "file type");
  const headerBytes = ident.int32(8, "header size");
  const layout = IMAGE_LAYOUTS.get(fileType);
  if (!layout) throw new NanoSimsError(file, `a Cameca ${CAMECA_FILE_TYPES.get(fileType)} file (type ${fileType}), not an image`, {byteOffset: 4});
  if (headerBytes < COMMON_BYTES + layout.maskBytes + IMAGE_HEADER_BYTES) {
    throw new NanoSimsError(file, `header size ${headerBytes} is too small for a Cameca image header`, {byteOffset: 8});
  }
  if (bytes.length < headerBytes) {
    throw new NanoSimsError(file, `the file ends at byte ${bytes.length}, inside its ${headerBytes}-byte header`, {byteOffset: bytes.length});
  }
  const header = new HeaderBytes(bytes, headerBytes, byteOrder, file);
  if (header.int32(16, "data included") === 0) throw new NanoSimsError(file, "the header says the file holds no data", {byteOffset: 16});
  const analysisType = header.text(28, 32, "analysis type");
  const acquiredAt = parseDate(header.text(92, 16, "date"), header.text(108, 16, "time"), file, 92);

  const massCountAt = COMMON_BYTES + layout.maskBytes;
  const massCount = header.int32(massCountAt, "number of masses");
  const pointers = layout.massPointers(fileVersion);
  if (massCount < 1 || massCount > pointers) {
    throw new NanoSimsError(file, `${massCount} masses: the mass table of this file version holds 1 to ${pointers}`, {byteOffset: massCountAt});
  }
  const tableAt = massCountAt + 4 + 4 * pointers + layout.gapBytes;
  const species = readSpecies(header, tableAt, massCount);
  const nanoSims = readNanoSimsBlock(header, tableAt + massCount * MASS_ENTRY_BYTES, analysisType);
  const analysis = readAnalysisParameters(header);

  const {width, height, bytesPerPixel, planes, rasterNm} = readImageHeader(header, massCount);
  return {
    byteOrder, fileVersion, fileType, headerBytes, analysisType, acquiredAt,
    analysisDurationS: header.int32(COMMON_BYTES + layout.durationAt, "analysis duration"),
    species, width, height, bytesPerPixel, planes, rasterNm, nanoSims, analysis
  };
}
