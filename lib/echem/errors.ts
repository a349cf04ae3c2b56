/** A time asked of the cycling record that lies before its first or after its last record. */
export class OutsideRecordError extends Error {
  readonly unixTimeS: number;
  readonly recordStartUnixS: number;
  readonly recordEndUnixS: number;

  constructor(unixTimeS: number, recordStartUnixS: number, recordEndUnixS: number, what = "time") {
    super(`${what} ${isoOf(unixTimeS)} lies outside the cycling record (${isoOf(recordStartUnixS)} to ${isoOf(recordEndUnixS)})`);
    this.name = new.target.name;
    this.unixTimeS = unixTimeS;
    this.recordStartUnixS = recordStartUnixS;
    this.recordEndUnixS = recordEndUnixS;
  }
}

/** A cycling table that lacks a column the analysis needs, or holds none of the records it needs. */
export class CyclingTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export function isoOf(unixTimeS: number): string {
  const ms = unixTimeS * 1000;
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(unixTimeS);
}
