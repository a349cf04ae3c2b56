import {toCounts} from "./counts.js";
import {SimsRunError} from "./errors.js";
import type {SimsImage} from "./image.js";
import {toUnixSeconds} from "./local-time.js";
import type {Manifest, ManifestFrame, ManifestImageEntry, ManifestIon, ManifestRegion} from "./manifest.js";

/** One checked image of a run: counts narrowed, pixel size known. */
export interface RunImage {
  entry: ManifestImageEntry;
  width: number;
  height: number;
  pixelWidthUm: number;
  pixelHeightUm: number;
  counts: Uint8Array | Uint16Array | Uint32Array;
  maxCounts: number;
  totalCounts: number;
}

export interface FrameFacts {
  frame: ManifestFrame;
  position: number;
  startS: number;
  endS: number;
  doseIonsPerCm2: number | null;
}

const SECONDS_TOLERANCE = 1;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
const frameKey = (region: string, index: number) => `${region}\u0000${index}`;
type FactKey = "start" | "end" | "dose";

/** A value found in image headers, with the file that said it first. */
interface HeaderValue {
  value: number;
  text: string;
  file: string;
}

/**
 * Checks each image against the manifest and the images already seen (what a careless export gets
 * wrong), then resolves each frame's times and dose. Every error names the offending file.
 */
export class RunChecker {
  private readonly regions = new Map<string, {region: ManifestRegion; position: number}>();
  private readonly ions = new Map<string, ManifestIon>();
  private readonly frames = new Map<string, {frame: ManifestFrame; position: number; firstFile?: string}>();
  private readonly firstOfRegion = new Map<string, RunImage>();
  private readonly headerFacts = new Map<string, Partial<Record<FactKey, HeaderValue>>>();

  constructor(private readonly manifest: Manifest, private readonly manifestFile: string) {
    manifest.regions.forEach((region, position) => this.regions.set(region.id, {region, position}));
    manifest.ions.forEach((ion) => this.ions.set(ion.id, ion));
    manifest.frames.forEach((frame, position) => this.frames.set(frameKey(frame.region, frame.index), {frame, position}));
  }

  accept(entry: ManifestImageEntry, image: SimsImage): RunImage {
    const file = entry.file;
    const fail: (problem: string) => never = (problem) => {
      throw new SimsRunError(file, problem);
    };
    const {region, position} = this.regions.get(entry.region)!;
    const ion = this.ions.get(entry.ion)!;
    const frameInfo = this.frames.get(frameKey(entry.region, entry.frame))!;
    frameInfo.firstFile ??= file;
    const h = image.header;
    if (h.region !== undefined && h.region !== entry.region) fail(`header says region "${h.region}", the manifest "${entry.region}"`);
    if (h.ion !== undefined && h.ion !== entry.ion) fail(`header says ion "${h.ion}", the manifest "${entry.ion}"`);
    if (h.sample !== undefined && this.manifest.sample !== undefined && h.sample.trim() !== this.manifest.sample.trim()) {
      fail(`header says sample "${h.sample}", the manifest "${this.manifest.sample}"`);
    }
    if (h.massU !== undefined && ion.massU !== undefined && Math.abs(h.massU - ion.massU) > 0.01) {
      fail(`header says mass ${h.massU} u, the manifest ${ion.massU} u for ion "${ion.id}"`);
    }
    const {width, height} = image;
    if (region.pixels && (region.pixels[0] !== width || region.pixels[1] !== height)) {
      fail(`image is ${width} x ${height} pixels, the manifest region "${region.id}" ${region.pixels[0]} x ${region.pixels[1]}`);
    }
    if (h.fieldOfViewUm && region.fieldOfViewUm && !(close(h.fieldOfViewUm[0], region.fieldOfViewUm[0]) && close(h.fieldOfViewUm[1], region.fieldOfViewUm[1]))) {
      fail(`header says field of view ${h.fieldOfViewUm.join(" x ")} um, the manifest region "${region.id}" ${region.fieldOfViewUm.join(" x ")} um`);
    }
    const fov = region.fieldOfViewUm ?? h.fieldOfViewUm ??
      fail(`no field of view: not in the header ("Field of view (um)") nor in the manifest (/regions/${position}/fieldOfViewUm)`);
    const counts = toCounts(image.data);
    if (!counts.ok) fail(`counts ${counts.value} at pixel ${counts.badIndex % width}, ${Math.floor(counts.badIndex / width)} are not a non-negative integer`);
    const checked: RunImage = {
      entry, width, height, pixelWidthUm: fov[0] / width, pixelHeightUm: fov[1] / height,
      counts: counts.counts, maxCounts: counts.max, totalCounts: counts.total
    };
    const first = this.firstOfRegion.get(entry.region);
    if (!first) {
      this.firstOfRegion.set(entry.region, checked);
    } else if (first.width !== width || first.height !== height) {
      fail(`frames of region "${entry.region}" differ in size: this image is ${width} x ${height}, ${first.entry.file} ${first.width} x ${first.height}`);
    } else if (!close(first.pixelWidthUm, checked.pixelWidthUm) || !close(first.pixelHeightUm, checked.pixelHeightUm)) {
      fail(`frames of region "${entry.region}" differ in pixel size: this image ${checked.pixelWidthUm} x ${checked.pixelHeightUm} um, ${first.entry.file} ${first.pixelWidthUm} x ${first.pixelHeightUm} um`);
    }
    this.acceptHeaderTimes(entry, image, frameInfo, fail);
    return checked;
  }

  /** A frame's start/end (UTC seconds) or dose as the manifest gives it; its times were validated already. */
  private manifestFact(frame: ManifestFrame, key: FactKey): number | undefined {
    if (key === "dose") return frame.doseIonsPerCm2;
    const text = frame[key];
    const result = text === undefined ? undefined : toUnixSeconds(text, this.manifest.timeZone);
    return result && "unixS" in result ? result.unixS : undefined;
  }

  /** Header times and dose must agree with the other images of the frame and with the manifest. */
  private acceptHeaderTimes(
    entry: ManifestImageEntry, image: SimsImage, frameInfo: {frame: ManifestFrame; position: number}, fail: (problem: string) => never
  ): void {
    const facts = this.headerFacts.get(frameKey(entry.region, entry.frame)) ?? {};
    this.headerFacts.set(frameKey(entry.region, entry.frame), facts);
    const h = image.header;
    const written: Record<FactKey, string | undefined> = {
      start: h.acquisitionStart, end: h.acquisitionEnd, dose: h.doseIonsPerCm2 === undefined ? undefined : String(h.doseIonsPerCm2)
    };
    // Facts of an image join the frame's only once all of them passed, so one bad file is one problem, not a cascade.
    const accepted: Partial<Record<FactKey, HeaderValue>> = {};
    for (const key of ["start", "end", "dose"] as const) {
      const text = written[key];
      if (text === undefined) continue;
      let value = Number(text);
      if (key !== "dose") {
        const result = toUnixSeconds(text, this.manifest.timeZone);
        if ("problem" in result) fail(`header acquisition ${key}: ${result.problem}`);
        value = result.unixS;
      }
      const same = (a: number, b: number) => (key === "dose" ? close(a, b) : Math.abs(a - b) <= SECONDS_TOLERANCE);
      const earlier = facts[key];
      if (earlier && !same(earlier.value, value)) fail(`header ${key} ${text} disagrees with ${earlier.text} in ${earlier.file} of the same frame`);
      accepted[key] = {value, text, file: entry.file};
      const fromManifest = this.manifestFact(frameInfo.frame, key);
      if (fromManifest !== undefined && !same(fromManifest, value)) {
        const path = `/frames/${frameInfo.position}/${key === "dose" ? "doseIonsPerCm2" : key}`;
        const shown = key === "dose" ? fromManifest : frameInfo.frame[key];
        fail(`header ${key} ${text} disagrees with the manifest ${path} (${shown})`);
      }
    }
    for (const key of ["start", "end", "dose"] as const) facts[key] ??= accepted[key];
  }

  /** Times and dose of every frame, from the manifest or the image headers; no frame may overlap another of its region. */
  resolveFrames(): FrameFacts[] {
    const resolved: FrameFacts[] = [];
    for (const {frame, position, firstFile} of this.frames.values()) {
      const facts = this.headerFacts.get(frameKey(frame.region, frame.index)) ?? {};
      const file = firstFile ?? this.manifestFile;
      const time = (key: "start" | "end"): number => {
        const value = this.manifestFact(frame, key) ?? facts[key]?.value;
        if (value !== undefined) return value;
        throw new SimsRunError(file, `frame ${frame.index} of region "${frame.region}" has no ${key} time: not in /frames/${position}/${key} nor in the header ("Acquisition ${key}")`);
      };
      const startS = time("start");
      const endS = time("end");
      if (!(endS > startS)) throw new SimsRunError(file, `frame ${frame.index} of region "${frame.region}" ends before it starts`);
      resolved.push({frame, position, startS, endS, doseIonsPerCm2: frame.doseIonsPerCm2 ?? facts.dose?.value ?? null});
    }
    const byStart = [...resolved].sort((a, b) => (a.frame.region < b.frame.region ? -1 : a.frame.region > b.frame.region ? 1 : a.startS - b.startS));
    for (let k = 1; k < byStart.length; k++) {
      const [before, after] = [byStart[k - 1], byStart[k]];
      if (before.frame.region === after.frame.region && after.startS < before.endS) {
        const file = this.frames.get(frameKey(after.frame.region, after.frame.index))?.firstFile ?? this.manifestFile;
        throw new SimsRunError(file, `frame ${after.frame.index} of region "${after.frame.region}" overlaps in time with frame ${before.frame.index}`);
      }
    }
    return resolved;
  }
}
