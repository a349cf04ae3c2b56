import type {Table} from "apache-arrow";
import {countsImageTable, type CountsImage} from "../sims/image-table.js";
import type {WallClockTime} from "../time-zone.js";
import {CAMECA_FILE_TYPES} from "./file-types.js";
import type {NanoSimsFile} from "./read-im.js";

/** The file's field of view in µm, `[x, y]`: the raster is the side of the scanned square (OpenMIMS: raster / w, raster / h). */
export function fieldOfViewUm(file: NanoSimsFile): [number, number] {
  const side = file.header.rasterNm / 1000;
  return [side, side];
}

/** `2005-11-17 18:07:00`: a wall-clock time as the other loaders write `acquisition_start` (local, no offset). */
export function formatWallClock(t: WallClockTime): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(Math.floor(t.second))}`;
}

function metadataOf(file: NanoSimsFile, fileName: string): Map<string, string> {
  const h = file.header;
  const m = new Map<string, string>([
    ["source_file", fileName],
    ["format", "nanosims"],
    ["instrument_file_type", `${CAMECA_FILE_TYPES.get(h.fileType)} (${h.fileType})`],
    ["species", JSON.stringify(h.species.map((s) => s.name))],
    ["species_mass_u", JSON.stringify(h.species.map((s) => s.massU))],
    ["field_of_view_um", JSON.stringify(fieldOfViewUm(file))],
    ["pixels", JSON.stringify([h.width, h.height])],
    ["planes", String(h.planes)],
    ["raster_nm", String(h.rasterNm)],
    ["analysis_duration_s", String(h.analysisDurationS)]
  ]);
  if (h.acquiredAt) m.set("acquisition_start", formatWallClock(h.acquiredAt));
  if (h.analysis?.sample) m.set("sample", h.analysis.sample);
  if (h.analysis?.comment) m.set("comment", h.analysis.comment);
  if (h.analysis) m.set("primary_beam_raster_um", String(h.analysis.primaryBeamRasterUm));
  return m;
}

/** The largest count (the table picks its counts type from it). */
function maxOf(counts: Uint16Array | Uint32Array): number {
  let max = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > max) max = counts[i];
  return max;
}

/**
 * The long image table `ion, frame, x, y, counts` of a NanoSIMS file: frame = plane, ion = species name, sorted by
 * plane, species (in the file's order), y, x; the field of view, species and header facts in the schema metadata.
 */
export function nanoSimsTable(file: NanoSimsFile, fileName: string): Table {
  const images: CountsImage[] = file.images.flatMap((plane, frame) =>
    plane.map((counts, s) => ({ion: file.header.species[s].name, frame, counts, max: maxOf(counts)}))
  );
  return countsImageTable(images, file.header.width, file.header.height, metadataOf(file, fileName));
}
