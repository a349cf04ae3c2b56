// A small run for the tests of the page plans: a cycling record of one cycle (rest, a 900 s charge at 1 mA,
// rest, a 720 s discharge at 1 mA, rest; 1 s records, on 2025-06-02 from 09:00 UTC) and frames tables.
import {tableFromArrays, type Table} from "apache-arrow";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {analyseRun, runObservations, type ManifestSummary, type RunAnalysis} from "@operando/lib/run/analysis";

export const RECORD_START_UNIX_S = Date.UTC(2025, 5, 2, 9) / 1000;

export function oneCycleRecord(): Table {
  const lines = ["time_s,voltage_V,current_mA,mode"];
  for (let t = 0; t <= 2000; t++) {
    if (t <= 100 || (t > 1000 && t <= 1100) || t > 1820) lines.push(`${t},${t <= 100 ? "2.0" : t <= 1100 ? "3.0" : "2.2"},0,rest`);
    else if (t <= 1000) lines.push(`${t},${(2 + (t - 100) / 900).toFixed(4)},1,cc`);
    else lines.push(`${t},${(3 - (t - 1100) / 900).toFixed(4)},-1,cc`);
  }
  return parseCyclingFile(new TextEncoder().encode(lines.join("\n")), "one-cycle.csv", {
    timeZone: "UTC",
    csv: {testTime: {column: "time_s", unit: "s"}, voltage: {column: "voltage_V", unit: "V"}, current: {column: "current_mA", unit: "mA"},
      mode: {column: "mode", values: {rest: "rest", cc: "CC"}}, startTime: "2025-06-02 09:00:00"}
  });
}

/** A frames table: each frame's region and its start and end in s after the record's start (SIMS clock). */
export function framesTable(frames: {region: string; frame: number; fromS: number; toS: number}[]): Table {
  return tableFromArrays({
    region: frames.map((f) => f.region),
    frame: Int32Array.from(frames, (f) => f.frame),
    start_unix_s: Float64Array.from(frames, (f) => RECORD_START_UNIX_S + f.fromS),
    end_unix_s: Float64Array.from(frames, (f) => RECORD_START_UNIX_S + f.toS)
  });
}

/** The run's timeline (no images) with the frames placed on the one-cycle record. */
export function smallTimeline(manifest: ManifestSummary, frames: Table): RunAnalysis {
  return analyseRun({manifest, stacks: [], observations: runObservations(oneCycleRecord(), frames), drift: []});
}
