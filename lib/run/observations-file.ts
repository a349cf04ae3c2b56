// The frames of a run placed on its cycling record (`runObservations`) as the build writes them,
// observations.json, so that a page has them without fetching the cycling table. JSON has no number for NaN (a
// state of charge in a cycle that stores no charge) or ±Infinity: those are written as the strings "NaN",
// "Infinity" and "-Infinity" and read back as numbers.
import type {ObservationPoint} from "./analysis.js";

const NON_FINITE = new Set(["NaN", "Infinity", "-Infinity"]);
// Every number field of ObservationPoint and of its CellStates; no string field of them is read back as a number.
const NUMBER_FIELDS = new Set(["frame", "cycle", "ordinal", "startUnixS", "endUnixS", "capacityPassedAh", "unixTimeS", "voltageV", "currentA", "capacityAh", "stateOfCharge"]);

export function observationsJson(observations: ObservationPoint[]): string {
  return JSON.stringify(observations, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? String(value) : value));
}

/** `file` names the file in the error of a text that is not such a list. */
export function observationsFromJson(text: string, file: string): ObservationPoint[] {
  let observations: unknown;
  try {
    observations = JSON.parse(text, (key, value) => (NUMBER_FIELDS.has(key) && NON_FINITE.has(value) ? Number(value) : value));
  } catch (error) {
    throw new SyntaxError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(observations)) throw new TypeError(`${file}: not a list of observation points`);
  return observations as ObservationPoint[];
}
