import {chargeIncrementsFromCounter, chargeIncrementsFromCurrent, controlModesFromCurrent, controlModesFromEcLab, REST} from "@operando/lib/echem/derive";
import type {CyclingRoles} from "./cycling-table.js";
import {CyclingInputError} from "./errors.js";
import {findColumn, type SourceColumn, type SourceRecord} from "./source-record.js";

const VOLTAGE_COLUMNS = ["Ewe/V", "<Ewe>/V", "Ewe-Ece/V"];
const CURRENT_COLUMNS_MA = ["I/mA", "<I>/mA"];

function float64(values: SourceColumn["values"]): Float64Array {
  return values instanceof Float64Array ? values : new Float64Array(values);
}

// Converted natively to Float64 first, so that the scaling loop sees one array type (a loop over mixed types is slower).
function scaled(values: SourceColumn["values"], factor: number): Float64Array {
  const out = new Float64Array(values);
  for (let i = 0; i < out.length; i++) out[i] *= factor;
  return out;
}

// EC-Lab writes the charge passed since the previous point (dq, dQ) or a running counter (Q-Qo).
function chargeIncrements(record: SourceRecord, testTimeS: Float64Array, currentA: Float64Array): Pick<CyclingRoles, "chargeIncrement" | "chargeIncrementToAh"> {
  const dqMah = findColumn(record, "dq/mA.h", "dQ/mA.h");
  if (dqMah) return {chargeIncrement: float64(dqMah.values), chargeIncrementToAh: 1e-3};
  const dqC = findColumn(record, "dQ/C");
  if (dqC) return {chargeIncrement: float64(dqC.values), chargeIncrementToAh: 1 / 3600};
  const counterMah = findColumn(record, "(Q-Qo)/mA.h");
  if (counterMah) return {chargeIncrement: chargeIncrementsFromCounter(counterMah.values, 1e-3), chargeIncrementToAh: 1};
  const counterC = findColumn(record, "(Q-Qo)/C");
  if (counterC) return {chargeIncrement: chargeIncrementsFromCounter(counterC.values, 1 / 3600), chargeIncrementToAh: 1};
  return {chargeIncrement: chargeIncrementsFromCurrent(testTimeS, currentA), chargeIncrementToAh: 1};
}

// GCPL files may store no current, only dq: EC-Lab's exported <I> is dq / dt between consecutive points.
function currentFromIncrements(dqMah: SourceColumn["values"], testTimeS: Float64Array, mahPerSecondToA: number): Float64Array {
  const out = new Float64Array(dqMah.length);
  for (let i = 1; i < dqMah.length; i++) {
    const dt = testTimeS[i] - testTimeS[i - 1];
    out[i] = dt > 0 ? (dqMah[i] * mahPerSecondToA) / dt : 0;
  }
  return out;
}

/** Maps EC-Lab / BT-Lab columns (.mpr or .mpt, same names) to the normalized quantities. */
export function biologicRoles(record: SourceRecord): CyclingRoles {
  const time = findColumn(record, "time/s");
  if (!time) throw new CyclingInputError(record.fileName, "no 'time/s' column");
  const voltage = findColumn(record, ...VOLTAGE_COLUMNS);
  if (!voltage) throw new CyclingInputError(record.fileName, `no working-electrode voltage column (${VOLTAGE_COLUMNS.join(", ")})`);
  const current = findColumn(record, ...CURRENT_COLUMNS_MA);
  const mode = findColumn(record, "mode");
  const testTimeS = float64(time.values);
  const modes = mode ? controlModesFromEcLab(mode.values) : undefined;
  const dqMah = findColumn(record, "dq/mA.h", "dQ/mA.h");
  let currentA: Float64Array;
  if (current) currentA = scaled(current.values, 1e-3);
  else if (dqMah) currentA = currentFromIncrements(dqMah.values, testTimeS, 3.6);
  else if (modes && modes.every((m: number) => m === REST)) currentA = new Float64Array(record.rowCount); // open circuit only: no current flows
  else throw new CyclingInputError(record.fileName, `no current column (${CURRENT_COLUMNS_MA.join(", ")}) nor dq/mA.h outside open-circuit records`);
  const consumed = new Set([time.name, voltage.name, ...(current ? [current.name] : [])]);
  const ns = findColumn(record, "Ns");
  if (ns) consumed.add(ns.name);
  return {
    testTimeS,
    voltageV: float64(voltage.values),
    currentA,
    modes: modes ?? controlModesFromCurrent(currentA, 0),
    stepId: ns?.values,
    newStepFlag: findColumn(record, "Ns changes")?.values,
    halfCycle: findColumn(record, "half cycle")?.values,
    cycleNumber: findColumn(record, "cycle number")?.values,
    ...chargeIncrements(record, testTimeS, currentA),
    consumed
  };
}
