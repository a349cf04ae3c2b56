import {directionAt, type CyclingSeries} from "./series.js";

/**
 * A charge or a discharge: the records from the first to the last one that pass current in one direction.
 * Rests in between do not split a segment (GITT pulses of one direction form one segment); a change of
 * direction does.
 */
export interface ChargeSegment {
  kind: "charge" | "discharge";
  cycle: number;
  firstIndex: number;
  lastIndex: number;
  startUnixS: number;
  endUnixS: number;
  /** Charge passed, Ah, positive for both kinds. */
  capacityAh: number;
}

/** Charge passed by records first..last, Ah: each record holds the charge passed since the previous one. */
export function chargePassedAh(series: CyclingSeries, kind: "charge" | "discharge", firstIndex: number, lastIndex: number): number {
  const cumulative = kind === "charge" ? series.chargeCapacityAh : series.dischargeCapacityAh;
  return cumulative[lastIndex] - (firstIndex > 0 ? cumulative[firstIndex - 1] : 0);
}

export function chargeDischargeSegments(series: CyclingSeries): ChargeSegment[] {
  const segments: ChargeSegment[] = [];
  let open: ChargeSegment | undefined;
  for (let i = 0; i < series.unixTimeS.length; i++) {
    const direction = directionAt(series, i);
    if (direction === 0) continue;
    const kind = direction > 0 ? "charge" : "discharge";
    if (open && open.kind === kind) {
      open.lastIndex = i;
      continue;
    }
    open = {kind, cycle: series.cycle[i], firstIndex: i, lastIndex: i, startUnixS: 0, endUnixS: 0, capacityAh: 0};
    segments.push(open);
  }
  for (const segment of segments) {
    segment.startUnixS = series.unixTimeS[segment.firstIndex > 0 ? segment.firstIndex - 1 : 0];
    segment.endUnixS = series.unixTimeS[segment.lastIndex];
    segment.capacityAh = chargePassedAh(series, segment.kind, segment.firstIndex, segment.lastIndex);
  }
  return segments;
}
