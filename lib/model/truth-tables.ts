/**
 * Arrow tables of the ground truth: `expected` (noise-free counts of every image, long form) written as one
 * IPC stream assembled batch by batch so memory stays bounded, and `labels` (phase and particle maps).
 * Strings that repeat are dictionary-encoded with one dictionary for the whole stream.
 */
import {
  Dictionary, Field, Float32, Int8, Message, MessageHeader, RecordBatch, Schema, Struct, Table, Uint16, Uint8, Utf8,
  makeData, tableToIPC, vectorFromArray, type DataType
} from "apache-arrow";
import {PHASES, type LabelMaps} from "./labels.js";

type IntType = Uint8 | Uint16;
const smallest = (max: number): IntType => (max <= 255 ? new Uint8() : new Uint16());
const intArray = (type: IntType, length: number) => (type instanceof Uint8 ? new Uint8Array(length) : new Uint16Array(length));

function dictionaryColumn(values: readonly string[], id: number) {
  const dictionary = vectorFromArray([...values], new Utf8());
  return {type: new Dictionary(new Utf8(), new Int8(), id), dictionary};
}

export interface ExpectedStreamLayout {
  regions: string[];
  ions: string[];
  frames: number;
  width: number;
  height: number;
}

/** Encodes `expected` batches into one Arrow IPC stream, chunk by chunk. */
export class ExpectedStream {
  private readonly schema: Schema;
  private readonly region;
  private readonly ion;
  private readonly frameType: IntType;
  private readonly xType: IntType;
  private readonly yType: IntType;
  private started = false;

  constructor(private readonly layout: ExpectedStreamLayout) {
    this.region = dictionaryColumn(layout.regions, 0);
    this.ion = dictionaryColumn(layout.ions, 1);
    this.frameType = smallest(layout.frames - 1);
    this.xType = smallest(layout.width - 1);
    this.yType = smallest(layout.height - 1);
    this.schema = new Schema([
      new Field("region", this.region.type, false),
      new Field("ion", this.ion.type, false),
      new Field("frame", this.frameType, false),
      new Field("x", this.xType, false),
      new Field("y", this.yType, false),
      new Field("expected", new Float32(), false)
    ], new Map([["description", "expected (noise-free) counts of every image as imaged, with drift and beam blur"]]));
  }

  /** Bytes of the next batch (the first call also carries the schema and dictionaries). */
  encode(region: string, ion: string, frame: number, expected: Float32Array): Uint8Array {
    const {width, height} = this.layout;
    const length = width * height;
    if (expected.length !== length) throw new RangeError(`ExpectedStream: ${expected.length} values for ${width} x ${height}`);
    const regionCode = this.layout.regions.indexOf(region);
    const ionCode = this.layout.ions.indexOf(ion);
    if (regionCode < 0 || ionCode < 0) throw new RangeError(`ExpectedStream: unknown region ${region} or ion ${ion}`);
    const x = intArray(this.xType, length);
    const y = intArray(this.yType, length);
    for (let p = 0; p < length; p++) {
      x[p] = p % width;
      y[p] = Math.floor(p / width);
    }
    const children = [
      makeData({type: this.region.type, length, nullCount: 0, data: new Int8Array(length).fill(regionCode), dictionary: this.region.dictionary}),
      makeData({type: this.ion.type, length, nullCount: 0, data: new Int8Array(length).fill(ionCode), dictionary: this.ion.dictionary}),
      makeData({type: this.frameType, length, nullCount: 0, data: intArray(this.frameType, length).fill(frame)}),
      makeData({type: this.xType, length, nullCount: 0, data: x}),
      makeData({type: this.yType, length, nullCount: 0, data: y}),
      makeData({type: new Float32(), length, nullCount: 0, data: expected})
    ];
    const data = makeData({type: new Struct(this.schema.fields), length, nullCount: 0, children: children as never});
    const bytes = tableToIPC(new Table(new RecordBatch(this.schema, data)), "stream");
    const keepHead = !this.started;
    this.started = true;
    return ipcMessages(bytes, keepHead);
  }

  /** The end-of-stream marker. */
  end(): Uint8Array {
    return Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);
  }
}

/** The messages of an IPC stream without its end marker; schema and dictionaries only if `keepHead`. */
function ipcMessages(bytes: Uint8Array, keepHead: boolean): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    const metadataLength = view.getInt32(offset + 4, true);
    if (metadataLength === 0) break;
    const message = Message.decode(bytes.subarray(offset + 8, offset + 8 + metadataLength));
    const end = offset + 8 + metadataLength + Number(message.bodyLength);
    if (keepHead || message.headerType === MessageHeader.RecordBatch) kept.push(bytes.subarray(offset, end));
    offset = end;
  }
  const out = new Uint8Array(kept.reduce((n, chunk) => n + chunk.length, 0));
  let at = 0;
  for (const chunk of kept) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** `labels` table: region, x, y, phase, particle for every pixel of the reference frame. */
export function labelsTable(maps: {region: string; labels: LabelMaps}[], width: number, height: number): Table {
  const length = maps.length * width * height;
  const region = dictionaryColumn(maps.map((m) => m.region), 0);
  const phase = dictionaryColumn(PHASES, 1);
  const xType = smallest(width - 1);
  const yType = smallest(height - 1);
  const regionCodes = new Int8Array(length);
  const x = intArray(xType, length);
  const y = intArray(yType, length);
  const phaseCodes = new Int8Array(length);
  const particle = new Uint16Array(length);
  maps.forEach((m, r) => {
    const base = r * width * height;
    for (let p = 0; p < width * height; p++) {
      regionCodes[base + p] = r;
      x[base + p] = p % width;
      y[base + p] = Math.floor(p / width);
      phaseCodes[base + p] = m.labels.phase[p];
      particle[base + p] = m.labels.particle[p];
    }
  });
  const fields = [
    new Field("region", region.type, false), new Field("x", xType, false), new Field("y", yType, false),
    new Field("phase", phase.type, false), new Field("particle", new Uint16(), false)
  ];
  const schema = new Schema(fields, new Map([["description", "phase and particle labels at pixel centres of the reference frame; particle 0 = none"]]));
  const children = [
    makeData({type: region.type, length, nullCount: 0, data: regionCodes, dictionary: region.dictionary}),
    makeData({type: xType, length, nullCount: 0, data: x}),
    makeData({type: yType, length, nullCount: 0, data: y}),
    makeData({type: phase.type, length, nullCount: 0, data: phaseCodes, dictionary: phase.dictionary}),
    makeData({type: new Uint16(), length, nullCount: 0, data: particle})
  ];
  const data = makeData({type: new Struct(fields as Field<DataType>[]), length, nullCount: 0, children: children as never});
  return new Table(new RecordBatch(schema, data));
}
