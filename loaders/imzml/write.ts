// An imzML writer (continuous or processed mode): the .ibd as pieces to append (its UUID first) and the
// XML at the end, so that a large file never needs to be in memory. Used by the round-trip tests, the
// benchmark and the reference dataset's forward model.
import type {PixelSize} from "./read-index.js";
import type {ImzmlMode, NumberType} from "./vocabulary.js";

export interface ImzmlWriteOptions {
  mode: ImzmlMode;
  width: number;
  height: number;
  pixelSize?: PixelSize;
  mzType?: "float32" | "float64";
  intensityType?: NumberType;
  /** 32 hex digits (dashes and braces allowed); random when not given. */
  uuid?: string;
  /** Continuous mode: the m/z axis every spectrum shares. */
  mzU?: ArrayLike<number>;
  /** zlib (RFC 1950) compression of each array, e.g. node:zlib's `deflateSync`; declared as MS:1000574. */
  compress?: (bytes: Uint8Array) => Uint8Array;
}

export interface SpectrumToWrite {
  /** 0-based from the left and from the top (written 1-based, as imzML counts). */
  x: number;
  y: number;
  intensity: ArrayLike<number>;
  /** Processed mode: this spectrum's m/z values. */
  mzU?: ArrayLike<number>;
}

const TYPE_TERMS: Record<NumberType, string> = {
  float32: `accession="MS:1000521" name="32-bit float"`, float64: `accession="MS:1000523" name="64-bit float"`,
  int32: `accession="IMS:1000141" name="32-bit integer"`, int64: `accession="IMS:1000142" name="64-bit integer"`
};

/** Little-endian bytes of `values` as `type`; integers must be whole and in range. */
export function encodeValues(values: ArrayLike<number>, type: NumberType): Uint8Array {
  const n = values.length;
  if (type === "float32") return new Uint8Array(Float32Array.from(values).buffer);
  if (type === "float64") return new Uint8Array(Float64Array.from(values).buffer);
  const limit = type === "int32" ? 2 ** 31 : Number.MAX_SAFE_INTEGER + 1;
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(values[i]) || values[i] >= limit || values[i] < -limit) throw new RangeError(`encodeValues: ${values[i]} is not a ${type} value`);
  }
  if (type === "int32") return new Uint8Array(Int32Array.from(values).buffer);
  return new Uint8Array(BigInt64Array.from(Array.from(values), (v) => BigInt(v)).buffer);
}

function uuidBytes(uuid: string | undefined): Uint8Array {
  if (uuid === undefined) return crypto.getRandomValues(new Uint8Array(16));
  const hex = uuid.replace(/[{}-]/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`ImzmlWriter: UUID "${uuid}" is not 32 hex digits`);
  return Uint8Array.from({length: 16}, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

const cv = (ref: string, term: string, value = "", unit = "") => `<cvParam cvRef="${ref}" ${term} value="${value}"${unit}/>`;
const UNIT_TERMS = {um: ` unitCvRef="UO" unitAccession="UO:0000017" unitName="micrometer"`, nm: ` unitCvRef="UO" unitAccession="UO:0000018" unitName="nanometer"`};

interface WrittenArray {
  offset: number;
  length: number;
  encodedLength: number;
}

export class ImzmlWriter {
  private readonly options: Required<Pick<ImzmlWriteOptions, "mzType" | "intensityType">> & ImzmlWriteOptions;
  private readonly uuid: Uint8Array;
  private readonly spectraXml: string[] = [];
  private sharedMz: WrittenArray | null = null;
  private bytesWritten = 0;

  constructor(options: ImzmlWriteOptions) {
    this.options = {mzType: "float64", intensityType: "float64", ...options};
    if (!(Number.isInteger(options.width) && Number.isInteger(options.height) && options.width > 0 && options.height > 0)) {
      throw new RangeError(`ImzmlWriter: ${options.width} x ${options.height} pixels`);
    }
    if ((options.mode === "continuous") !== (options.mzU !== undefined)) throw new RangeError("ImzmlWriter: continuous mode takes mzU (the shared axis), processed mode does not");
    this.uuid = uuidBytes(options.uuid);
  }

  private encoded(values: ArrayLike<number>, type: NumberType): {bytes: Uint8Array; array: WrittenArray} {
    const plain = encodeValues(values, type);
    const bytes = this.options.compress ? this.options.compress(plain) : plain;
    const array = {offset: this.bytesWritten, length: values.length, encodedLength: bytes.length};
    this.bytesWritten += bytes.length;
    return {bytes, array};
  }

  /** The first bytes of the .ibd: the UUID and, in continuous mode, the shared m/z axis. */
  start(): Uint8Array {
    if (this.bytesWritten !== 0) throw new RangeError("ImzmlWriter: start() is called once, first");
    this.bytesWritten = 16;
    if (!this.options.mzU) return this.uuid.slice();
    const mz = this.encoded(this.options.mzU, this.options.mzType);
    this.sharedMz = mz.array;
    const head = new Uint8Array(16 + mz.bytes.length);
    head.set(this.uuid);
    head.set(mz.bytes, 16);
    return head;
  }

  /** The bytes to append to the .ibd for one spectrum. */
  add(spectrum: SpectrumToWrite): Uint8Array {
    if (this.bytesWritten === 0) throw new RangeError("ImzmlWriter: call start() first");
    const {x, y, intensity} = spectrum;
    if (!(Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < this.options.width && y < this.options.height)) {
      throw new RangeError(`ImzmlWriter: pixel (${x}, ${y}) outside ${this.options.width} x ${this.options.height}`);
    }
    const mzValues = this.sharedMz ? null : spectrum.mzU;
    if (this.sharedMz ? spectrum.mzU !== undefined || intensity.length !== this.sharedMz.length : !mzValues || mzValues.length !== intensity.length) {
      throw new RangeError(`ImzmlWriter: spectrum (${x}, ${y}) needs ${this.sharedMz ? "no m/z values and one intensity per axis value" : "as many m/z values as intensities"}`);
    }
    const mz = mzValues ? this.encoded(mzValues, this.options.mzType) : null;
    const values = this.encoded(intensity, this.options.intensityType);
    this.spectraXml.push(this.spectrumXml(x, y, mz?.array ?? this.sharedMz!, values.array));
    if (!mz) return values.bytes;
    const bytes = new Uint8Array(mz.bytes.length + values.bytes.length);
    bytes.set(mz.bytes);
    bytes.set(values.bytes, mz.bytes.length);
    return bytes;
  }

  private spectrumXml(x: number, y: number, mz: WrittenArray, intensity: WrittenArray): string {
    const index = this.spectraXml.length;
    const array = (group: string, a: WrittenArray) => `
<binaryDataArray encodedLength="0"><referenceableParamGroupRef ref="${group}"/>
${cv("IMS", `accession="IMS:1000103" name="external array length"`, String(a.length))}
${cv("IMS", `accession="IMS:1000102" name="external offset"`, String(a.offset))}
${cv("IMS", `accession="IMS:1000104" name="external encoded length"`, String(a.encodedLength))}
<binary/></binaryDataArray>`;
    return `<spectrum id="Scan=${index + 1}" defaultArrayLength="0" index="${index}"><referenceableParamGroupRef ref="spectrum1"/>
<scanList count="1">${cv("MS", `accession="MS:1000795" name="no combination"`)}<scan>
${cv("IMS", `accession="IMS:1000050" name="position x"`, String(x + 1))}
${cv("IMS", `accession="IMS:1000051" name="position y"`, String(y + 1))}
</scan></scanList>
<binaryDataArrayList count="2">${array("mzArray", mz)}${array("intensityArray", intensity)}
</binaryDataArrayList></spectrum>`;
  }

  /** The imzML XML, once every spectrum was added. */
  finish(): string {
    const {mode, width, height, pixelSize, mzType, intensityType, compress} = this.options;
    const hex = Array.from(this.uuid, (b) => b.toString(16).padStart(2, "0")).join("");
    const compression = compress ? cv("MS", `accession="MS:1000574" name="zlib compression"`) : cv("MS", `accession="MS:1000576" name="no compression"`);
    const group = (id: string, kind: string, type: NumberType) => `<referenceableParamGroup id="${id}">${compression}
${kind}
${cv("IMS", `accession="IMS:1000101" name="external data"`, "true")}
${cv("MS", TYPE_TERMS[type])}
</referenceableParamGroup>`;
    const size = pixelSize
      ? `\n${cv("IMS", `accession="IMS:1000046" name="pixel size x"`, String(pixelSize.x), UNIT_TERMS[pixelSize.unit])}\n${cv("IMS", `accession="IMS:1000047" name="pixel size y"`, String(pixelSize.y), UNIT_TERMS[pixelSize.unit])}`
      : "";
    return `<?xml version="1.0" encoding="UTF-8"?>
<mzML xmlns="http://psi.hupo.org/ms/mzml" version="1.1">
<cvList count="3">
<cv id="MS" fullName="Proteomics Standards Initiative Mass Spectrometry Ontology" URI="https://raw.githubusercontent.com/HUPO-PSI/psi-ms-CV/master/psi-ms.obo"/>
<cv id="UO" fullName="Unit Ontology" URI="http://ontologies.berkeleybop.org/uo.obo"/>
<cv id="IMS" fullName="Mass Spectrometry Imaging Ontology" URI="https://raw.githubusercontent.com/imzML/imzML/master/imagingMS.obo"/>
</cvList>
<fileDescription><fileContent>
${cv("MS", `accession="MS:1000579" name="MS1 spectrum"`)}
${cv("IMS", mode === "continuous" ? `accession="IMS:1000030" name="continuous"` : `accession="IMS:1000031" name="processed"`)}
${cv("IMS", `accession="IMS:1000080" name="universally unique identifier"`, `{${hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-").toUpperCase()}}`)}
</fileContent></fileDescription>
<referenceableParamGroupList count="3">
${group("mzArray", cv("MS", `accession="MS:1000514" name="m/z array"`, "", ` unitCvRef="MS" unitAccession="MS:1000040" unitName="m/z"`), mzType)}
${group("intensityArray", cv("MS", `accession="MS:1000515" name="intensity array"`, "", ` unitCvRef="MS" unitAccession="MS:1000131" unitName="number of detector counts"`), intensityType)}
<referenceableParamGroup id="spectrum1">${cv("MS", `accession="MS:1000579" name="MS1 spectrum"`)}</referenceableParamGroup>
</referenceableParamGroupList>
<softwareList count="1"><software id="operando-notebook" version="0.1.0">${cv("MS", `accession="MS:1000799" name="custom unreleased software tool"`, "operando-notebook")}</software></softwareList>
<scanSettingsList count="1"><scanSettings id="scanSettings1">
${cv("IMS", `accession="IMS:1000042" name="max count of pixels x"`, String(width))}
${cv("IMS", `accession="IMS:1000043" name="max count of pixels y"`, String(height))}${size}
</scanSettings></scanSettingsList>
<instrumentConfigurationList count="1"><instrumentConfiguration id="IC1"/></instrumentConfigurationList>
<dataProcessingList count="1"><dataProcessing id="export"><processingMethod order="1" softwareRef="operando-notebook">${cv("MS", `accession="MS:1000544" name="Conversion to mzML"`)}</processingMethod></dataProcessing></dataProcessingList>
<run id="run1" defaultInstrumentConfigurationRef="IC1"><spectrumList count="${this.spectraXml.length}" defaultDataProcessingRef="export">
${this.spectraXml.join("\n")}
</spectrumList></run>
</mzML>
`;
  }
}

/** A whole imzML pair in memory: the XML text and the .ibd bytes. */
export function writeImzml(spectra: Iterable<SpectrumToWrite>, options: ImzmlWriteOptions): {imzml: string; ibd: Uint8Array} {
  const writer = new ImzmlWriter(options);
  const pieces = [writer.start()];
  for (const spectrum of spectra) pieces.push(writer.add(spectrum));
  const ibd = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  pieces.reduce((at, piece) => (ibd.set(piece, at), at + piece.length), 0);
  return {imzml: writer.finish(), ibd};
}
