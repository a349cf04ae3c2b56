import {chargeIncrementsFromCurrent, CONTROL_MODES, controlModesFromCurrent, type ControlMode} from "@operando/lib/echem/derive";
import type {CyclingRoles} from "./cycling-table.js";
import {CyclingCsvError} from "./errors.js";
import {parseAcquisitionStart} from "./mpt-header.js";
import type {SourceColumn, SourceRecord} from "./source-record.js";
import {cutLineProblem, judgeLastValue, unprovableLineWarning} from "./last-line.js";
import {isNaNText, parseCell} from "./text-cells.js";

/** How a cycler's CSV maps onto the cycling table: column names as in its header line, and their units. */
export interface CsvColumnMapping {
  testTime: {column: string; unit: "s" | "min" | "h"};
  voltage: {column: string; unit: "V" | "mV"};
  current: {column: string; unit: "A" | "mA" | "uA"; /** -1 when the cycler writes discharge current as positive */ sign?: 1 | -1};
  /** The cycler's step number column, if any. */
  step?: string;
  /** A column naming the control mode, with the cycler's words for CC, CV and rest (e.g. {"CC_Chg": "CC"}). */
  mode?: {column: string; values: Record<string, ControlMode>};
  delimiter?: "," | ";" | "\t";
  decimalMark?: "." | ",";
  /** Acquisition start: `YYYY-MM-DD HH:MM:SS(.fff)` local time (then `timeZone` is needed), or ISO 8601 ending in Z or an offset. */
  startTime: string;
}

const TIME_TO_S = {s: 1, min: 60, h: 3600};
const VOLTAGE_TO_V = {V: 1, mV: 1e-3};
const CURRENT_TO_A = {A: 1, mA: 1e-3, uA: 1e-6};
const decoder = new TextDecoder("utf-8");

/** Reads a CSV (header line, then one record per line) according to its declared mapping. */
export function parseCyclingCsv(bytes: Uint8Array, file: string, mapping: CsvColumnMapping): {record: SourceRecord; roles: CyclingRoles} {
  if (bytes.length === 0) throw new CyclingCsvError(file, "empty file", {line: 1});
  const delimiter = mapping.delimiter ?? ",";
  const decimalMark = mapping.decimalMark ?? ".";
  if (delimiter === decimalMark) throw new CyclingCsvError(file, `delimiter and decimal mark are both '${delimiter}'`);
  const lines = decoder.decode(bytes).replace(/^\uFEFF/, "").split(/\r?\n/);
  const splitCount = lines.length;
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) throw new CyclingCsvError(file, "no header line", {line: 1});
  const lastLineEnded = lines.length < splitCount;
  if (lines.length === 1) throw new CyclingCsvError(file, lastLineEnded ? "no data lines after the header" : "the file ends inside the header line", {line: 1});
  const warnings: string[] = [];
  if (!lastLineEnded && !lastLineComplete(lines, delimiter, file, warnings)) lines.pop();
  const names = lines[0].split(delimiter).map((n) => n.trim().replace(/^"(.*)"$/, "$1"));
  const index = (column: string) => {
    const i = names.indexOf(column);
    if (i < 0) throw new CyclingCsvError(file, `mapped column '${column}' is not in the header (${names.join(", ")})`, {line: 1});
    return i;
  };
  const modeIndex = mapping.mode ? index(mapping.mode.column) : -1;
  const rowCount = lines.length - 1;
  const numbers = names.map(() => new Float64Array(rowCount));
  const modes = new Int8Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const cells = lines[r + 1].split(delimiter);
    if (cells.length !== names.length) throw new CyclingCsvError(file, `line has ${cells.length} values, the header names ${names.length}`, {line: r + 2});
    cells.forEach((text, c) => {
      if (c === modeIndex && mapping.mode) {
        const mode = mapping.mode.values[text.trim()];
        if (!mode) throw new CyclingCsvError(file, `column '${names[c]}': mode ${JSON.stringify(text)} is not in the mapping`, {line: r + 2});
        modes[r] = CONTROL_MODES.indexOf(mode);
        return;
      }
      const value = parseCell(text, decimalMark);
      if (Number.isNaN(value) && !isNaNText(text) && text.trim() !== "") throw new CyclingCsvError(file, `column '${names[c]}': ${JSON.stringify(text.slice(0, 30))} is not a number`, {line: r + 2});
      numbers[c][r] = text.trim() === "" ? Number.NaN : value;
    });
  }
  const scaled = (i: number, factor: number) => numbers[i].map((v) => v * factor);
  const timeI = index(mapping.testTime.column);
  const voltageI = index(mapping.voltage.column);
  const currentI = index(mapping.current.column);
  const testTimeS = scaled(timeI, TIME_TO_S[mapping.testTime.unit]);
  const currentA = scaled(currentI, CURRENT_TO_A[mapping.current.unit] * (mapping.current.sign ?? 1));
  const stepI = mapping.step === undefined ? -1 : index(mapping.step);
  const columns: SourceColumn[] = names.filter((_, c) => c !== modeIndex).map((name) => ({name, unit: "", values: numbers[names.indexOf(name)]}));
  const record: SourceRecord = {format: "csv", fileName: file, rowCount, columns, facts: {}, ...startOf(mapping.startTime, file), ...(warnings.length > 0 ? {warnings} : {})};
  const roles: CyclingRoles = {
    testTimeS,
    voltageV: scaled(voltageI, VOLTAGE_TO_V[mapping.voltage.unit]),
    currentA,
    modes: mapping.mode ? modes : controlModesFromCurrent(currentA, 0),
    stepId: stepI >= 0 ? numbers[stepI] : undefined,
    chargeIncrement: chargeIncrementsFromCurrent(testTimeS, currentA),
    chargeIncrementToAh: 1,
    consumed: new Set([mapping.testTime.column, mapping.voltage.column, mapping.current.column])
  };
  return {record, roles};
}

// The file's last line has no line end: keep it only if its last value shows its own end (see last-line.ts).
function lastLineComplete(lines: string[], delimiter: string, file: string, warnings: string[]): boolean {
  const lineNumber = lines.length;
  const last = lines[lineNumber - 1].split(delimiter);
  const previous = lineNumber > 2 ? lines[lineNumber - 2].split(delimiter)[last.length - 1] : undefined;
  const lastValue = last[last.length - 1];
  const verdict = judgeLastValue(lastValue.trim(), previous?.trim());
  if (verdict === "cut") throw new CyclingCsvError(file, cutLineProblem(lineNumber, lastValue), {line: lineNumber});
  if (verdict === "unprovable") warnings.push(new CyclingCsvError(file, unprovableLineWarning(lastValue), {line: lineNumber}).message);
  return verdict === "complete";
}

function startOf(text: string, file: string): Pick<SourceRecord, "startLocal" | "startUnixS"> {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return {startUnixS: ms / 1000};
  }
  const local = parseAcquisitionStart(`Acquisition started on : ${text.trim().replace("T", " ")}`);
  if (!local) throw new CyclingCsvError(file, `startTime ${JSON.stringify(text)} is neither 'YYYY-MM-DD HH:MM:SS' nor ISO 8601 with an offset`);
  return {startLocal: local};
}
