import {describe, expect, it} from "vitest";
import {parseCyclingFile, sniffCyclingFormat} from "@operando/loaders/echem/index";
import {lookupMprColumn, MPR_DATA_COLUMNS, MPR_FLAG_COLUMNS} from "@operando/loaders/echem/mpr-columns";
import {wallClockTimeToUnixS} from "@operando/loaders/time-zone";
import {BIOLOGIC_DIR, fixtureBytes, GAMRY_DIR} from "./fixtures.js";

describe("the .mpr column-ID table (data, tested as data)", () => {
  it("has no duplicate IDs, and flags and data columns do not share an ID", () => {
    const ids = [...MPR_DATA_COLUMNS.map((c) => c.id), ...MPR_FLAG_COLUMNS.map((c) => c.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("flag masks are disjoint bits of one byte", () => {
    const masks = MPR_FLAG_COLUMNS.map((f) => f.mask);
    expect(masks.reduce((a, m) => a | m, 0)).toBe(masks.reduce((a, m) => a + m, 0));
    expect(Math.max(...masks)).toBeLessThan(256);
  });

  it("looks up the full 16-bit ID first, then the low byte", () => {
    expect(lookupMprColumn(467)).toMatchObject({kind: "data", spec: {name: "Q charge/discharge/mA.h"}});
    expect(lookupMprColumn(295)).toMatchObject({kind: "data", spec: {name: "I Range"}}); // 0x127 -> 39
    expect(lookupMprColumn(441)).toMatchObject({kind: "data", spec: {name: "<Ece>/V"}}); // 0x1b9 -> 185
    expect(lookupMprColumn(0x1fe)).toBeUndefined();
  });
});

describe("format sniffing looks at the content", () => {
  it.each([
    [`${BIOLOGIC_DIR}gcpl.issue_149.mpr`, "mpr"],
    [`${BIOLOGIC_DIR}bcd.issue_241.mpt`, "mpt"],
    [`${GAMRY_DIR}cv_data.dta`, "gamry-dta"],
    [`${GAMRY_DIR}exampleDataGamry.DTA`, "gamry-dta"]
  ])("%s is %s", (path, format) => {
    expect(sniffCyclingFormat(fixtureBytes(path), "renamed.bin")).toBe(format);
  });

  it("a CSV is recognised by its name only, anything else unknown", () => {
    expect(sniffCyclingFormat(new TextEncoder().encode("a,b\n1,2\n"), "x.csv")).toBe("csv");
    expect(sniffCyclingFormat(new TextEncoder().encode("a,b\n1,2\n"), "x.bin")).toBeNull();
  });
});

describe("Gamry .DTA", () => {
  const parse = (name: string) => parseCyclingFile(fixtureBytes(GAMRY_DIR + name), name, {timeZone: "America/New_York"});

  it("the decimal-comma file gives the same values as the decimal-point one", () => {
    const point = parse("chronoa_data.dta");
    const comma = parse("chronoa_de_data.dta");
    expect(comma.numRows).toBe(point.numRows);
    expect(comma.schema.fields.map((f) => f.name)).toEqual(point.schema.fields.map((f) => f.name));
    // The two published files differ in their first data row (-5.4E-4 V there, -5.0E-4 V here); compare the rest.
    for (const name of ["test_time_second", "voltage_volt", "current_ampere", "Pt", "Vu", "Sig", "Ach", "IERange", "Over"]) {
      const values = (t: typeof point) => Array.from(t.getChild(name)!.toArray() as ArrayLike<unknown>).slice(1);
      expect(values(comma), name).toEqual(values(point));
    }
  });

  it("concatenates the CURVE tables of a cyclic voltammogram and keeps Gamry's columns with their units", () => {
    const table = parse("cv_data.dta");
    const text = new TextDecoder().decode(fixtureBytes(`${GAMRY_DIR}cv_data.dta`));
    const dataLines = text.split(/\r?\n/).filter((l) => /^\t\d/.test(l)).length;
    expect(table.numRows).toBe(dataLines);
    expect(table.schema.fields.find((f) => f.name === "Vu")!.metadata.get("unit")).toBe("V");
    expect(table.schema.metadata.get("technique")).toBe("CV");
    // 3/6/2019 16:35:22 in New York (EST, UTC-5)
    expect(table.schema.metadata.get("start_time_utc")).toBe("2019-03-06T21:35:22.000Z");
  });

  it("reads an open-circuit record without a current column as rest", () => {
    const table = parse("ocp_data.dta");
    expect(new Set(table.getChild("control_mode")!.toArray())).toEqual(new Set(["rest"]));
    expect(Math.max(...Array.from(table.getChild("current_ampere")!.toArray() as Float64Array).map(Math.abs))).toBe(0);
  });

  it("an EIS file (ZCURVE only) is refused as a cycling record, saying what it found", () => {
    expect(() => parse("exampleDataGamry.DTA")).toThrow(/no CURVE table \(tables found: OCVCURVE, ZCURVE\)/);
  });
});

describe("CSV with a declared mapping", () => {
  it("reads semicolons and decimal commas, converts units, and takes an ISO start with offset as UTC", () => {
    const csv = "Zeit/min;U/mV;I/uA;Temp\n0;3000,5;0;25,1\n1;3100,0;150;25,2\n2;3200,0;150;25,3\n";
    const table = parseCyclingFile(new TextEncoder().encode(csv), "cycler.csv", {
      csv: {testTime: {column: "Zeit/min", unit: "min"}, voltage: {column: "U/mV", unit: "mV"}, current: {column: "I/uA", unit: "uA"},
        delimiter: ";", decimalMark: ",", startTime: "2025-06-02T09:00:00+09:00"}
    });
    expect(Array.from(table.getChild("test_time_second")!.toArray() as Float64Array)).toEqual([0, 60, 120]);
    expect(Array.from(table.getChild("voltage_volt")!.toArray() as Float64Array)).toEqual([3.0005, 3.1, 3.2]);
    expect(table.getChild("current_ampere")!.get(1)).toBeCloseTo(150e-6, 15);
    expect(table.getChild("charging_capacity_ah")!.get(2)).toBeCloseTo(150e-6 * 120 / 3600 - 150e-6 * 30 / 3600, 15);
    expect(Array.from(table.getChild("Temp")!.toArray() as Float64Array)).toEqual([25.1, 25.2, 25.3]);
    expect(table.schema.metadata.get("start_time_utc")).toBe("2025-06-02T00:00:00.000Z");
  });
});

describe("local wall time to UTC through Intl", () => {
  it("follows daylight saving time, and takes the earlier instant of a repeated hour", () => {
    const at = (month: number, day: number, hour: number, minute = 0) => ({year: 2024, month, day, hour, minute, second: 0});
    expect(wallClockTimeToUnixS(at(1, 10, 11), "Europe/Zurich")).toBe(Date.UTC(2024, 0, 10, 10) / 1000);
    expect(wallClockTimeToUnixS(at(7, 10, 11), "Europe/Zurich")).toBe(Date.UTC(2024, 6, 10, 9) / 1000);
    expect(wallClockTimeToUnixS(at(10, 27, 2, 30), "Europe/Zurich")).toBe(Date.UTC(2024, 9, 27, 0, 30) / 1000);
    expect(wallClockTimeToUnixS({...at(6, 2, 9), second: 1.25}, "Asia/Tokyo")).toBe(Date.UTC(2024, 5, 2, 0, 0, 1) / 1000 + 0.25);
  });

  it("gives no instant for a time the clocks skipped, rather than shifting it", () => {
    expect(wallClockTimeToUnixS({year: 2024, month: 3, day: 31, hour: 2, minute: 30, second: 0}, "Europe/Zurich")).toBeUndefined();
  });
});

describe("the cycling table as written to disk", () => {
  it("survives an Arrow IPC round trip with its units, control modes and header facts", async () => {
    const {tableFromIPC, tableToIPC} = await import("apache-arrow");
    const table = parseCyclingFile(fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_226.I.mpr`), "gcpl.issue_226.I.mpr", {timeZone: "Europe/Berlin"});
    const back = tableFromIPC(tableToIPC(table, "stream"));
    expect(back.numRows).toBe(15);
    expect(back.schema.fields.find((f) => f.name === "Ece/V")!.metadata.get("unit")).toBe("V");
    expect(back.schema.fields.find((f) => f.name === "current_ampere")!.metadata.get("unit")).toBe("A");
    expect(Array.from(back.getChild("control_mode")!.toArray())).toEqual(Array.from(table.getChild("control_mode")!.toArray()));
    expect(back.schema.metadata.get("active_mass_g")).toBe("0.00139");
    expect(back.schema.metadata.get("start_time_utc")).toBe("2025-08-04T07:35:26.748Z");
    expect(back.schema.metadata.get("technique")).toBe("Galvanostatic Cycling with Potential Limitation");
  });
});

describe("two columns with one name are both kept", () => {
  it(".mpr: a second ID for the same quantity becomes 'name #2' with its own values", async () => {
    const {readMprModules} = await import("@operando/loaders/echem/mpr-modules");
    const bytes = fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_149.mpr`);
    const original = parseCyclingFile(bytes.slice(), "gcpl.mpr", {timeZone: "Europe/Zurich"});
    const data = readMprModules(bytes, "gcpl.mpr").find((m) => m.shortName === "VMP data")!;
    const view = new DataView(bytes.buffer);
    const ids = Array.from({length: view.getUint8(data.dataOffset + 4)}, (_, c) => view.getUint16(data.dataOffset + 5 + 2 * c, false));
    const controlAt = data.dataOffset + 5 + 2 * ids.indexOf(5); // control/V/mA (float32) -> Ewe/V (float32)
    view.setUint16(controlAt, 6, false);
    const renamed = parseCyclingFile(bytes, "gcpl.mpr", {timeZone: "Europe/Zurich"});
    // In declaration order: the former control column is now the first Ewe/V, the real Ewe/V the second.
    expect(Array.from(renamed.getChild("voltage_volt")!.toArray() as Float64Array)).toEqual(Array.from(original.getChild("control/V/mA")!.toArray() as Float32Array));
    expect(Array.from(renamed.getChild("Ewe/V #2")!.toArray() as Float32Array)).toEqual(Array.from(original.getChild("voltage_volt")!.toArray() as Float64Array));
  });

  it(".mpt: a repeated header name becomes 'name #2'; an alias is not applied when the file has the quantity itself", () => {
    const text = new TextDecoder("latin1").decode(fixtureBytes(`${BIOLOGIC_DIR}mb.issue_95.mpt`));
    const edited = text.replace("\tP/W\t", "\tR/Ohm\t").replace("\tcontrol/mA\t", "\tEcell/V\t");
    const table = parseCyclingFile(Uint8Array.from(edited, (c) => c.charCodeAt(0)), "mb.mpt", {timeZone: "Europe/Zurich"});
    const names = table.schema.fields.map((f) => f.name);
    expect(names).toContain("R/Ohm #2");
    expect(names).toContain("Ecell/V");
    expect(table.getChild("voltage_volt")!.get(5)).toBe(parseCyclingFile(fixtureBytes(`${BIOLOGIC_DIR}mb.issue_95.mpt`), "mb.mpt", {timeZone: "Europe/Zurich"}).getChild("voltage_volt")!.get(5));
  });
});
