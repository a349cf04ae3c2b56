/**
 * Drift of every frame of every region: registration on one ion's stack per region (the total-ion image by
 * default, else the ion with the most counts), against the region's first frame, applied to all its ions.
 * A frame's drift can instead be given by hand, and registration turned off for a region (drift 0); both are
 * marked in the result (`source`).
 */
import {DEFAULT_THINNING_SEED, driftSdByThinning, referenceHalves, type ThinningOptions} from "./drift-sd.js";
import {frameRaster, rasterTotal, type ImageStack} from "./raster.js";
import {REFERENCE_ESTIMATE, registerOnTemplates, registrationTemplate, searchMarginPx, type ShiftEstimate} from "./register.js";
import {median} from "../stats/median.js";

/** A frame's drift given by hand (e.g. from the manifest), in px, in the convention of docs/data-model.md. */
export interface ManualDrift {
  region: string;
  frame: number;
  driftPx: [number, number];
  /** Its standard uncertainty per axis, px (default 0: taken as exact). */
  sdPx?: number;
}

export interface RegionRegistrationOptions extends ThinningOptions {
  /** Drifts given by hand; they replace the registration of those frames. */
  manualDriftPx?: ManualDrift[];
  /** Regions not registered: every frame gets drift 0. */
  registrationOff?: string[];
}

export interface RegionDrift {
  region: string;
  /** Ion whose images were registered. */
  ion: string;
  referenceFrame: number;
  /** Drift per frame index (docs/data-model.md convention). */
  byFrame: Map<number, FrameDrift>;
}

/** A frame's drift with its standard uncertainty per axis, px (lib/imaging/drift-sd.ts; 0 for the reference frame and with registration off). */
export interface FrameDrift extends ShiftEstimate {
  sdPx: number;
}

export function registrationStack(stacks: ImageStack[], region: string, ion = "total"): ImageStack {
  const candidates = stacks.filter((s) => s.region === region);
  if (candidates.length === 0) throw new RangeError(`no images for region "${region}"`);
  const named = candidates.find((s) => s.ion === ion);
  if (named) return named;
  const total = (s: ImageStack): number => s.frames.reduce((sum, _, slot) => sum + rasterTotal(frameRaster(s, slot)), 0);
  return candidates.reduce((best, s) => (total(s) > total(best) ? s : best));
}

function manualEstimate(manual: ManualDrift): FrameDrift {
  return {driftPx: [manual.driftPx[0], manual.driftPx[1]], ok: true, peakNcc: NaN, atSearchBound: false, poorMatch: false, reliable: true,
    reason: "drift given by hand", source: "manual", sdPx: manual.sdPx ?? 0};
}

const OFF_ESTIMATE: FrameDrift = {driftPx: [0, 0], ok: true, peakNcc: NaN, atSearchBound: false, poorMatch: false, reliable: true,
  reason: "registration off for this region: drift 0", source: "off", sdPx: 0};

/**
 * Every problem of the drifts given by hand and the regions turned off, for regions with these frames (as the
 * manifest lists them, so that a build can check them before any image is read), each with its JSON path under the
 * manifest's `/registration` (an empty list when they can be used as given): an unknown region or frame, the
 * reference frame, a frame given twice, a drift for a region whose registration is off (it would not be used).
 */
export function registrationProblems(regionFrames: {region: string; frames: number[]}[], options: Pick<RegionRegistrationOptions, "manualDriftPx" | "registrationOff">): {jsonPath: string; message: string}[] {
  const {manualDriftPx = [], registrationOff = []} = options;
  const regions = regionFrames.map((r) => r.region);
  // The reference frame is a region's first frame.
  const framesOf = (region: string) => [...(regionFrames.find((r) => r.region === region)?.frames ?? [])].sort((a, b) => a - b);
  const problems: {jsonPath: string; message: string}[] = [];
  const seen = new Map<string, number>();
  manualDriftPx.forEach((manual, i) => {
    const path = `/registration/manualDriftPx/${i}`;
    if (!regions.includes(manual.region)) {
      problems.push({jsonPath: `${path}/region`, message: `manual drift: region "${manual.region}" has no images (regions: ${regions.join(", ")})`});
      return;
    }
    const frames = framesOf(manual.region);
    if (!frames.includes(manual.frame)) problems.push({jsonPath: `${path}/frame`, message: `manual drift: region "${manual.region}" has no frame ${manual.frame} (its frames: ${frames.join(", ")})`});
    else if (manual.frame === frames[0]) problems.push({jsonPath: `${path}/frame`, message: `manual drift: frame ${manual.frame} is the reference frame of region "${manual.region}" (drift 0 by definition)`});
    if (!manual.driftPx.every(Number.isFinite)) problems.push({jsonPath: `${path}/driftPx`, message: `manual drift of ${manual.region} frame ${manual.frame}: [${manual.driftPx}] is not two finite numbers`});
    if (manual.sdPx !== undefined && !(manual.sdPx >= 0)) problems.push({jsonPath: `${path}/sdPx`, message: `manual drift of ${manual.region} frame ${manual.frame}: sdPx ${manual.sdPx} is not a number >= 0`});
    if (registrationOff.includes(manual.region)) problems.push({jsonPath: path, message: `manual drift: registration is off for region "${manual.region}" (/registration/off), so every frame of it has drift 0 and this drift would not be used`});
    const key = `${manual.region}\u0000${manual.frame}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({jsonPath: path, message: `manual drift: region "${manual.region}" frame ${manual.frame} is given twice (also /registration/manualDriftPx/${first})`});
    else seen.set(key, i);
  });
  registrationOff.forEach((region, i) => {
    if (!regions.includes(region)) problems.push({jsonPath: `/registration/off/${i}`, message: `registration off: region "${region}" has no images (regions: ${regions.join(", ")})`});
  });
  return problems;
}

/** One region's registration, on its own: what `registerRegion` needs (a worker thread can take it whole). */
export interface RegionRegistrationJob {
  /** The stack registered (`registrationStack`). */
  stack: ImageStack;
  /** This region's drifts given by hand. */
  manualDriftPx: ManualDrift[];
  /** Registration is off for this region: every frame gets drift 0. */
  off: boolean;
  options: ThinningOptions;
}

/** The registration of every region as independent jobs, once the drifts given by hand and the regions turned off are checked. */
export function registrationJobs(stacks: ImageStack[], ion = "total", options: RegionRegistrationOptions = {}): RegionRegistrationJob[] {
  const {manualDriftPx = [], registrationOff = [], ...thinning} = options;
  const regions = [...new Set(stacks.map((s) => s.region))];
  const problems = registrationProblems(regions.map((region) => ({region, frames: stacks.find((s) => s.region === region)!.frames})), {manualDriftPx, registrationOff});
  if (problems.length > 0) throw new RangeError(problems[0].message);
  return regions.map((region) => ({stack: registrationStack(stacks, region, ion), manualDriftPx: manualDriftPx.filter((m) => m.region === region),
    off: registrationOff.includes(region), options: thinning}));
}

/**
 * Registration of one region, each frame's uncertainty measured by thinning. A frame whose halves cannot be
 * registered (too few counts) gets the search bound as its uncertainty and is not reliable.
 */
export function registerRegion(job: RegionRegistrationJob): RegionDrift {
  const {stack, off} = job;
  const {splits, seed = DEFAULT_THINNING_SEED, floorSdPx, ...registration} = job.options;
  const manual = new Map(job.manualDriftPx.map((m) => [m.frame, m]));
  const reference = frameRaster(stack, 0);
  const registeredSlots = off ? [] : stack.frames.flatMap((frame, slot) => (slot > 0 && !manual.has(frame) ? [slot] : []));
  const template = registeredSlots.length > 0 ? registrationTemplate(reference, registration) : undefined;
  const estimates = new Map(template ? registerOnTemplates(registeredSlots.map((slot) => ({template, moving: frameRaster(stack, slot)})))
    .map((estimate, k) => [registeredSlots[k], estimate]) : []);
  let halves: ReturnType<typeof referenceHalves> | undefined;
  const registered = (slot: number): FrameDrift => {
    const estimate = estimates.get(slot)!;
    if (!estimate.ok) return {...estimate, sdPx: 0};
    halves ??= referenceHalves(reference, {splits, seed, ...registration});
    const sdPx = driftSdByThinning(halves, frameRaster(stack, slot), seed + 1 + slot, {floorSdPx});
    if (Number.isFinite(sdPx)) return {...estimate, sdPx};
    return {...estimate, reliable: false, sdPx: searchMarginPx(stack.width, stack.height, registration),
      reason: `${estimate.reason}; its halves have too few counts to measure its uncertainty (taken as the search bound)`};
  };
  const estimateOf = (frame: number, slot: number): FrameDrift => {
    if (off) return {...OFF_ESTIMATE, driftPx: [0, 0]};
    const given = manual.get(frame);
    if (given) return manualEstimate(given);
    return slot === 0 ? {...REFERENCE_ESTIMATE, driftPx: [0, 0], sdPx: 0} : registered(slot);
  };
  return {region: stack.region, ion: stack.ion, referenceFrame: stack.frames[0],
    byFrame: matchedLikeTheOthers(new Map(stack.frames.map((frame, slot) => [frame, estimateOf(frame, slot)])))};
}

/** Registration of every region (`registerRegion`), one after the other. */
export function registerRegions(stacks: ImageStack[], ion = "total", options: RegionRegistrationOptions = {}): RegionDrift[] {
  return registrationJobs(stacks, ion, options).map(registerRegion);
}

/**
 * A registered frame whose peak NCC is under this fraction of the median of its region's registered frames
 * matches poorly even above `POOR_MATCH_NCC`: the peak found is not the one the other frames find (typically a
 * drift beyond the search whose true peak lies outside it, leaving a side peak inside). The reference dataset's
 * frames lie within 0.92-0.97 of each other's NCC, its `--noise 3` variant's within 0.57-0.77 (docs/analysis.md).
 */
export const RELATIVE_POOR_MATCH = 0.5;

function matchedLikeTheOthers(byFrame: Map<number, FrameDrift>): Map<number, FrameDrift> {
  const peaks = [...byFrame.values()].filter((e) => e.source === "registered" && e.ok && Number.isFinite(e.peakNcc)).map((e) => e.peakNcc);
  if (peaks.length < 2) return byFrame;
  const medianNcc = median(peaks);
  for (const [frame, e] of byFrame) {
    if (e.source !== "registered" || !e.ok || e.poorMatch || !(e.peakNcc < RELATIVE_POOR_MATCH * medianNcc)) continue;
    const why = `peak NCC ${e.peakNcc.toFixed(2)} is under half the region's median ${medianNcc.toFixed(2)}: this frame matches poorly`;
    byFrame.set(frame, {...e, poorMatch: true, reliable: false, reason: e.reliable ? why : `${e.reason}; ${why}`});
  }
  return byFrame;
}

/** A region's drifts as JSON (drift.json of a built run): NaN peak NCC becomes null. */
export interface SavedRegionDrift {
  region: string;
  ion: string;
  referenceFrame: number;
  frames: (Omit<FrameDrift, "peakNcc"> & {frame: number; peakNcc: number | null})[];
}

export function savedRegionDrifts(drifts: RegionDrift[]): SavedRegionDrift[] {
  return drifts.map((d) => ({region: d.region, ion: d.ion, referenceFrame: d.referenceFrame,
    frames: [...d.byFrame].map(([frame, e]) => ({frame, ...e, peakNcc: Number.isFinite(e.peakNcc) ? e.peakNcc : null}))}));
}

export function regionDriftsFromSaved(saved: SavedRegionDrift[]): RegionDrift[] {
  return saved.map((d) => ({region: d.region, ion: d.ion, referenceFrame: d.referenceFrame,
    byFrame: new Map(d.frames.map(({frame, peakNcc, ...e}) => [frame, {...e, peakNcc: peakNcc ?? NaN}]))}));
}

/** Look-up in the form `roiFrameMasks` takes; [0, 0] for a frame that was not registered. */
export function driftLookup(drifts: RegionDrift[]): (region: string, frame: number) => [number, number] {
  return (region, frame) => drifts.find((d) => d.region === region)?.byFrame.get(frame)?.driftPx ?? [0, 0];
}

/**
 * The drift's standard uncertainty per axis (px) of every frame, as measured (`FrameDrift.sdPx`); 0 for a frame
 * not registered. `overrideSdPx` replaces it for every registered frame (the reference frame stays 0).
 */
export function driftSdLookup(drifts: RegionDrift[], overrideSdPx?: number): (region: string, frame: number) => number {
  return (region, frame) => {
    const estimate = drifts.find((d) => d.region === region)?.byFrame.get(frame);
    if (!estimate) return 0;
    return overrideSdPx !== undefined && estimate.source === "registered" ? overrideSdPx : estimate.sdPx;
  };
}
