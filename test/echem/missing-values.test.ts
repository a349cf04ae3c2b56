import {describe, expect, it} from "vitest";
import type * as arrow from "apache-arrow";
import {cyclingTableWarnings, MptError, parseCyclingFile} from "@operando/loaders/echem/index";
import {readMprModules} from "@operando/loaders/echem/mpr-modules";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes} from "./fixtures.js";

const options = {timeZone: FIXTURE_TIME_ZONE};
const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);
const encode = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const column = (table: arrow.Table, name: string) => Array.from(table.getChild(name)!.toArray() as ArrayLike<number>);

function expectSameExceptTime(table: arrow.Table, reference: arrow.Table) {
  expect(table.numRows).toBe(reference.numRows);
  for (const field of reference.schema.fields) {
    if (field.name === "unix_time_second") continue;
    expect(Array.from(table.getChild(field.name)!.toArray() as ArrayLike<unknown>), field.name).toEqual(Array.from(reference.getChild(field.name)!.toArray() as ArrayLike<unknown>));
  }
}

describe("a file with no acquisition start converts with unix_time_second null and says why", () => {
  const mprBytes = fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_226.I.mpr`);
  const withoutLog = () => mprBytes.slice(0, readMprModules(mprBytes, "x.mpr").find((m) => m.shortName === "VMP LOG")!.headerOffset);

  it(".mpr without a LOG module", () => {
    const table = parseCyclingFile(withoutLog(), "nolog.mpr", options);
    const time = table.getChild("unix_time_second")!;
    expect(time.nullCount).toBe(table.numRows);
    expect(table.schema.fields.find((f) => f.name === "unix_time_second")!.nullable).toBe(true);
    expect(table.schema.metadata.get("start_time_utc")).toBeUndefined();
    const note = "the file gives no acquisition start time (it has no 'VMP LOG' module (files with an 'ExtDev' module often have none)), so unix_time_second is null; in a run the manifest gives the start";
    expect(table.schema.metadata.get("unix_time_note")).toBe(note);
    expect(cyclingTableWarnings(table)).toEqual([`nolog.mpr: cycling: ${note}`]);
    expectSameExceptTime(table, parseCyclingFile(mprBytes, "full.mpr", options));
  });

  it(".mpt without an 'Acquisition started on' line; a start given by the caller fills the column", () => {
    const text = latin1(fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_226.I.mpt`)).replace("Acquisition started on : 08/04/2025 09:35:26.748", "Comment : none");
    const table = parseCyclingFile(encode(text), "nostart.mpt", options);
    expect(table.getChild("unix_time_second")!.nullCount).toBe(table.numRows);
    expect(table.schema.metadata.get("unix_time_note")).toMatch(/^the file gives no acquisition start time \(its header has no 'Acquisition started on' line\)/);
    const given = parseCyclingFile(encode(text), "nostart.mpt", {...options, startUnixS: 1_754_292_926.748});
    expect(given.getChild("unix_time_second")!.nullCount).toBe(0);
    const reference = parseCyclingFile(fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_226.I.mpt`), "x.mpt", {timeZone: "Europe/Berlin"});
    expect(column(given, "unix_time_second")).toEqual(column(reference, "unix_time_second"));
  });
});

describe("ragged impedance rows: empty trailing cells are null, nothing shifts", () => {
  const text = latin1(fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_226.I.mpt`));
  const lines = text.split("\n");
  const titleIndex = lines.findIndex((l) => l.startsWith("mode\t"));
  const names = lines[titleIndex].replace(/\r$/, "").split("\t").filter((name) => name !== ""); // the line ends with a tab
  const blankLast = (line: string, count: number) => {
    const cells = line.replace(/\r$/, "").split("\t");
    return cells.map((c, i) => (i >= cells.length - count ? "" : c)).join("\t") + (line.endsWith("\r") ? "\r" : "");
  };

  it("rows that leave their last three cells empty read those cells as null and every other cell as written", () => {
    const ragged = [...lines];
    for (const row of [2, 5, 6]) ragged[titleIndex + 1 + row] = blankLast(ragged[titleIndex + 1 + row], 3);
    const table = parseCyclingFile(encode(ragged.join("\n")), "ragged.mpt", options);
    const reference = parseCyclingFile(fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_226.I.mpt`), "x.mpt", options);
    for (const name of names.slice(-3)) {
      const child = table.getChild(name)!;
      expect(child.nullCount, name).toBe(3);
      expect([2, 5, 6].every((row) => !child.isValid(row)), name).toBe(true);
      const kept = Array.from(child.toArray() as Float64Array).filter((_, row) => ![2, 5, 6].includes(row));
      expect(kept, name).toEqual(Array.from(reference.getChild(name)!.toArray() as Float64Array).filter((_, row) => ![2, 5, 6].includes(row)));
    }
    expect(column(table, "Ece/V")).toEqual(column(reference, "Ece/V"));
  });

  it("an empty cell before a value is an error naming the column and line", () => {
    const edited = [...lines];
    const cells = edited[titleIndex + 3].split("\t");
    cells[9] = "";
    edited[titleIndex + 3] = cells.join("\t");
    expect(() => parseCyclingFile(encode(edited.join("\n")), "hole.mpt", options)).toThrow(MptError);
    expect(() => parseCyclingFile(encode(edited.join("\n")), "hole.mpt", options)).toThrow(`hole.mpt: BioLogic .mpt: column '${names[9]}' is empty but a later column holds a value (line ${titleIndex + 4})`);
  });
});

describe("the .mpt row arrays grow past the first line's estimate", () => {
  it("a first data line much longer than the others (trailing tabs) gives the same table", () => {
    const text = latin1(fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_149.mpt`));
    const lines = text.split("\n");
    const first = lines.findIndex((l) => l.startsWith("mode\t")) + 1;
    lines[first] = lines[first].replace(/\r?$/, "\t".repeat(20_000));
    const padded = parseCyclingFile(encode(lines.join("\n")), "padded.mpt", options);
    const reference = parseCyclingFile(fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_149.mpt`), "x.mpt", options);
    expectSameExceptTime(padded, reference);
  });
});
