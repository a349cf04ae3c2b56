// One spectrum of the XML as an entry of the index: its pixel and where its two arrays lie in the .ibd.
import {ImzmlError} from "./errors.js";
import {integerValue, singleParam, termOf} from "./params.js";
import {ARRAY_KINDS, BYTES_PER_VALUE, COMPRESSIONS, NUMBER_TYPES, TERMS, type NumberType} from "./vocabulary.js";
import type {CvParam, RawSpectrum} from "./xml-params.js";

/** Where one binary array lies in the .ibd and how it is encoded (little-endian, as imzML mandates). */
export interface ArrayRef {
  offset: number;
  /** Number of values. */
  length: number;
  /** Bytes in the .ibd (after compression, when compressed). */
  encodedLength: number;
  type: NumberType;
  compression: "none" | "zlib";
}

export interface SpectrumEntry {
  /** 0-based, from the left. */
  x: number;
  /** 0-based, from the top. */
  y: number;
  /** Line of the `<spectrum>` in the XML, for messages. */
  line: number;
  mz: ArrayRef;
  intensity: ArrayRef;
}

function arrayRef(params: CvParam[], what: string, fileName: string, line: number): ArrayRef {
  const fail = (problem: string): never => {
    throw new ImzmlError(fileName, `${what}: ${problem}`, {line});
  };
  const type = termOf(params, NUMBER_TYPES, `precisions of the ${what}`, fileName) ?? fail("no binary data type (32/64-bit float or integer)");
  const compression = termOf(params, COMPRESSIONS, `compressions of the ${what}`, fileName) ?? "none";
  if (compression === "numpress") fail("MS-Numpress compression is not read");
  const offsetParam = singleParam(params, TERMS.externalOffset, `the external offset of the ${what}`, fileName) ?? fail("no external offset (inline base64 arrays are not imzML)");
  const lengthParam = singleParam(params, TERMS.externalArrayLength, `the external array length of the ${what}`, fileName) ?? fail("no external array length");
  const encodedParam = singleParam(params, TERMS.externalEncodedLength, `the external encoded length of the ${what}`, fileName);
  const offset = integerValue(offsetParam, "external offset", fileName);
  const length = integerValue(lengthParam, "external array length", fileName);
  const plainBytes = length * BYTES_PER_VALUE[type];
  const encodedLength = encodedParam ? integerValue(encodedParam, "external encoded length", fileName) : compression === "none" ? plainBytes : fail("a compressed array without its encoded length");
  if (compression === "none" && encodedLength !== plainBytes) {
    fail(`encoded length ${encodedLength} bytes is not ${length} ${type} values (${plainBytes} bytes) and no compression is declared`);
  }
  // zlib cannot inflate more than about 1032 : 1, so a larger claim is a corrupt length, refused before allocating it.
  if (compression === "zlib" && plainBytes > encodedLength * 1032 + 1024) fail(`${length} ${type} values cannot come from ${encodedLength} bytes of zlib data`);
  return {offset, length, encodedLength, type, compression: compression as "none" | "zlib"};
}

function position(scan: CvParam[], accession: string, axis: string, fileName: string, line: number): number {
  const param = singleParam(scan, accession, `position ${axis}`, fileName);
  if (!param) throw new ImzmlError(fileName, `a spectrum without position ${axis}`, {line});
  const value = integerValue(param, `position ${axis}`, fileName);
  if (value < 1) throw new ImzmlError(fileName, `position ${axis} ${value} (imzML positions start at 1)`, {line: param.line});
  return value - 1;
}

/** The index entry of one spectrum; exactly one scan, one m/z and one intensity array (other arrays are not used). */
export function spectrumEntry(raw: RawSpectrum, fileName: string): SpectrumEntry {
  if (raw.scans.length !== 1) throw new ImzmlError(fileName, `a spectrum with ${raw.scans.length} scans (expected 1)`, {line: raw.line});
  const scan = raw.scans[0];
  const z = singleParam(scan, TERMS.positionZ, "position z", fileName);
  if (z && integerValue(z, "position z", fileName) !== 1) throw new ImzmlError(fileName, `position z ${z.value}: 3-D imzML is not read`, {line: z.line});
  const arrays: Partial<Record<"mz" | "intensity", ArrayRef>> = {};
  for (const params of raw.arrays) {
    const kind = termOf(params, ARRAY_KINDS, "array kinds (m/z and intensity) for one array", fileName);
    if (!kind) continue;
    if (arrays[kind]) throw new ImzmlError(fileName, `a spectrum with two ${kind === "mz" ? "m/z" : "intensity"} arrays`, {line: raw.line});
    arrays[kind] = arrayRef(params, kind === "mz" ? "m/z array" : "intensity array", fileName, raw.line);
  }
  if (!arrays.mz || !arrays.intensity) throw new ImzmlError(fileName, `a spectrum without ${arrays.mz ? "an intensity" : "an m/z"} array`, {line: raw.line});
  if (arrays.mz.length !== arrays.intensity.length) {
    throw new ImzmlError(fileName, `${arrays.mz.length} m/z values but ${arrays.intensity.length} intensities`, {line: raw.line});
  }
  return {x: position(scan, TERMS.positionX, "x", fileName, raw.line), y: position(scan, TERMS.positionY, "y", fileName, raw.line), line: raw.line, mz: arrays.mz, intensity: arrays.intensity};
}
