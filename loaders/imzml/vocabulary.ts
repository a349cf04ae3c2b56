// The controlled-vocabulary terms the reader understands, matched by accession only: IONTOF exports
// misspell the names ("max count of pixel x", "pixel size (x)"), never the accessions.

export type NumberType = "float32" | "float64" | "int32" | "int64";
export type ImzmlMode = "continuous" | "processed";
export type LengthUnit = "um" | "nm";

/** Binary data types; the PSI-MS integer terms are accepted beside the imzML ones. */
export const NUMBER_TYPES: Readonly<Record<string, NumberType>> = {
  "MS:1000521": "float32",
  "MS:1000523": "float64",
  "IMS:1000141": "int32",
  "IMS:1000142": "int64",
  "MS:1000519": "int32",
  "MS:1000522": "int64"
};

export const BYTES_PER_VALUE: Readonly<Record<NumberType, number>> = {float32: 4, float64: 8, int32: 4, int64: 8};

/** Compression of one binary array; the MS-Numpress family is named so that it is refused, not ignored. */
export const COMPRESSIONS: Readonly<Record<string, "none" | "zlib" | "numpress">> = {
  "MS:1000576": "none",
  "MS:1000574": "zlib",
  "MS:1002312": "numpress",
  "MS:1002313": "numpress",
  "MS:1002314": "numpress",
  "MS:1002746": "numpress",
  "MS:1002747": "numpress",
  "MS:1002748": "numpress"
};

export const ARRAY_KINDS: Readonly<Record<string, "mz" | "intensity">> = {"MS:1000514": "mz", "MS:1000515": "intensity"};

export const MODES: Readonly<Record<string, ImzmlMode>> = {"IMS:1000030": "continuous", "IMS:1000031": "processed"};

export const LENGTH_UNITS: Readonly<Record<string, LengthUnit>> = {"UO:0000017": "um", "UO:0000018": "nm"};

export const TERMS = {
  uuid: "IMS:1000080",
  maxCountX: "IMS:1000042",
  maxCountY: "IMS:1000043",
  maxDimensionX: "IMS:1000044",
  maxDimensionY: "IMS:1000045",
  pixelSizeX: "IMS:1000046",
  pixelSizeY: "IMS:1000047",
  positionX: "IMS:1000050",
  positionY: "IMS:1000051",
  positionZ: "IMS:1000052",
  externalData: "IMS:1000101",
  externalOffset: "IMS:1000102",
  externalArrayLength: "IMS:1000103",
  externalEncodedLength: "IMS:1000104"
} as const;
