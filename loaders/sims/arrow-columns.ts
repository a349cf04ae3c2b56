import {
  Data, Dictionary, Field, Float64, Int8, Int16, Int32, makeData, RecordBatch, Schema, Struct, Table, Uint8, Uint16, Uint32,
  Utf8, vectorFromArray, type DataType, type Vector
} from "apache-arrow";

export type UintType = Uint8 | Uint16 | Uint32;
export type UintArray = Uint8Array | Uint16Array | Uint32Array;

/** The smallest unsigned type that holds `max` (DuckDB: UTINYINT, USMALLINT, UINTEGER). */
export function smallestUint(max: number): {type: UintType; array: new (length: number) => UintArray} {
  if (max < 256) return {type: new Uint8(), array: Uint8Array};
  if (max < 65536) return {type: new Uint16(), array: Uint16Array};
  if (max < 2 ** 32) return {type: new Uint32(), array: Uint32Array};
  throw new RangeError(`${max} does not fit 32 bits`);
}

export function uintData(values: UintArray): Data<UintType> {
  const type = values instanceof Uint8Array ? new Uint8() : values instanceof Uint16Array ? new Uint16() : new Uint32();
  return makeData({type, length: values.length, nullCount: 0, data: values}) as Data<UintType>;
}

/**
 * A dictionary of strings shared by every batch of a table (one dictionary id, so an IPC writer
 * writes it once). Indices are signed, as the Arrow format recommends.
 */
export class StringDictionary {
  readonly type: Dictionary<Utf8, Int8 | Int16 | Int32>;
  private readonly vector: Vector<Utf8>;
  private readonly indexOf = new Map<string, number>();
  private readonly constants = new Map<string, Int8Array | Int16Array | Int32Array>();

  constructor(readonly values: readonly string[], id: number) {
    values.forEach((v, i) => this.indexOf.set(v, i));
    const indexType = values.length <= 128 ? new Int8() : values.length <= 32768 ? new Int16() : new Int32();
    this.type = new Dictionary(new Utf8(), indexType, id);
    this.vector = vectorFromArray([...values], new Utf8());
  }

  private indexArray(length: number): Int8Array | Int16Array | Int32Array {
    const t = this.type.indices;
    return t instanceof Int8 ? new Int8Array(length) : t instanceof Int16 ? new Int16Array(length) : new Int32Array(length);
  }

  /** A column of `length` copies of `value`; equal requests share one buffer. */
  constant(value: string, length: number): Data<Dictionary<Utf8, Int8 | Int16 | Int32>> {
    const key = `${length}\u0000${value}`;
    let indices = this.constants.get(key);
    if (!indices) {
      indices = this.indexArray(length).fill(this.index(value));
      this.constants.set(key, indices);
    }
    return this.data(indices);
  }

  column(values: readonly string[]): Data<Dictionary<Utf8, Int8 | Int16 | Int32>> {
    const indices = this.indexArray(values.length);
    values.forEach((v, i) => (indices[i] = this.index(v)));
    return this.data(indices);
  }

  private index(value: string): number {
    const i = this.indexOf.get(value);
    if (i === undefined) throw new RangeError(`"${value}" is not in the dictionary`);
    return i;
  }

  private data(indices: Int8Array | Int16Array | Int32Array) {
    return makeData({type: this.type, length: indices.length, nullCount: 0, data: indices, dictionary: this.vector});
  }
}

export function float64Data(values: readonly (number | null)[]): Data<Float64> {
  return vectorFromArray([...values], new Float64()).data[0];
}

export function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  return vectorFromArray([...values], new Utf8()).data[0];
}

/** A schema whose fields are nullable only when a column can hold nulls. */
export function schemaOf(columns: readonly [string, DataType, boolean][], metadata?: Map<string, string>): Schema {
  return new Schema(columns.map(([name, type, nullable]) => new Field(name, type, nullable)), metadata);
}

export function batchOf(schema: Schema, children: Data[]): RecordBatch {
  const length = children[0]?.length ?? 0;
  return new RecordBatch(schema, makeData({type: new Struct(schema.fields), length, nullCount: 0, children}));
}

export function tableOf(schema: Schema, batches: RecordBatch[]): Table {
  return new Table(schema, batches);
}
