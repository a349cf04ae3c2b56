import {describe, expect, it} from "vitest";
import type * as arrow from "apache-arrow";
import {LoaderError} from "@operando/loaders/errors";
import {cyclingTableWarnings, parseCyclingFile} from "@operando/loaders/echem/index";
import {readMprModules} from "@operando/loaders/echem/mpr-modules";
import {seededRandom, seedOf} from "../seeded-random.js";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes, GAMRY_DIR, MPR_STEMS} from "./fixtures.js";

const LF = 10;
const CR = 13;
const CUTS_PER_FILE = 50;
const options = {timeZone: FIXTURE_TIME_ZONE};

const TEXT_FILES = [
  ...MPR_STEMS.map((stem) => `${BIOLOGIC_DIR}${stem}.mpt`), `${BIOLOGIC_DIR}mb.issue_95.de.mpt`,
  ...["chronoa_data.dta", "chronoa_de_data.dta", "cv_data.dta", "ocp_data.dta"].map((name) => GAMRY_DIR + name)
];
const BINARY_FILES = MPR_STEMS.map((stem) => `${BIOLOGIC_DIR}${stem}.mpr`);

type Outcome = {table: arrow.Table} | {error: LoaderError};

function parse(bytes: Uint8Array, name: string): Outcome {
  try {
    return {table: parseCyclingFile(bytes, name, options)};
  } catch (error) {
    if (!(error instanceof LoaderError)) throw new Error(`${name}: not a LoaderError: ${(error as Error).stack}`);
    expect(error.message).not.toMatch(/[\r\n]/);
    return {error};
  }
}

/** Every column of `cut` equals the first rows of the same column of `full`, nulls included. */
function expectPrefixOf(cut: arrow.Table, full: arrow.Table, label: string, except: ReadonlySet<string> = new Set()) {
  expect(cut.schema.fields.map((f) => f.name), label).toEqual(full.schema.fields.map((f) => f.name));
  for (const field of full.schema.fields) {
    if (except.has(field.name)) continue;
    const a = full.getChild(field.name)!;
    const b = cut.getChild(field.name)!;
    const whole = Array.from(a.toArray() as ArrayLike<unknown>);
    const part = Array.from(b.toArray() as ArrayLike<unknown>);
    for (let i = 0; i < cut.numRows; i++) {
      if (!Object.is(part[i], whole[i]) || b.isValid(i) !== a.isValid(i)) expect.fail(`${label}: ${field.name} row ${i}: ${part[i]} where the uncut file has ${whole[i]}`);
    }
  }
}

function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let p = bytes.indexOf(LF); p >= 0; p = bytes.indexOf(LF, p + 1)) starts.push(p + 1);
  return starts;
}

// Cut points: inside the last line (down to one byte short), inside the column-title line, just before and
// after line ends, and seeded random points over the whole file.
function textCutPoints(bytes: Uint8Array, seed: number): number[] {
  const starts = lineStarts(bytes);
  const text = new TextDecoder("latin1").decode(bytes);
  const lastStart = starts[starts.length - 1] < bytes.length ? starts[starts.length - 1] : starts[starts.length - 2];
  const titleAt = Math.max(text.search(/(^|\n)(mode\t|freq\/Hz\t)[^\n]*time\/s/), text.indexOf("\n\tPt\t")) + 1;
  const titleEnd = text.indexOf("\n", titleAt);
  const points = new Set<number>([bytes.length - 1, bytes.length - 2, bytes.length - 5]);
  for (let k = 1; points.size < 10; k++) points.add(lastStart + Math.floor(((bytes.length - lastStart) * k) / 9));
  for (let k = 0; k < 5; k++) points.add(titleAt + Math.floor(((titleEnd - titleAt) * k) / 5) + 1);
  const dataLine = starts[Math.floor(starts.length * 0.8)];
  points.add(dataLine).add(dataLine - 1).add(dataLine - 2).add(titleEnd + 1).add(titleEnd);
  const next = seededRandom(seed);
  while (points.size < CUTS_PER_FILE) points.add(1 + Math.floor(next() * (bytes.length - 1)));
  return [...points].filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b);
}

describe("a text file cut anywhere gives an error or exactly the rows before the cut, never a changed value", () => {
  it.each(TEXT_FILES)("%s", (path) => {
    const original = fixtureBytes(path);
    const name = path.split("/").pop()!;
    const full = parse(original, name);
    if (!("table" in full)) throw new Error(`the uncut fixture does not parse: ${full.error.message}`);
    let errors = 0;
    for (const cut of textCutPoints(original, seedOf(name))) {
      const bytes = original.slice(0, cut);
      const outcome = parse(bytes, name);
      if ("error" in outcome) {
        errors++;
        continue;
      }
      const label = `${name} cut at byte ${cut}`;
      // The rows of the file cut at its last line end, and whether the remaining tail is a whole line.
      const lastLf = bytes.lastIndexOf(LF);
      const clean = parse(original.slice(0, lastLf + 1), name);
      const rowsBefore = "table" in clean ? clean.table.numRows : 0;
      const tailIsWholeLine = original[cut] === LF || (original[cut] === CR && original[cut + 1] === LF);
      const expected = tailIsWholeLine && cut > lastLf + 1 ? [rowsBefore, rowsBefore + 1] : [rowsBefore];
      expect(expected, `${label}: ${outcome.table.numRows} rows`).toContain(outcome.table.numRows);
      if (outcome.table.numRows === rowsBefore && cut > lastLf + 1) {
        expect(cyclingTableWarnings(outcome.table).join(" "), `${label}: a left-out last line is told`).toMatch(/left out/);
      }
      expectPrefixOf(outcome.table, full.table, label);
    }
    expect(errors).toBeGreaterThan(0);
  });

  it("the cut reported by the issue: a .mpt cut inside its last value is an error naming the line", () => {
    const original = fixtureBytes(`${BIOLOGIC_DIR}gcpl.issue_149.mpt`);
    const text = new TextDecoder("latin1").decode(original);
    const lastLine = text.split("\n").length;
    const outcome = parse(original.slice(0, original.length - 6), "cut.mpt"); // ...E+000 -> ...0
    expect("error" in outcome && outcome.error.message).toMatch(new RegExp(`^cut\\.mpt: BioLogic \\.mpt: the file ends inside line ${lastLine}: .*cut short.*\\(line ${lastLine}\\)$`));
  });

  it("a .DTA cut inside the name of its next table keeps the rows before and says the rest is missing", () => {
    const original = fixtureBytes(`${GAMRY_DIR}cv_data.dta`);
    const text = new TextDecoder("latin1").decode(original);
    const nextTable = text.indexOf("\nCURVE2\tTABLE") + 1;
    const whole = parse(original.slice(0, nextTable), "cut.dta");
    const cut = parse(original.slice(0, nextTable + 2), "cut.dta"); // "CU"
    if (!("table" in whole && "table" in cut)) throw new Error("the cut files do not parse");
    expect(cut.table.numRows).toBe(whole.table.numRows);
    const line = text.slice(0, nextTable).split("\n").length;
    expect(cyclingTableWarnings(cut.table)).toContain(`cut.dta: Gamry .DTA: the file ends inside a line without data, "CU", which was left out: what followed it is missing (a truncated file?) (line ${line})`);
  });

  it("a .mpt cut inside its column-title line is an error, not a table of 0 rows", () => {
    const original = fixtureBytes(`${BIOLOGIC_DIR}mb.issue_95.mpt`);
    const titleEnd = new TextDecoder("latin1").decode(original).indexOf("\n", new TextDecoder("latin1").decode(original).indexOf("mode\tox/red"));
    const inside = parse(original.slice(0, titleEnd - 10), "cut.mpt");
    expect("error" in inside && inside.error.message).toBe("cut.mpt: BioLogic .mpt: the file ends inside the column-name line (line 93)");
    const after = parse(original.slice(0, titleEnd + 1), "cut.mpt");
    expect("error" in after && after.error.message).toBe("cut.mpt: BioLogic .mpt: no data lines after the column names (line 94)");
  });
});

describe("a .mpr cut anywhere is an error; cut at a module boundary it keeps every record", () => {
  it.each(BINARY_FILES)("%s", (path) => {
    const original = fixtureBytes(path);
    const name = path.split("/").pop()!;
    const full = parse(original, name);
    if (!("table" in full)) throw new Error(full.error.message);
    const boundaries = readMprModules(original, name).map((m) => m.headerOffset).slice(1);
    const next = seededRandom(seedOf(name));
    const points = new Set<number>(boundaries.flatMap((b) => [b - 1, b, b + 1]));
    while (points.size < CUTS_PER_FILE) points.add(1 + Math.floor(next() * (original.length - 1)));
    for (const cut of points) {
      const outcome = parse(original.slice(0, cut), name);
      if ("error" in outcome) continue;
      expect(boundaries, `${name} cut at byte ${cut} converted`).toContain(cut);
      expect(outcome.table.numRows).toBe(full.table.numRows);
      // A cut that drops the LOG module loses the start time: unix_time_second is then null and says why.
      const noStart = outcome.table.getChild("unix_time_second")!.nullCount === outcome.table.numRows;
      if (noStart) expect(outcome.table.schema.metadata.get("unix_time_note")).toMatch(/no acquisition start/);
      expectPrefixOf(outcome.table, full.table, `${name} cut at byte ${cut}`, noStart ? new Set(["unix_time_second"]) : new Set());
    }
  });
});

describe("Gamry point counts and CSV last lines", () => {
  it("a Gamry table that states more points than it holds converts with a warning that says so", () => {
    const table = parseCyclingFile(fixtureBytes(`${GAMRY_DIR}chronoa_data.dta`), "chronoa_data.dta", options);
    expect(cyclingTableWarnings(table)).toEqual(["chronoa_data.dta: Gamry .DTA: table CURVE states 5258 points but holds 10 (a stopped experiment or a cut file) (line 64)"]);
  });

  it("a Gamry table holding more points than it states is an error", () => {
    const text = new TextDecoder("latin1").decode(fixtureBytes(`${GAMRY_DIR}chronoa_data.dta`)).replace("CURVE\tTABLE\t5258", "CURVE\tTABLE\t4");
    expect(() => parseCyclingFile(new TextEncoder().encode(text), "x.dta", options)).toThrow("x.dta: Gamry .DTA: table CURVE states 4 points but holds 10 (line 64)");
  });

  it("a Gamry last line whose value cannot be shown complete is left out, with a warning naming it", () => {
    const table = parseCyclingFile(fixtureBytes(`${GAMRY_DIR}ocp_data.dta`), "ocp_data.dta", options);
    expect(table.numRows).toBe(20);
    expect(cyclingTableWarnings(table)).toContain('ocp_data.dta: Gamry .DTA: the last line has no line end and its last value "-327.62" cannot be shown complete, so the line was left out (a truncated file?) (line 70)');
  });

  const csv = {testTime: {column: "t", unit: "s" as const}, voltage: {column: "v", unit: "V" as const}, current: {column: "i", unit: "A" as const}, startTime: "2025-06-02T09:00:00Z"};
  const encode = (s: string) => new TextEncoder().encode(s);

  it("a CSV whose values show their end keeps an unterminated last line; one cut inside it is an error", () => {
    const text = "t,v,i\n0,3.000000E+000,1.000000E-003\n1,3.100000E+000,1.000000E-003";
    expect(parseCyclingFile(encode(text), "c.csv", {csv}).numRows).toBe(2);
    expect(() => parseCyclingFile(encode(text.slice(0, -2)), "c.csv", {csv})).toThrow(/c\.csv: cycling CSV: the file ends inside line 3: .*\(line 3\)$/);
  });

  it("a CSV cut inside its header line is an error", () => {
    expect(() => parseCyclingFile(encode("t,v,"), "c.csv", {csv})).toThrow("c.csv: cycling CSV: the file ends inside the header line (line 1)");
  });
});
