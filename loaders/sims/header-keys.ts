/**
 * Header keys of ASCII image exports and their synonyms, as data. A key is normalised before lookup:
 * lower case, a trailing unit in brackets removed (`Mass (u)` -> `mass`), runs of blanks and `_`/`.`
 * made one space. The unit, if any, is kept for the value parser.
 */
export type HeaderField =
  | "sample"
  | "region"
  | "ion"
  | "massOrIon"
  | "massU"
  | "fieldOfViewUm"
  | "pixels"
  | "scans"
  | "totalCounts"
  | "acquisitionStart"
  | "acquisitionEnd"
  | "doseIonsPerCm2";

export const HEADER_SYNONYMS: Readonly<Record<HeaderField, readonly string[]>> = {
  sample: ["sample", "sample name", "specimen"],
  region: ["region", "analysis region", "area", "analysis area"],
  ion: ["ion", "image", "peak", "peak name", "species", "secondary ion", "channel"],
  // `Mass: 57.935 u` is a mass, `Mass: 58Ni+` an ion name: decided by the value.
  massOrIon: ["mass"],
  massU: ["m/z", "centre mass", "center mass", "peak mass", "nominal mass"],
  fieldOfViewUm: ["field of view", "fov", "field of view size", "raster size", "scan size"],
  pixels: ["pixels", "resolution", "image size", "size", "pixel count", "number of pixels", "raster", "dimensions"],
  scans: ["scans", "number of scans", "scan count", "scan number"],
  totalCounts: ["total counts", "total", "total intensity", "sum of counts", "counts"],
  acquisitionStart: ["acquisition start", "start", "start time", "acquisition date", "acquisition time", "measurement date"],
  acquisitionEnd: ["acquisition end", "end", "end time", "stop time", "acquisition stop"],
  doseIonsPerCm2: ["primary ion dose", "dose", "pi dose", "primary ion dose density", "dose density", "fluence"]
};

const FIELD_BY_KEY = new Map<string, HeaderField>();
for (const [field, keys] of Object.entries(HEADER_SYNONYMS) as [HeaderField, readonly string[]][]) {
  for (const key of keys) FIELD_BY_KEY.set(key, field);
}

export interface NormalisedKey {
  key: string;
  /** The unit in brackets at the end of the key, lower case (`um`, `u`, `ions/cm^2`), or "". */
  unit: string;
}

export function normaliseKey(rawKey: string): NormalisedKey {
  let key = rawKey.trim().toLowerCase();
  let unit = "";
  const unitMatch = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]$/.exec(key);
  if (unitMatch && unitMatch[1] !== "") {
    key = unitMatch[1];
    unit = unitMatch[2].trim();
  }
  key = key.replace(/[\s_.]+/g, " ").trim();
  return {key, unit};
}

export function fieldOfKey(key: NormalisedKey): HeaderField | undefined {
  const field = FIELD_BY_KEY.get(key.key);
  // `Image size (um)` is a field of view, `Image size` a pixel count.
  if (field === "pixels" && LENGTH_UNIT_TO_UM.has(key.unit)) return "fieldOfViewUm";
  return field;
}

/** Length units accepted for a field of view, as factors to micrometres. */
export const LENGTH_UNIT_TO_UM: ReadonlyMap<string, number> = new Map([
  ["um", 1], ["µm", 1], ["μm", 1], ["micron", 1], ["microns", 1], ["micrometer", 1], ["micrometre", 1],
  ["mm", 1000], ["nm", 0.001]
]);
