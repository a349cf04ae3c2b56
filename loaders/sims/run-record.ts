import type {Table} from "apache-arrow";
import {toUnixSeconds} from "./local-time.js";
import type {Manifest} from "./manifest.js";

/** A moment as the manifest writes it (wall clock in `timeZone`), e.g. `2025-06-02 09:00:00`; fractions kept to ms. */
export function localTimeText(unixS: number, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit"
  }).formatToParts(new Date(Math.floor(unixS) * 1000)).map((p) => [p.type, p.value]));
  const fraction = unixS - Math.floor(unixS);
  const ms = fraction > 0 ? `.${String(Math.round(fraction * 1000)).padStart(3, "0")}` : "";
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}${ms}`;
}

const utcText = (unixS: number) => new Date(unixS * 1000).toISOString().replace(".000Z", "Z");
const span = (startS: number, endS: number, timeZone: string) =>
  `${localTimeText(startS, timeZone)} to ${localTimeText(endS, timeZone)} ${timeZone} (${utcText(startS)} to ${utcText(endS)})`;

/** When a frame of a region was acquired (UTC seconds), with its position in the manifest's /frames. */
export interface FrameSpan {
  region: string;
  frame: number;
  startS: number;
  endS: number;
}

/** The frames of the `frames` table (times from the manifest or the image headers). */
export function frameSpansOfTable(frames: Table): FrameSpan[] {
  return frames.toArray().map((row) => ({region: String(row.region), frame: Number(row.frame), startS: Number(row.start_unix_s), endS: Number(row.end_unix_s)}));
}

/** The frames whose start and end the manifest states (when the images could not all be read). */
export function frameSpansOfManifest(manifest: Manifest): FrameSpan[] {
  return manifest.frames.flatMap((f) => {
    const [start, end] = [f.start && toUnixSeconds(f.start, manifest.timeZone), f.end && toUnixSeconds(f.end, manifest.timeZone)];
    return start && end && "unixS" in start && "unixS" in end ? [{region: f.region, frame: f.index, startS: start.unixS, endS: end.unixS}] : [];
  });
}

/**
 * Frames acquired (partly) outside the cycling record: the pages place every frame on the record, so each is
 * a problem of the run, reported at build time with its /frames path, in the manifest's local time and in UTC.
 * Frame times are on the SIMS clock; the manifest's `potentiostat.clockOffsetS` (potentiostat clock minus SIMS
 * clock) moves them onto the record's clock first.
 */
export function framesOutsideRecord(manifest: Manifest, frames: readonly FrameSpan[], cycling: Table): string[] {
  const times = cycling.getChild("unix_time_second");
  let firstS = Infinity;
  let lastS = -Infinity;
  for (const value of times ?? []) {
    if (value === null || !Number.isFinite(value)) continue;
    firstS = Math.min(firstS, Number(value));
    lastS = Math.max(lastS, Number(value));
  }
  if (!(firstS <= lastS)) return []; // no absolute times in the record: the potentiostat reader says why
  const position = new Map(manifest.frames.map((f, i) => [`${f.region}\u0000${f.index}`, i]));
  const offsetS = manifest.potentiostat?.clockOffsetS ?? 0;
  const onRecordClock = (startS: number, endS: number) => offsetS === 0 ? "" :
    ` (${span(startS + offsetS, endS + offsetS, manifest.timeZone)} on the potentiostat's clock, with /potentiostat/clockOffsetS ${offsetS} s)`;
  return frames.filter(({startS, endS}) => !(startS + offsetS >= firstS && endS + offsetS <= lastS)).map(({region, frame, startS, endS}) =>
    `/frames/${position.get(`${region}\u0000${frame}`)}: frame ${frame} of region "${region}", acquired ${span(startS, endS, manifest.timeZone)}${onRecordClock(startS, endS)}, ` +
    `lies outside the cycling record, ${span(firstS, lastS, manifest.timeZone)}`);
}
