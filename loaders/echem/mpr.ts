import {MprError} from "./errors.js";
import {lookupMprColumn, MPR_VALUE_BYTES, type MprColumnSpec, type MprFlagSpec, type MprValueType} from "./mpr-columns.js";
import {readLogFacts, readLogStart, readSettingsFacts} from "./mpr-facts.js";
import {readMprModules, type MprModule} from "./mpr-modules.js";
import type {SourceColumn, SourceFacts, SourceRecord} from "./source-record.js";
import type {WallClockTime} from "../time-zone.js";

const KNOWN_MODULES = new Set(["VMP Set", "VMP data", "VMP LOG", "VMP loop", "VMP ExtDev"]);

/** Reads a BioLogic .mpr file (EC-Lab / BT-Lab binary) into its source columns and header facts. */
export function parseMpr(bytes: Uint8Array, file: string): SourceRecord {
  const modules = readMprModules(bytes, file);
  for (const module of modules) {
    if (!KNOWN_MODULES.has(module.shortName)) {
      throw new MprError(file, `unknown module '${module.shortName}' (version ${module.version})`, {byteOffset: module.headerOffset});
    }
  }
  const dataModules = modules.filter((m) => m.shortName === "VMP data");
  if (dataModules.length !== 1) throw new MprError(file, `expected one 'VMP data' module, found ${dataModules.length}`, {byteOffset: 52});
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const {columns, rowCount} = readDataModule(view, dataModules[0], file);
  const settings = modules.find((m) => m.shortName === "VMP Set");
  const log = modules.find((m) => m.shortName === "VMP LOG");
  const facts: SourceFacts = {instrument: "BioLogic"};
  if (settings) Object.assign(facts, readSettingsFacts(view, settings));
  let startLocal: WallClockTime | undefined;
  if (log) {
    Object.assign(facts, readLogFacts(bytes, log));
    startLocal = readLogStart(view, log);
  }
  const noStartReason = !log ? "it has no 'VMP LOG' module (files with an 'ExtDev' module often have none)"
    : !startLocal ? "its 'VMP LOG' module holds no acquisition date" : undefined;
  return {format: "mpr", fileName: file, rowCount, columns, facts, startLocal, ...(noStartReason ? {noStartReason} : {})};
}

interface DataLayout {
  idsOffset: number;
  idBytes: 1 | 2;
  bigEndianIds: boolean;
  recordsOffset: number;
}

// Where column IDs and records lie inside the data module, by data-module version.
function dataLayout(version: number): DataLayout | undefined {
  if (version === 0) return {idsOffset: 5, idBytes: 1, bigEndianIds: false, recordsOffset: 100};
  if (version === 2) return {idsOffset: 5, idBytes: 2, bigEndianIds: false, recordsOffset: 0x195};
  if (version === 3) return {idsOffset: 5, idBytes: 2, bigEndianIds: false, recordsOffset: 0x196};
  if (version === 10 || version === 11) return {idsOffset: 5, idBytes: 2, bigEndianIds: true, recordsOffset: 0x3ef};
  return undefined;
}

type Field = {kind: "flags"; offset: number; flags: MprFlagSpec[]} | {kind: "data"; offset: number; spec: MprColumnSpec};

function readDataModule(view: DataView, module: MprModule, file: string): {columns: SourceColumn[]; rowCount: number} {
  const start = module.dataOffset;
  const layout = dataLayout(module.version);
  if (!layout) throw new MprError(file, `unsupported 'VMP data' module version ${module.version}`, {byteOffset: module.headerOffset});
  if (module.dataLength < layout.recordsOffset) {
    throw new MprError(file, `'VMP data' module of ${module.dataLength} bytes is shorter than its ${layout.recordsOffset}-byte header`, {byteOffset: start});
  }
  const rowCount = view.getUint32(start, true);
  const columnCount = view.getUint8(start + 4);
  if (layout.idsOffset + columnCount * layout.idBytes > layout.recordsOffset) {
    throw new MprError(file, `${columnCount} column IDs do not fit in the data-module header`, {byteOffset: start + 4});
  }
  const fields: Field[] = [];
  let flagsField: Extract<Field, {kind: "flags"}> | undefined;
  let recordBytes = 0;
  const idOffsetOf = (c: number) => start + layout.idsOffset + c * layout.idBytes;
  const ids = Array.from({length: columnCount}, (_, c) => layout.idBytes === 1 ? view.getUint8(idOffsetOf(c)) : view.getUint16(idOffsetOf(c), !layout.bigEndianIds));
  const declared = ids.map((id) => id & 0xff);
  for (let c = 0; c < columnCount; c++) {
    const idOffset = idOffsetOf(c);
    const id = ids[c];
    const found = lookupMprColumn(id, declared);
    if (!found) throw new MprError(file, `unknown column ID ${id} (column ${c + 1} of ${columnCount})`, {byteOffset: idOffset});
    if (found.kind === "flag") {
      if (!flagsField) {
        flagsField = {kind: "flags", offset: recordBytes, flags: []};
        fields.push(flagsField);
        recordBytes += 1;
      }
      if (flagsField.flags.some((f) => f.name === found.spec.name)) {
        throw new MprError(file, `flag column '${found.spec.name}' (ID ${id}) declared twice`, {byteOffset: idOffset});
      }
      flagsField.flags.push(found.spec);
    } else {
      fields.push({kind: "data", offset: recordBytes, spec: found.spec});
      recordBytes += MPR_VALUE_BYTES[found.spec.type];
    }
  }
  const recordsStart = start + layout.recordsOffset;
  const available = module.dataLength - layout.recordsOffset;
  if (rowCount * recordBytes !== available) {
    throw new MprError(file, `data module declares ${rowCount} records of ${recordBytes} bytes (${rowCount * recordBytes} bytes) but holds ${available} bytes`, {byteOffset: start});
  }
  const columns: SourceColumn[] = [];
  const names = new Set<string>();
  // Two IDs with one name (e.g. 11 and 76, both <I>/mA) are both kept, the second as `<I>/mA #2`.
  const add = (column: SourceColumn) => {
    let name = column.name;
    for (let k = 2; names.has(name); k++) name = `${column.name} #${k}`;
    names.add(name);
    columns.push({...column, name});
  };
  const dataOutputs: {offset: number; type: MprValueType; values: SourceColumn["values"]}[] = [];
  const flagOutputs: {offset: number; mask: number; values: Uint8Array}[] = [];
  for (const field of fields) {
    const offset = recordsStart + field.offset;
    if (field.kind === "flags") {
      for (const flag of field.flags) {
        const values = new Uint8Array(rowCount);
        flagOutputs.push({offset, mask: flag.mask, values});
        add({name: flag.name, unit: "", values});
      }
    } else {
      const values = allocate(field.spec.type, rowCount);
      dataOutputs.push({offset, type: field.spec.type, values});
      add({name: field.spec.name, unit: field.spec.unit, values});
    }
  }
  // Block by block, so that every column's strided pass over a block finds its records still in the cache; each
  // flag is unpacked straight from the records (no packed copy to allocate and pass over again).
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let from = 0; from < rowCount; from += BLOCK_ROWS) {
    const to = Math.min(rowCount, from + BLOCK_ROWS);
    for (const output of dataOutputs) fillColumn(view, output.offset, recordBytes, from, to, output.type, output.values);
    for (const output of flagOutputs) fillFlag(bytes, output.offset, recordBytes, from, to, output.mask, output.values);
  }
  return {columns, rowCount};
}

const BLOCK_ROWS = 4096;

function allocate(type: MprValueType, count: number): SourceColumn["values"] {
  if (type === "f8") return new Float64Array(count);
  if (type === "f4") return new Float32Array(count);
  if (type === "u4") return new Uint32Array(count);
  if (type === "u2") return new Uint16Array(count);
  return new Uint8Array(count);
}

// One DataView loop per value type keeps each loop monomorphic and fast.
function fillColumn(view: DataView, first: number, stride: number, from: number, to: number, type: MprValueType, values: SourceColumn["values"]): void {
  let p = first + from * stride;
  switch (type) {
    case "f8": {
      const out = values as Float64Array;
      for (let i = from; i < to; i++, p += stride) out[i] = view.getFloat64(p, true);
      return;
    }
    case "f4": {
      const out = values as Float32Array;
      for (let i = from; i < to; i++, p += stride) out[i] = view.getFloat32(p, true);
      return;
    }
    case "u4": {
      const out = values as Uint32Array;
      for (let i = from; i < to; i++, p += stride) out[i] = view.getUint32(p, true);
      return;
    }
    case "u2": {
      const out = values as Uint16Array;
      for (let i = from; i < to; i++, p += stride) out[i] = view.getUint16(p, true);
      return;
    }
    case "u1": {
      const out = values as Uint8Array;
      for (let i = from; i < to; i++, p += stride) out[i] = view.getUint8(p);
      return;
    }
  }
}

function fillFlag(bytes: Uint8Array, first: number, stride: number, from: number, to: number, mask: number, out: Uint8Array): void {
  const shift = 31 - Math.clz32(mask & -mask);
  let p = first + from * stride;
  for (let i = from; i < to; i++, p += stride) out[i] = (bytes[p] & mask) >> shift;
}
