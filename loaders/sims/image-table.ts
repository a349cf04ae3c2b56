import type {Table} from "apache-arrow";
import {batchOf, schemaOf, smallestUint, StringDictionary, tableOf, uintData, type UintArray} from "./arrow-columns.js";
import {asUintArray, toCounts} from "./counts.js";
import {AsciiImageError} from "./errors.js";
import type {ImageHeader, SimsImage} from "./image.js";
import type {LoaderError} from "../errors.js";

/** Header facts as Arrow schema metadata (snake_case keys, JSON for pairs, `header:<key>` for unknown keys). */
function headerMetadata(header: ImageHeader, fileName: string, format: string): Map<string, string> {
  const m = new Map<string, string>([["source_file", fileName], ["format", format]]);
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined) m.set(key, String(value));
  };
  put("sample", header.sample);
  put("region", header.region);
  put("ion", header.ion);
  put("mass_u", header.massU);
  if (header.fieldOfViewUm) m.set("field_of_view_um", JSON.stringify(header.fieldOfViewUm));
  if (header.pixels) m.set("pixels", JSON.stringify(header.pixels));
  put("scans", header.scans);
  put("total_counts", header.totalCounts);
  put("acquisition_start", header.acquisitionStart);
  put("acquisition_end", header.acquisitionEnd);
  put("dose_ions_per_cm2", header.doseIonsPerCm2);
  for (const [key, value] of Object.entries(header.extra)) m.set(`header:${key}`, value);
  if (header.notes.length > 0) m.set("notes", JSON.stringify(header.notes));
  return m;
}

/** One image of a long table: its ion and frame, and counts row-major (`counts[y * width + x]`). */
export interface CountsImage {
  ion: string;
  frame: number;
  counts: Uint16Array | Uint32Array;
  /** The largest count, which picks the column type. */
  max: number;
}

/**
 * `ion, frame, x, y, counts` for images of one size (one record batch each, in the order given; the ions
 * in order of first appearance), with `metadata` as the schema metadata.
 */
export function countsImageTable(images: readonly CountsImage[], width: number, height: number, metadata: Map<string, string>): Table {
  const countsType = smallestUint(Math.max(...images.map((c) => c.max)));
  const frameType = smallestUint(Math.max(...images.map((c) => c.frame)));
  const xs = new (smallestUint(width - 1).array)(width * height);
  const ys = new (smallestUint(height - 1).array)(width * height);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      xs[i] = x;
      ys[i] = y;
    }
  }
  const ions = new StringDictionary([...new Set(images.map((c) => c.ion))], 0);
  const schema = schemaOf(
    [["ion", ions.type, false], ["frame", frameType.type, false], ["x", uintData(xs).type, false], ["y", uintData(ys).type, false], ["counts", countsType.type, false]],
    metadata
  );
  const batches = images.map((c) => {
    const frames: UintArray = new frameType.array(width * height).fill(c.frame);
    return batchOf(schema, [ions.constant(c.ion, width * height), uintData(frames), uintData(xs), uintData(ys), uintData(asUintArray(c.counts, countsType.array))]);
  });
  return tableOf(schema, batches);
}

/** `ion, frame, x, y, counts` for one file's images of one ion (one per frame), sorted by frame, y, x. */
export function imageTable(
  images: SimsImage[], fileName: string, format: string,
  makeError: (problem: string) => LoaderError = (problem) => new AsciiImageError(fileName, problem)
): Table {
  const {width, height} = images[0];
  const ion = images[0].header.ion ?? fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const counts = images.map((image, frame): CountsImage => {
    const result = toCounts(image.data);
    if (!result.ok) {
      const where = `pixel ${result.badIndex % width}, ${Math.floor(result.badIndex / width)}${images.length > 1 ? ` of page ${frame + 1}` : ""}`;
      throw makeError(`counts ${result.value} at ${where} are not a non-negative integer`);
    }
    return {ion, frame, counts: result.counts, max: result.max};
  });
  return countsImageTable(counts, width, height, headerMetadata(images[0].header, fileName, format));
}
