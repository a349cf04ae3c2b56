// The frames of a run as a table (lib/run/run-overview.ts `frameRows`), times in UTC to the second.
import * as Inputs from "npm:@observablehq/inputs";
import type {Table} from "apache-arrow";
import {frameRows} from "@operando/lib/run/run-overview";

const utcSecond = (date: Date) => date.toISOString().slice(0, 19) + "Z";

export function observationPointTable(frames: Table): HTMLElement {
  return Inputs.table(frameRows(frames), {select: false, format: {start: utcSecond, end: utcSecond}});
}
