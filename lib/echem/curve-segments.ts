// Cycling rows cut into the runs that are drawn as one line each (CC and CV apart, rests left out).

export interface CyclingRow {
  cycle: number;
  direction: "charge" | "discharge";
  /** Control mode (docs/data-model.md `control_mode`); rest rows are not drawn. */
  mode: "CC" | "CV" | "rest";
  /** Capacity since the start of this charge or discharge, in Ah. */
  capacityAh: number;
  voltageV: number;
  /** Test time in s (for `x: "time"`). */
  testTimeS?: number;
}

export type DrawnRow = CyclingRow & {series: string; segment: number};

/** Rows grouped in runs of one (cycle, direction, mode); each run starts at the last point of the run before, so the curve is unbroken. */
export function curveSegments(rows: CyclingRow[]): DrawnRow[] {
  const drawn: DrawnRow[] = [];
  let segment = -1;
  let previous: CyclingRow | undefined;
  for (const row of rows) {
    if (row.mode === "rest") {
      previous = undefined;
      continue;
    }
    const series = `cycle ${row.cycle} ${row.direction}`;
    if (!previous || previous.cycle !== row.cycle || previous.direction !== row.direction || previous.mode !== row.mode) {
      segment++;
      const joins = previous && previous.cycle === row.cycle && previous.direction === row.direction;
      if (joins) drawn.push({...previous!, mode: row.mode, series, segment});
    }
    drawn.push({...row, series, segment});
    previous = row;
  }
  return drawn;
}
