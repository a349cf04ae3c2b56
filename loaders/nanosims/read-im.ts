import {NanoSimsError} from "./errors.js";
import {readNanoSimsHeader, type NanoSimsHeader} from "./header.js";

/** A NanoSIMS image file: its header and one image per plane and species. */
export interface NanoSimsFile {
  header: NanoSimsHeader;
  /** `images[plane][species]`, row-major (`data[y * width + x]`), y = 0 the first stored row. */
  images: (Uint16Array | Uint32Array)[][];
}

/** The pixels of one image, copied out of the file and put in the platform's byte order. */
function readImage(bytes: Uint8Array, at: number, pixels: number, header: NanoSimsHeader): Uint16Array | Uint32Array {
  const size = header.bytesPerPixel;
  const copy = bytes.slice(at, at + pixels * size);
  const view = new DataView(copy.buffer);
  const little = header.byteOrder === "little-endian";
  if (size === 2) {
    const out = new Uint16Array(pixels);
    for (let i = 0; i < pixels; i++) out[i] = view.getUint16(2 * i, little);
    return out;
  }
  const out = new Uint32Array(pixels);
  for (let i = 0; i < pixels; i++) out[i] = view.getUint32(4 * i, little);
  return out;
}

/**
 * Reads a Cameca NanoSIMS `.im` image file: planes x masses x height x width unsigned 16- or 32-bit counts after
 * the header. The file must hold exactly the images its header announces: a cut file is refused at the byte where
 * it ends, extra bytes at the byte where they begin.
 */
export function readNanoSimsFile(bytes: Uint8Array, file: string): NanoSimsFile {
  const header = readNanoSimsHeader(bytes, file);
  const {width, height, planes, species, bytesPerPixel, headerBytes} = header;
  const imageBytes = width * height * bytesPerPixel;
  const expected = headerBytes + planes * species.length * imageBytes;
  const layout = `${planes} plane(s) x ${species.length} species x ${width} x ${height} px x ${bytesPerPixel} bytes after a ${headerBytes}-byte header`;
  if (bytes.length < expected) {
    const image = Math.floor((bytes.length - headerBytes) / imageBytes);
    const where = `plane ${Math.floor(image / species.length) + 1}, species ${species[image % species.length].name}`;
    throw new NanoSimsError(file, `the file ends at byte ${bytes.length}, inside the image of ${where} (${layout} make ${expected} bytes)`, {byteOffset: bytes.length});
  }
  if (bytes.length > expected) {
    throw new NanoSimsError(file, `${bytes.length - expected} bytes follow the last image (${layout} make ${expected} bytes)`, {byteOffset: expected});
  }
  const images = Array.from({length: planes}, (_, plane) =>
    species.map((_s, m) => readImage(bytes, headerBytes + (plane * species.length + m) * imageBytes, width * height, header))
  );
  return {header, images};
}
