import {chargeIncrementsFromCurrent, CC, CV, controlModesFromCurrent, REST} from "@operando/lib/echem/derive";
import type {CyclingRoles} from "./cycling-table.js";
import {CyclingInputError} from "./errors.js";
import {findColumn, type SourceRecord} from "./source-record.js";

// Techniques (TAG) that hold one control mode throughout; others get CC/rest from the current.
const MODE_OF_TAG = new Map([["CHRONOA", CV], ["CHRONOP", CC], ["CORPOT", REST], ["OCP", REST]]);

/** Gamry columns: T (s), Vf (V vs. Ref.), Im (A, anodic positive, which is charge for a positive working electrode). */
export function gamryRoles(record: SourceRecord): CyclingRoles {
  const time = findColumn(record, "T");
  const voltage = findColumn(record, "Vf");
  if (!time || !voltage) throw new CyclingInputError(record.fileName, "Gamry CURVE table lacks the T or Vf column");
  const current = findColumn(record, "Im");
  const tagMode = MODE_OF_TAG.get(record.facts.technique ?? "");
  if (!current && tagMode !== REST) throw new CyclingInputError(record.fileName, `Gamry CURVE table lacks the Im column (technique ${record.facts.technique})`);
  const testTimeS = Float64Array.from(time.values);
  const currentA = current ? Float64Array.from(current.values) : new Float64Array(record.rowCount);
  const modes = tagMode === undefined ? controlModesFromCurrent(currentA, 0) : new Int8Array(record.rowCount).fill(tagMode);
  return {
    testTimeS,
    voltageV: Float64Array.from(voltage.values),
    currentA,
    modes,
    chargeIncrement: chargeIncrementsFromCurrent(testTimeS, currentA),
    chargeIncrementToAh: 1,
    consumed: new Set(["T", "Vf", ...(current ? ["Im"] : [])])
  };
}
