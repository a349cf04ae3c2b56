/** The facts an image file states about itself (all optional: the manifest fills the gaps). */
export interface ImageHeader {
  sample?: string;
  region?: string;
  ion?: string;
  massU?: number;
  fieldOfViewUm?: [number, number];
  /** `[width, height]` in pixels as the header states it. */
  pixels?: [number, number];
  scans?: number;
  totalCounts?: number;
  /** As written (local time unless it carries an offset); see `local-time.ts`. */
  acquisitionStart?: string;
  acquisitionEnd?: string;
  doseIonsPerCm2?: number;
  /** Keys we do not know, with their original spelling. */
  extra: Record<string, string>;
  /** Free-text `#` lines (export settings and the like). */
  notes: string[];
}

export type PixelArray = Float64Array | Float32Array | Uint8Array | Uint16Array | Uint32Array | Int8Array | Int16Array | Int32Array;

/** One decoded image, flat and row-major (`data[y * width + x]`, y down), plus its header. */
export interface SimsImage {
  data: PixelArray;
  width: number;
  height: number;
  header: ImageHeader;
}

export function emptyHeader(): ImageHeader {
  return {extra: {}, notes: []};
}
