// The parts of a NanoSIMS header whose position varies with the instrument software, found by their markers
// as zanpeeters/sims `SIMSReader.read_header` finds them (OpenMIMS computes the same positions from counts).
import {NanoSimsError} from "./errors.js";
import type {HeaderBytes} from "./header-bytes.js";

/** The `Mask_nano` block: the NanoSIMS header proper. */
export interface NanoSimsBlock {
  version: number;
  /** `[width, height]` of the working frame, in pixels. */
  workingFramePx: [number, number];
}

/** From `Anal_param_nano` and the SIMS header after it. */
export interface AnalysisParameters {
  analysisVersion: number;
  comment: string;
  primaryIon: string;
  primaryBeamRasterUm: number;
  sample: string;
  user: string;
}

const POLY_ENTRY_BYTES = 144;
/** The name field of a list block (`Poly_list` padded to 16 bytes), then its length (int). */
const LIST_NAME_BYTES = 16;
/** Without a Poly_list, a real-time image's NanoSIMS header follows the mass table after this many bytes. */
const RTI_GAP_BYTES = 216;
/** Anal_param_nano: name 16, version and flags 16, comment 256; Ap_primary_nano 552, Ap_secondary_nano 192, detectors 808. */
const PRIMARY_BEAM_AT = 16 + 16 + 256;
const SIMS_HEADER_MAGIC_AT = PRIMARY_BEAM_AT + 552 + 192 + 808;
const SIMS_HEADER_MAGIC = 2306;

/** Reads a Poly/Champs/Offset list at its marker; returns the offset just after it. */
function listEnd(header: HeaderBytes, marker: string, at: number): number {
  const length = header.int32(at + LIST_NAME_BYTES, `${marker} length`);
  if (marker === "Poly_list" ? length < 0 : length !== 0) {
    throw new NanoSimsError(header.file, `${marker} holds ${length} entries: a header layout the public readers do not read`, {byteOffset: at + LIST_NAME_BYTES});
  }
  return at + LIST_NAME_BYTES + 4 + length * POLY_ENTRY_BYTES + 4;
}

/**
 * Where the NanoSIMS header starts: after the last of the Poly/Champs/Offset lists, in one of the four
 * arrangements zanpeeters/sims has seen in real files; any other arrangement is refused.
 */
function nanoSimsBlockAt(header: HeaderBytes, massTableEnd: number, analysisType: string): number {
  const poly = header.find("Poly_list", "last");
  const champs = header.find("Champs_list", "last");
  const offsets = header.find("Offset_list", "last");
  if (poly < 0) {
    if (/rti$/i.test(analysisType)) return massTableEnd + RTI_GAP_BYTES;
    throw new NanoSimsError(header.file, `no Poly_list marker in the header of an image that is not a real-time image (analysis type "${analysisType}"): a layout the public readers do not know`, {byteOffset: 0});
  }
  if (champs < 0 && offsets < 0) return listEnd(header, "Poly_list", poly);
  if (poly < champs && champs < offsets) {
    listEnd(header, "Poly_list", poly);
    listEnd(header, "Champs_list", champs);
    return listEnd(header, "Offset_list", offsets);
  }
  if (champs < offsets && offsets < poly && champs >= 0) {
    listEnd(header, "Champs_list", champs);
    listEnd(header, "Offset_list", offsets);
    return listEnd(header, "Poly_list", poly);
  }
  throw new NanoSimsError(header.file, `Poly_list, Champs_list and Offset_list markers at bytes ${poly}, ${champs}, ${offsets}: an order the public readers do not know`, {byteOffset: Math.max(poly, champs, offsets)});
}

export function readNanoSimsBlock(header: HeaderBytes, massTableEnd: number, analysisType: string): NanoSimsBlock {
  const at = nanoSimsBlockAt(header, massTableEnd, analysisType);
  return {
    version: header.int32(at, "NanoSIMS header version"),
    workingFramePx: [header.int32(at + 28, "working frame width"), header.int32(at + 32, "working frame height")]
  };
}

/** The analysis parameters, or undefined when the header has no `Anal_param_nano` (the reference reader warns and goes on). */
export function readAnalysisParameters(header: HeaderBytes): AnalysisParameters | undefined {
  const at = header.find("Anal_param_nano", "first");
  if (at < 0) return undefined;
  const magic = header.int32(at + SIMS_HEADER_MAGIC_AT, "SIMS header mark");
  if (magic !== SIMS_HEADER_MAGIC) {
    throw new NanoSimsError(header.file, `the SIMS header after Anal_param_nano (byte ${at}) does not start with its mark ${SIMS_HEADER_MAGIC} (reads ${magic}): a layout the public readers do not know`, {byteOffset: at + SIMS_HEADER_MAGIC_AT});
  }
  const simsHeader = at + SIMS_HEADER_MAGIC_AT + 4;
  return {
    analysisVersion: header.int32(at + 16, "analysis version"),
    comment: header.text(at + 32, 256, "comment"),
    primaryIon: header.text(at + PRIMARY_BEAM_AT, 8, "primary ion"),
    primaryBeamRasterUm: header.float64(at + PRIMARY_BEAM_AT + 160, "primary beam raster"),
    // DefAnalysisBis: version, file name 256, matrix 256, 10 ints, two species of 144, 2 doubles, 3 ints.
    sample: header.text(simsHeader + 872, 80, "sample name"),
    user: header.text(simsHeader + 952, 32, "user name")
  };
}
