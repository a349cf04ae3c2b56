// The Cameca file types and the layout of the part of the header that differs between the image types, as the
// public readers give them (zanpeeters/sims `sims/sims.py`: `_file_types`, `_main_header`; BWHCNI/OpenMIMS
// `Mims_Reader.java`: `readMaskIm`, `readMaskIss`). Kept as data, apart from the reader.

/** Every file-type code (the int at byte 4) the public readers name. */
export const CAMECA_FILE_TYPES: ReadonlyMap<number, string> = new Map([
  [21, "depth profile"],
  [22, "line scan (stage control)"],
  [25, "E0S/E0W scan"],
  [26, "isotopes (spot)"],
  [27, "image"],
  [29, "grain mode image"],
  [30, "grain mode isotopes"],
  [31, "HMR/SIBC/trolley step scan"],
  [32, "PHD scan"],
  [34, "tools scan"],
  [35, "beam stability/leak current"],
  [39, "line scan image"],
  [40, "line scan (beam control)"],
  [41, "stage scan image"]
]);

/** Where the mass count and the mass table lie after the 124 bytes common to all types, for one image type. */
export interface ImageMaskLayout {
  /** Bytes of the type's `Mask_*` block, from byte 124 up to the int that counts the masses. */
  maskBytes: number;
  /** Offset of the analysis duration (int, seconds) within that block. */
  durationAt: number;
  /** How many mass-table pointers (ints) follow the mass count, by file version. */
  massPointers: (fileVersion: number) => number;
  /** Unused bytes between the pointers and the mass table. */
  gapBytes: number;
}

// Mask_im: 48 bytes, AutoCal 76, SigRef 160 (the two readers split it differently, the total agrees).
const MASK_IMAGE: ImageMaskLayout = {maskBytes: 48 + 76 + 160, durationAt: 16, massPointers: (v) => (v >= 4108 ? 60 : 10), gapBytes: 0};
// Mask_iss: 64 bytes, AutoCal 76, HvControl 112, 4 unused, SigRef 160; 20 pointers and 4 unused bytes after.
const MASK_STAGE_IMAGE: ImageMaskLayout = {maskBytes: 64 + 76 + 112 + 4 + 160, durationAt: 16, massPointers: () => 20, gapBytes: 4};

/** The image types and their layouts; every other code is refused by name. */
export const IMAGE_LAYOUTS: ReadonlyMap<number, ImageMaskLayout> = new Map([
  [27, MASK_IMAGE],
  [29, MASK_IMAGE],
  [39, MASK_IMAGE],
  [41, MASK_STAGE_IMAGE]
]);
