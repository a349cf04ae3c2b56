import type {ManifestProblem} from "./errors.js";
import {isValidTimeZone} from "../time-zone.js";
import {parseTimeParts, toUnixSeconds} from "./local-time.js";
import {expandPattern, runPathProblem} from "./manifest-paths.js";

/* Checks of meaning that a schema cannot express. They run even when the schema found problems,
   so every guard below tolerates a wrongly typed value (the schema reports that one). */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const int = (v: unknown): number | undefined => (Number.isInteger(v) ? (v as number) : undefined);

const PLACEHOLDER = /\{([^}]*)\}/g;

export function checkManifestMeaning(manifest: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const add = (jsonPath: string, message: string) => problems.push({jsonPath, message});
  if (!isObject(manifest)) return problems;

  let timeZone = str(manifest.timeZone);
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    add("/timeZone", `"${timeZone}" is not an IANA time zone`);
    timeZone = undefined; // reported once, not again for every frame time
  }
  const potentiostatZone = isObject(manifest.potentiostat) ? str(manifest.potentiostat.timeZone) : undefined;
  if (potentiostatZone !== undefined && !isValidTimeZone(potentiostatZone)) {
    add("/potentiostat/timeZone", `"${potentiostatZone}" is not an IANA time zone`);
  }

  const regions = new Set<string>();
  list(manifest.regions).forEach((r, i) => {
    const id = isObject(r) ? str(r.id) : undefined;
    if (id === undefined) return;
    if (regions.has(id)) add(`/regions/${i}/id`, `region "${id}" is declared twice`);
    regions.add(id);
  });

  const ionRegions = new Map<string, Set<string>>();
  list(manifest.ions).forEach((ion, i) => {
    if (!isObject(ion)) return;
    const id = str(ion.id);
    if (id !== undefined && ionRegions.has(id)) add(`/ions/${i}/id`, `ion "${id}" is declared twice`);
    const own = new Set<string>();
    list(ion.regions).forEach((region, j) => {
      if (typeof region === "string" && !regions.has(region)) add(`/ions/${i}/regions/${j}`, `region "${region}" is not declared in /regions`);
      if (typeof region === "string") own.add(region);
    });
    if (id !== undefined && !ionRegions.has(id)) ionRegions.set(id, own);
  });

  // Frames: known region, unique index per region, start before end, no overlap within a region.
  const framesOf = new Map<string, Map<number, number>>(); // region -> frame index -> position in /frames
  const timed: {region: string; position: number; startS: number; endS: number}[] = [];
  list(manifest.frames).forEach((frame, i) => {
    if (!isObject(frame)) return;
    const region = str(frame.region);
    const index = int(frame.index);
    if (region !== undefined && !regions.has(region)) add(`/frames/${i}/region`, `region "${region}" is not declared in /regions`);
    if (region === undefined || index === undefined) return;
    const seen = framesOf.get(region) ?? new Map<number, number>();
    framesOf.set(region, seen);
    if (seen.has(index)) add(`/frames/${i}/index`, `frame ${index} of region "${region}" is declared twice (also /frames/${seen.get(index)})`);
    else seen.set(index, i);
    const times: Record<"start" | "end", number | undefined> = {start: undefined, end: undefined};
    for (const key of ["start", "end"] as const) {
      const text = str(frame[key]);
      if (text === undefined || timeZone === undefined || !parseTimeParts(text)) continue;
      const result = toUnixSeconds(text, timeZone);
      if ("problem" in result) add(`/frames/${i}/${key}`, result.problem);
      else times[key] = result.unixS;
    }
    if (times.start !== undefined && times.end !== undefined) {
      if (times.end <= times.start) add(`/frames/${i}/end`, "the frame ends before it starts");
      else timed.push({region, position: i, startS: times.start, endS: times.end});
    }
  });
  timed.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.startS - b.startS));
  for (let k = 1; k < timed.length; k++) {
    const [before, after] = [timed[k - 1], timed[k]];
    if (before.region === after.region && after.startS < before.endS) {
      add(`/frames/${after.position}/start`, `overlaps in time with /frames/${before.position} of region "${after.region}"`);
    }
  }

  const checkPath = (jsonPath: string, path: unknown) => {
    const problem = typeof path === "string" ? runPathProblem(path) : undefined;
    if (problem) add(jsonPath, `"${path}" ${problem}`);
  };
  if (isObject(manifest.potentiostat)) checkPath("/potentiostat/file", manifest.potentiostat.file);
  checkPath("/rois", manifest.rois);
  const images = manifest.images;
  if (Array.isArray(images)) {
    checkImageList(images, regions, ionRegions, framesOf, add);
    images.forEach((entry, i) => checkPath(`/images/${i}/file`, isObject(entry) ? entry.file : undefined));
  } else if (isObject(images) && typeof images.pattern === "string") {
    checkPattern(images.pattern, regions, add);
    checkFilledPattern(images.pattern, framesOf, ionRegions, add);
  }
  return problems;
}

function checkImageList(
  images: unknown[], regions: Set<string>, ionRegions: Map<string, Set<string>>,
  framesOf: Map<string, Map<number, number>>, add: (path: string, message: string) => void
): void {
  const declared = new Map<string, number>();
  const files = new Map<string, number>();
  images.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const [region, ion, frame, file] = [str(entry.region), str(entry.ion), int(entry.frame), str(entry.file)];
    if (region !== undefined && !regions.has(region)) add(`/images/${i}/region`, `region "${region}" is not declared in /regions`);
    if (ion !== undefined && !ionRegions.has(ion)) add(`/images/${i}/ion`, `ion "${ion}" is not declared in /ions`);
    else if (ion !== undefined && region !== undefined && regions.has(region) && !ionRegions.get(ion)!.has(region)) {
      add(`/images/${i}/ion`, `ion "${ion}" is not measured in region "${region}" (see its entry in /ions)`);
    }
    if (region !== undefined && frame !== undefined && regions.has(region) && !framesOf.get(region)?.has(frame)) {
      add(`/images/${i}/frame`, `frame ${frame} of region "${region}" is not declared in /frames`);
    }
    if (file !== undefined) {
      if (files.has(file)) add(`/images/${i}/file`, `file "${file}" is also used by /images/${files.get(file)}`);
      else files.set(file, i);
    }
    if (region === undefined || ion === undefined || frame === undefined) return;
    const key = `${region}\u0000${ion}\u0000${frame}`;
    if (declared.has(key)) add(`/images/${i}`, `region "${region}", ion "${ion}", frame ${frame} already has an image (/images/${declared.get(key)})`);
    else declared.set(key, i);
  });
  // An image for every (region, ion, frame) the manifest declares.
  for (const [region, frames] of framesOf) {
    if (!regions.has(region)) continue;
    for (const [ion, own] of ionRegions) {
      if (!own.has(region)) continue;
      for (const [frame, position] of frames) {
        if (!declared.has(`${region}\u0000${ion}\u0000${frame}`)) {
          add("/images", `no image for ion "${ion}" in frame ${frame} of region "${region}" (/frames/${position})`);
        }
      }
    }
  }
}

function checkPattern(pattern: string, regions: Set<string>, add: (path: string, message: string) => void): void {
  const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]);
  for (const name of names) {
    if (!["region", "ion", "frame"].includes(name)) add("/images/pattern", `unknown placeholder {${name}} (use {region}, {ion}, {frame})`);
  }
  // A NanoSIMS .im file holds every species (ion) and plane (frame) of its region, so it needs neither; an
  // imzML file every ion of its frame.
  const held = /\.im$/i.test(pattern) ? ["ion", "frame"] : /\.imzml$/i.test(pattern) ? ["ion"] : [];
  for (const needed of ["ion", "frame"].filter((name) => !held.includes(name))) {
    if (!names.includes(needed)) add("/images/pattern", `needs {${needed}}, or images of different ${needed}s share one file`);
  }
  if (regions.size > 1 && !names.includes("region")) add("/images/pattern", "needs {region}, or images of different regions share one file");
}

/** The pattern filled with every (region, ion, frame): ids are part of the path, so each filled path is checked. */
function checkFilledPattern(
  pattern: string, framesOf: Map<string, Map<number, number>>, ionRegions: Map<string, Set<string>>,
  add: (path: string, message: string) => void
): void {
  const patternProblem = runPathProblem(pattern);
  if (patternProblem) return add("/images/pattern", `"${pattern}" ${patternProblem}`);
  for (const [region, frames] of framesOf) {
    for (const [ion, own] of ionRegions) {
      if (!own.has(region)) continue;
      for (const frame of frames.keys()) {
        const path = expandPattern(pattern, region, ion, frame);
        const problem = runPathProblem(path);
        // One report is enough: every other filling of this ion or region goes the same way.
        if (problem) return add("/images/pattern", `filled for region "${region}", ion "${ion}", frame ${frame}: "${path}" ${problem}`);
      }
    }
  }
}
