import type {Table} from "apache-arrow";
import type {WallClockTime} from "../time-zone.js";
import {CAMECA_FILE_TYPES} from "./file-types.js";
import {fieldOfViewUm, nanoSimsTable} from "./image-table.js";
import {readNanoSimsFile} from "./read-im.js";

export {readNanoSimsFile, type NanoSimsFile} from "./read-im.js";
export {byteOrderOf, type NanoSimsHeader, type NanoSimsSpecies} from "./header.js";
export {CAMECA_FILE_TYPES, IMAGE_LAYOUTS} from "./file-types.js";
export {fieldOfViewUm, nanoSimsTable} from "./image-table.js";
export {NanoSimsError} from "./errors.js";

const IM_EXTENSION = /\.im$/i;

/**
 * Whether the bytes are a Cameca file (of any type, so that a non-image one is refused by name): an `.im` name, or
 * a file-type field (byte 4) that is a Cameca type in one byte order with a header size (byte 8) that fits the file.
 */
export function sniffNanoSims(bytes: Uint8Array, fileName: string): boolean {
  if (IM_EXTENSION.test(fileName)) return true;
  if (bytes.length < 12) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 12);
  return [false, true].some((little) => {
    const headerBytes = view.getInt32(8, little);
    return CAMECA_FILE_TYPES.has(view.getInt32(4, little)) && headerBytes >= 12 && headerBytes <= bytes.length;
  });
}

/** A NanoSIMS `.im` file as the long image table `ion, frame, x, y, counts` (see `nanoSimsTable`). */
export function parseNanoSimsFile(bytes: Uint8Array, fileName: string): Table {
  return nanoSimsTable(readNanoSimsFile(bytes, fileName), fileName);
}

/** One image of one species in one plane, for a run's frames. */
export interface NanoSimsPlaneImage {
  /** The species' name (`12C 14N`, `SE`). */
  ion: string;
  /** The plane, from 0. */
  frame: number;
  width: number;
  height: number;
  /** Counts, row-major (`data[y * width + x]`), y = 0 the first stored row. */
  data: Uint16Array | Uint32Array;
  pixelWidthUm: number;
  pixelHeightUm: number;
}

export interface NanoSimsImages {
  /** Plane by plane, each plane's species in the file's order. */
  images: NanoSimsPlaneImage[];
  species: string[];
  planes: number;
  fieldOfViewUm: [number, number];
  /** When the acquisition started, as the instrument PC's clock showed it (zone not in the file), if the header says. */
  acquiredAt?: WallClockTime;
  /** The whole acquisition (all planes), in s. */
  analysisDurationS: number;
}

/** The images of a NanoSIMS `.im` file per (plane, species), with their pixel size; throws `NanoSimsError`. */
export function nanoSimsImages(bytes: Uint8Array, fileName: string): NanoSimsImages {
  const file = readNanoSimsFile(bytes, fileName);
  const {width, height, species, planes, acquiredAt, analysisDurationS} = file.header;
  const fov = fieldOfViewUm(file);
  const images = file.images.flatMap((plane, frame) => plane.map((data, s): NanoSimsPlaneImage => ({
    ion: species[s].name, frame, width, height, data, pixelWidthUm: fov[0] / width, pixelHeightUm: fov[1] / height
  })));
  return {images, species: species.map((s) => s.name), planes, fieldOfViewUm: fov, acquiredAt, analysisDurationS};
}
