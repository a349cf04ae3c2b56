import {describe, expect, it} from "vitest";
import {lookupMprColumn, MPR_DATA_COLUMNS, MPR_FLAG_COLUMNS, MPR_TECHNIQUE_TABLE, MPR_VALUE_BYTES, MPR_WIDE_COLUMNS, type MprValueType} from "@operando/loaders/echem/mpr-columns";
import {parseMpr} from "@operando/loaders/echem/mpr";

// The column IDs the public readers name, with the numpy dtype they read each with (id:type; a-b for a range).
// echemdata/galvani, galvani/BioLogic.py, VMPdata_colID_dtype_map (2024):
const GALVANI = `4:f8 5:f4 6:f4 7:f8 8:f4 9:f4 11:f8 13:f8 16:f4 19:f4 20:f4 23:f8 24:f8 26:f4 27:f4 32-38:f4 39:u2 50:f4
  69:f4 70:f4 73:f4 74:f8 75-78:f4 96:f4 98-101:f4 123-126:f8 131:u2 163:f4 168:f4 169:f4 172-174:f4 178:f4 179:f4 182:f8
  211:f8 212:u4 213:u4 217:f4 218:f4 220:f4 221:f4 223:f4 224:f4 230-248:f4 271-278:f4 301-308:f4 331-338:f4 361-368:f4
  391-398:f4 422-426:f4 430-435:f4 438:f8 441:f4 462:f4 467:f8 468:u4 469:u4 471:f4 473-481:f4 486-503:f4 505:f4 509:u1`;
// dgbowl/yadg, src/yadg/extractors/eclab/mpr_columns.py, data_columns after "column id modulo 256" (#237), and
// the full IDs of its earlier table (including 295, 326, 379 and 981 from dgbowl/yadg#224):
const YADG = `4:f8 5:f4 6:f4 7:f8 8:f4 9:f4 11:f8 13:f8 15-17:f4 19:f4 20:f4 23:f8 24:f8 32-38:f4 39:u2 45:f4 46:f4 69:f4
  70:f4 74:f8 75-78:f4 96:f4 98-101:f4 105:f4 106:f4 110:f8 112:f8 115:f8 116:f8 123-126:f8 131:u2 135:f4 136:f4 163:f4
  166-169:f4 172-179:f4 182:f8 185:f4 206:f4 211:f8 212:u4 213:u4 215:f4 217-225:f4 230-249:f4 253:u1
  271:f4 272:f4 295:u2 301:f4 302:f4 326:f4 331:f4 332:f4 361:f4 362:f4 368:f8 379:f8 391:f4 392:f4 422-426:f4 430-435:f4 441:f4
  462:f4 467:f8 468:u4 469:u4 471:f4 473-481:f4 486-503:f4 981:u4`;
// Where our table follows one source against the other's size (see the comments in mpr-columns.ts).
const SIZE_DISAGREEMENTS = new Set(["galvani 366", "galvani 368"]);

function parseList(list: string): [number, MprValueType][] {
  return list.trim().split(/\s+/).flatMap((entry) => {
    const [range, type] = entry.split(":");
    const [from, to = from] = range.split("-").map(Number);
    return Array.from({length: to - from + 1}, (_, k) => [from + k, type as MprValueType] as [number, MprValueType]);
  });
}

describe("the .mpr column-ID table is data, tested as data", () => {
  it("has no duplicate IDs; low-byte entries are bytes, wide entries are above 255", () => {
    const low = [...MPR_DATA_COLUMNS.map((c) => c.id), ...MPR_FLAG_COLUMNS.map((c) => c.id)];
    expect(new Set(low).size).toBe(low.length);
    expect(low.every((id) => Number.isInteger(id) && id >= 0 && id <= 255)).toBe(true);
    const wide = MPR_WIDE_COLUMNS.map((c) => c.id);
    expect(new Set(wide).size).toBe(wide.length);
    expect(wide.every((id) => id > 255)).toBe(true);
  });

  it("every entry has a name, a value type of known size and the unit its name ends with", () => {
    for (const spec of [...MPR_DATA_COLUMNS, ...MPR_WIDE_COLUMNS]) {
      expect(spec.name.trim(), `ID ${spec.id}`).not.toBe("");
      expect(MPR_VALUE_BYTES[spec.type], `ID ${spec.id}`).toBeGreaterThan(0);
      const slash = spec.name.lastIndexOf("/");
      const written = spec.name === "control/V/mA" ? "V/mA" : slash < 0 || spec.name === "Acir/Dcir Control" ? "" : spec.name.slice(slash + 1);
      expect(spec.unit, `ID ${spec.id} ${spec.name}`).toBe(written);
    }
  });

  it.each([["galvani", GALVANI], ["yadg", YADG]])("every ID %s names resolves to a column of the size it reads", (source, list) => {
    for (const [id, type] of parseList(list)) {
      const found = lookupMprColumn(id);
      expect(found, `${source} ID ${id}`).toBeDefined();
      if (found!.kind === "flag" || SIZE_DISAGREEMENTS.has(`${source} ${id}`)) continue;
      expect(MPR_VALUE_BYTES[found!.spec.type], `${source} ID ${id} (${found!.spec.name})`).toBe(MPR_VALUE_BYTES[type]);
    }
  });

  it("the IDs met in real GCPL, PEIS/GEIS-with-Ece and MB files are known", () => {
    expect(lookupMprColumn(115)?.spec.name).toBe("Energy ce charge/W.h");
    expect(lookupMprColumn(215)?.spec.name).toBe("<Ece>/V");
    expect(lookupMprColumn(368)?.spec.name).toBe("Energy we/W.h");
    expect(lookupMprColumn(471)?.spec.name).toBe("<Ece>/V");
  });

  it("ID 174 is <Ewe>/V alone and Phase(Zwe-ce)/deg beside Ewe (6) or <Ewe> (77), as yadg resolves it", () => {
    expect(lookupMprColumn(174)?.spec.name).toBe("<Ewe>/V");
    expect(lookupMprColumn(174, [4, 6, 174])?.spec.name).toBe("Phase(Zwe-ce)/deg");
  });
});

/** A minimal .mpr: the file header and one version-2 data module (little-endian 16-bit IDs, records at 0x195). */
function syntheticMpr(ids: number[], records: Uint8Array, rowCount: number): Uint8Array {
  const header = new TextEncoder().encode("BIO-LOGIC MODULAR FILE\x1a".padEnd(48, " "));
  const dataLength = 0x195 + records.length;
  const out = new Uint8Array(52 + 6 + 51 + dataLength);
  out.set(header, 0);
  const view = new DataView(out.buffer);
  let p = 52;
  out.set(new TextEncoder().encode("MODULE" + "VMP data".padEnd(10, " ") + "VMP data for test".padEnd(25, " ")), p);
  view.setUint32(p + 41, dataLength, true);
  view.setUint32(p + 45, 2, true);
  out.set(new TextEncoder().encode("12/01/26"), p + 49);
  p += 57;
  view.setUint32(p, rowCount, true);
  view.setUint8(p + 4, ids.length);
  ids.forEach((id, c) => view.setUint16(p + 5 + 2 * c, id, true));
  out.set(records, p + 0x195);
  return out;
}

function writeValue(view: DataView, at: number, type: MprValueType, value: number): void {
  if (type === "f8") view.setFloat64(at, value, true);
  else if (type === "f4") view.setFloat32(at, value, true);
  else if (type === "u4") view.setUint32(at, value, true);
  else if (type === "u2") view.setUint16(at, value, true);
  else view.setUint8(at, value);
}

describe("a synthetic .mpr with each known ID decodes to the values written", () => {
  const values = [1.5, 2.5, 3.5];
  const everyId = [...new Set([...MPR_FLAG_COLUMNS.map((f) => f.id), ...[...parseList(GALVANI), ...parseList(YADG)].map(([id]) => id)])];

  it.each(everyId)("ID %i", (id) => {
    const found = lookupMprColumn(id, [4, id & 0xff])!;
    const records = new Uint8Array(values.length * 16);
    const view = new DataView(records.buffer);
    const valueBytes = found.kind === "flag" ? 1 : MPR_VALUE_BYTES[found.spec.type];
    const recordBytes = 8 + valueBytes;
    const written = values.map((v, i) => (found.kind === "flag" ? (i + 1) & (found.spec.mask >> (31 - Math.clz32(found.spec.mask & -found.spec.mask))) : found.spec.type.startsWith("u") ? i + 1 : v));
    values.forEach((_, i) => {
      view.setFloat64(i * recordBytes, i * 10, true);
      if (found.kind === "flag") view.setUint8(i * recordBytes + 8, written[i] << (31 - Math.clz32(found.spec.mask & -found.spec.mask)));
      else writeValue(view, i * recordBytes + 8, found.spec.type, written[i]);
    });
    const record = parseMpr(syntheticMpr([4, id], records.subarray(0, recordBytes * values.length), values.length), `id-${id}.mpr`);
    expect(record.rowCount).toBe(3);
    expect(Array.from(record.columns[0].values)).toEqual([0, 10, 20]);
    expect(record.columns[1].name).toBe(found.spec.name === "time/s" ? "time/s #2" : found.spec.name); // two columns, one name
    expect(Array.from(record.columns[1].values)).toEqual(written);
  });
});

describe("the technique-code table", () => {
  it("has one entry per code, each with a short and a long name, and every technique the public readers name", () => {
    const codes = MPR_TECHNIQUE_TABLE.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(MPR_TECHNIQUE_TABLE.every((t) => t.short !== "" && t.name !== "" && t.code >= 0 && t.code <= 255)).toBe(true);
    const shorts = new Set(MPR_TECHNIQUE_TABLE.map((t) => t.short));
    for (const technique of ["CA", "CP", "CV", "GCPL", "GEIS", "PEIS", "LSV", "MB", "MP", "OCV", "ZIR", "WAIT", "COC", "COV", "CVA"]) expect(shorts, technique).toContain(technique);
  });
});
