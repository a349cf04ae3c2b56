import type * as arrow from "apache-arrow";
import {CONTROL_MODES, cumulativeCapacities, cyclesFromCycleNumbers, cyclesFromHalfCycles, directions, halfCyclesFromDirection, stepCounts} from "@operando/lib/echem/derive";
import {dictionaryColumn, indexInts, smallestInts, tableOf, typedColumn, type TableColumn} from "./arrow-columns.js";
import {CyclingInputError} from "./errors.js";
import {isValidTimeZone, wallClockTimeToUnixS} from "../time-zone.js";
import {formatLocal} from "./local-time.js";
import type {SourceRecord} from "./source-record.js";

/** What a format contributes to the normalized columns, in BDF units (s, V, A, Ah; current positive on charge). */
export interface CyclingRoles {
  testTimeS: Float64Array;
  voltageV: Float64Array;
  currentA: Float64Array;
  /** Codes into CONTROL_MODES (CC, CV, rest). */
  modes: Int8Array;
  stepId?: ArrayLike<number>;
  newStepFlag?: ArrayLike<number>;
  /** The instrument's 0-based half-cycle counter, when it writes one. */
  halfCycle?: ArrayLike<number>;
  /** The instrument's 0-based cycle counter, used when it writes no half-cycle counter. */
  cycleNumber?: ArrayLike<number>;
  /** Charge passed since the previous record, in Ah once multiplied by `chargeIncrementToAh` (EC-Lab's dq/mA.h as written, with 1e-3). */
  chargeIncrement: Float64Array;
  chargeIncrementToAh: number;
  /** Source columns that became normalized columns exactly and are not repeated. */
  consumed: ReadonlySet<string>;
}

export interface TableTimeOptions {
  timeZone?: string;
  /** Acquisition start in UTC seconds, used only when the file gives none (in a run, from the manifest). */
  startUnixS?: number;
}

/** The start in UTC seconds, or undefined when neither the file nor the options give one. */
export function acquisitionStartUnixS(record: SourceRecord, options: TableTimeOptions): number | undefined {
  if (record.startUnixS !== undefined) return record.startUnixS;
  if (!record.startLocal) return options.startUnixS;
  const local = formatLocal(record.startLocal);
  if (!options.timeZone) {
    throw new CyclingInputError(record.fileName, `the acquisition start ${local} is in the instrument PC's local time; give its IANA time zone (option timeZone, e.g. "Europe/Paris") to convert it to UTC`);
  }
  if (!isValidTimeZone(options.timeZone)) throw new CyclingInputError(record.fileName, `'${options.timeZone}' is not an IANA time zone name`);
  const startUnixS = wallClockTimeToUnixS(record.startLocal, options.timeZone);
  if (startUnixS === undefined) {
    throw new CyclingInputError(record.fileName, `the acquisition start ${local} does not exist in ${options.timeZone} (clocks moved forward): check the time zone`);
  }
  return startUnixS;
}

/** What the parser told about the file (one-line messages for the caller to print); [] when nothing. */
export function cyclingTableWarnings(table: arrow.Table): string[] {
  const text = table.schema.metadata.get("warnings");
  return text ? (JSON.parse(text) as string[]) : [];
}

/** The normalized cycling table: BDF columns first, then every other source column with its unit. */
export function buildCyclingTable(record: SourceRecord, roles: CyclingRoles, options: TableTimeOptions): arrow.Table {
  const n = record.rowCount;
  const startUnixS = acquisitionStartUnixS(record, options);
  const startOrNaN = startUnixS ?? Number.NaN;
  const unixTimeS = new Float64Array(n);
  for (let i = 0; i < n; i++) unixTimeS[i] = startOrNaN + roles.testTimeS[i];
  const direction = directions(roles.currentA, roles.modes);
  // Cycles and steps come in their smallest integer arrays; a copy of the step counts serves as step ids when
  // the file has none (not the same array: apache-arrow's IPC writer corrupts a stream whose columns share one).
  const cycle = roles.halfCycle ? cyclesFromHalfCycles(roles.halfCycle)
    : roles.cycleNumber ? cyclesFromCycleNumbers(roles.cycleNumber)
    : cyclesFromHalfCycles(halfCyclesFromDirection(direction));
  const steps = stepCounts(roles.stepId, roles.newStepFlag, direction);
  const capacity = cumulativeCapacities(roles.chargeIncrement, roles.chargeIncrementToAh, cycle);
  const columns: TableColumn[] = [
    typedColumn("record_index", indexInts(n)),
    typedColumn("test_time_second", roles.testTimeS, "s"),
    typedColumn("unix_time_second", unixTimeS, "s", startUnixS === undefined ? new Uint8Array(n).fill(1) : undefined),
    typedColumn("voltage_volt", roles.voltageV, "V"),
    typedColumn("current_ampere", roles.currentA, "A"),
    typedColumn("cycle_count", cycle),
    typedColumn("step_count", steps),
    typedColumn("step_id", roles.stepId ? smallestInts(roles.stepId) : steps.slice()),
    dictionaryColumn("control_mode", roles.modes, CONTROL_MODES),
    typedColumn("charging_capacity_ah", capacity.chargingAh, "Ah"),
    typedColumn("discharging_capacity_ah", capacity.dischargingAh, "Ah"),
    typedColumn("cycle_charging_capacity_ah", capacity.cycleChargingAh, "Ah"),
    typedColumn("cycle_discharging_capacity_ah", capacity.cycleDischargingAh, "Ah")
  ];
  for (const source of record.columns) {
    if (!roles.consumed.has(source.name)) columns.push(typedColumn(source.name, source.values, source.unit, source.nulls));
  }
  const metadata = new Map<string, string>([["source_file", record.fileName], ["format", record.format]]);
  const warnings = [...(record.warnings ?? [])];
  if (startUnixS !== undefined) metadata.set("start_time_utc", new Date(Math.round(startUnixS * 1000)).toISOString());
  if (record.noStartReason) {
    const note = startUnixS === undefined
      ? `the file gives no acquisition start time (${record.noStartReason}), so unix_time_second is null; in a run the manifest gives the start`
      : `the file gives no acquisition start time (${record.noStartReason}); the start was given by the caller`;
    metadata.set("unix_time_note", note);
    warnings.push(new CyclingInputError(record.fileName, note).message);
  }
  if (record.startLocal) metadata.set("start_time_local", formatLocal(record.startLocal));
  if (options.timeZone) metadata.set("time_zone", options.timeZone);
  const {instrument, softwareVersion, technique, activeMassG, electrodeAreaCm2} = record.facts;
  if (instrument) metadata.set("instrument", instrument);
  if (softwareVersion) metadata.set("software_version", softwareVersion);
  if (technique) metadata.set("technique", technique);
  // EC-Lab writes 0 for "not set".
  if (activeMassG) metadata.set("active_mass_g", String(activeMassG));
  if (electrodeAreaCm2) metadata.set("electrode_area_cm2", String(electrodeAreaCm2));
  if (warnings.length > 0) metadata.set("warnings", JSON.stringify(warnings));
  return tableOf(columns, metadata, n);
}
