import * as arrow from "apache-arrow";
import {smallestIntArray, type SmallInts} from "@operando/lib/echem/derive";
import type {SourceValues} from "./source-record.js";

/** A column ready to be put in a table: its field and its data. */
export interface TableColumn {
  field: arrow.Field;
  data: arrow.Data;
}

function unitMetadata(unit: string | undefined): Map<string, string> | null {
  return unit === undefined ? null : new Map([["unit", unit]]);
}

/** A column of `values`; where `nulls[i]` is 1 the cell is null (the file left it empty, or it cannot be known). */
export function typedColumn(name: string, values: SourceValues | Int8Array | Int16Array, unit?: string, nulls?: Uint8Array): TableColumn {
  const type = arrowTypeOf(values);
  if (!nulls) return {field: new arrow.Field(name, type, false, unitMetadata(unit)), data: arrow.makeData({type, length: values.length, data: values} as never)};
  const validity = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (nulls[i]) nullCount++;
    else validity[i >> 3] |= 1 << (i & 7);
  }
  const data = arrow.makeData({type, length: values.length, data: values, nullBitmap: validity, nullCount} as never);
  return {field: new arrow.Field(name, type, true, unitMetadata(unit)), data};
}

function arrowTypeOf(values: SourceValues | Int8Array | Int16Array): arrow.DataType {
  if (values instanceof Float64Array) return new arrow.Float64();
  if (values instanceof Float32Array) return new arrow.Float32();
  if (values instanceof Int32Array) return new arrow.Int32();
  if (values instanceof Int16Array) return new arrow.Int16();
  if (values instanceof Int8Array) return new arrow.Int8();
  if (values instanceof Uint32Array) return new arrow.Uint32();
  if (values instanceof Uint16Array) return new arrow.Uint16();
  return new arrow.Uint8();
}

/** The smallest signed integer array that holds every value (the data model asks for small integer types). */
export function smallestInts(values: ArrayLike<number>): SmallInts {
  const [min, max] = rangeOf(values);
  if (values instanceof Int32Array && (min < -32768 || max > 32767)) return values;
  const out = smallestIntArray(min, max, values.length);
  out.set(values);
  return out;
}

// One loop per input type keeps each loop monomorphic (a shared loop over mixed types runs several times slower).
function rangeOf(values: ArrayLike<number>): [number, number] {
  let min = 0;
  let max = 0;
  if (values instanceof Int32Array) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] < min) min = values[i];
      else if (values[i] > max) max = values[i];
    }
  } else if (values instanceof Uint16Array) {
    for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  } else {
    for (let i = 0; i < values.length; i++) {
      if (values[i] < min) min = values[i];
      else if (values[i] > max) max = values[i];
    }
  }
  return [min, max];
}

/** 0, 1, … n - 1 in the smallest signed integer array that holds n - 1. */
export function indexInts(n: number): Int8Array | Int16Array | Int32Array {
  const out = n <= 128 ? new Int8Array(n) : n <= 32768 ? new Int16Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

export function dictionaryColumn(name: string, codes: Int8Array, dictionary: readonly string[]): TableColumn {
  const type = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int8());
  const data = arrow.makeData({type, length: codes.length, data: codes, dictionary: arrow.vectorFromArray([...dictionary], new arrow.Utf8())});
  return {field: new arrow.Field(name, type, false), data};
}

export function tableOf(columns: TableColumn[], metadata: Map<string, string>, length: number): arrow.Table {
  const schema = new arrow.Schema(columns.map((c) => c.field), metadata);
  const struct = arrow.makeData({type: new arrow.Struct(schema.fields), length, nullCount: 0, children: columns.map((c) => c.data)});
  return new arrow.Table(schema, [new arrow.RecordBatch(schema, struct)]);
}
