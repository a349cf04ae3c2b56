import type * as arrow from "apache-arrow";
import type {SimsFrameTime} from "./frames-on-curve.js";

/**
 * The `frames` table of the data model (`frame`, `region`, `start_unix_s`, `end_unix_s`, on the SIMS clock) as
 * frame times on the potentiostat's clock: moved by `clockOffsetS`, potentiostat clock minus SIMS clock
 * (lib/frames/clock-offset.ts), so that they meet the cycling record.
 */
export function frameTimesFromTable(table: arrow.Table, clockOffsetS = 0): SimsFrameTime[] {
  const get = (name: string) => {
    const column = table.getChild(name);
    if (!column) throw new Error(`the frames table has no '${name}' column`);
    return column;
  };
  const frame = get("frame");
  const start = get("start_unix_s");
  const end = get("end_unix_s");
  const region = table.getChild("region");
  const times: SimsFrameTime[] = [];
  for (let i = 0; i < table.numRows; i++) {
    times.push({frame: Number(frame.get(i)), region: region ? String(region.get(i)) : undefined, startUnixS: Number(start.get(i)) + clockOffsetS, endUnixS: Number(end.get(i)) + clockOffsetS});
  }
  return times;
}
