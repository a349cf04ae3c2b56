/**
 * The ROI benchmarks' run (bench/roi.ts, bench/roi-wasm.ts): one region of 256 x 256 pixels, 8 ions, as many
 * frames as make the requested number of stack pixels (pixels x ions x frames), as the loader's `images` and
 * `pixels` tables (built by `buildRunTables`, the loader's own code). One irregular polygon ROI of about 20% of
 * the image, registered to every frame by a drift that grows by (0.37, 0.23) px a frame (wrapping at 5 and 4 px)
 * so that every frame has its own mask, with the registration term (0.1 px drift uncertainty): the query a page
 * sends. `roiCounts` is the TypeScript total the SQL must equal.
 */
import type {Table} from "apache-arrow";
import {sumSpans, roiFrameMasks, type RoiFrameMask} from "../../lib/roi/aggregate.js";
import {spanPixelCount} from "../../lib/roi/spans.js";
import type {Ring} from "../../lib/roi/types.js";
import type {Manifest} from "../../loaders/sims/manifest.js";
import type {FrameFacts, RunImage} from "../../loaders/sims/run-checks.js";
import {buildRunTables} from "../../loaders/sims/run-tables.js";

export const [WIDTH, HEIGHT, IONS] = [256, 256, 8];
const PIXEL_UM = 0.5;
/** Deterministic counts of 0..16 that differ by ion, frame and pixel. */
export const countsAt = (ion: number, frame: number, x: number, y: number): number => (x * 7 + y * 13 + frame * 3 + ion * 5) % 17;
export const ionName = (ion: number): string => `ion${ion}`;

export interface BenchRun {
  framesPerIon: number;
  stackPixels: number;
  /** One Uint16Array stack per ion: frames x HEIGHT x WIDTH. */
  stacks: Uint16Array[];
  images: Table;
  pixels: Table;
  masks: RoiFrameMask[];
  /** Share of the image the ROI covers (frame 0). */
  roiShare: number;
  /** Sum over ions and frames of the counts under each frame's mask (the TypeScript path). */
  roiCounts: number;
}

export const driftOf = (frame: number): [number, number] => [(0.37 * frame) % 5, (0.23 * frame) % 4];

export function benchMasks(framesPerIon: number): RoiFrameMask[] {
  const ring: Ring = Array.from({length: 60}, (_, k) => {
    const angle = (2 * Math.PI * k) / 60;
    const r = 32 * (1 + 0.15 * Math.sin(5 * angle));
    return [64 + r * Math.cos(angle), 64 + r * Math.sin(angle)] as [number, number];
  });
  const frames = Array.from({length: framesPerIon}, (_, f) => f);
  return roiFrameMasks([{kind: "polygon", name: "bench", region: "positive", polygons: [[ring]]}],
    [{region: "positive", width: WIDTH, height: HEIGHT, pixelWidthUm: PIXEL_UM, pixelHeightUm: PIXEL_UM, frames}],
    (_region, frame) => driftOf(frame), new Map(), (_region, frame) => (frame === 0 ? 0 : 0.1));
}

export function benchRun(stackPixels: number, options: {tables?: boolean} = {}): BenchRun {
  const frameSize = WIDTH * HEIGHT;
  const framesPerIon = Math.max(1, Math.round(stackPixels / (frameSize * IONS)));
  const stacks = Array.from({length: IONS}, (_, ion) => {
    const data = new Uint16Array(framesPerIon * frameSize);
    for (let f = 0, k = 0; f < framesPerIon; f++) for (let y = 0; y < HEIGHT; y++) for (let x = 0; x < WIDTH; x++, k++) data[k] = countsAt(ion, f, x, y);
    return data;
  });
  const masks = benchMasks(framesPerIon);
  let roiCounts = 0;
  for (const data of stacks) for (const mask of masks) roiCounts += sumSpans(data, mask.frame * frameSize, mask.spans);
  let images: Table | undefined;
  let pixels: Table | undefined;
  if (options.tables !== false) {
    const frames = Array.from({length: framesPerIon}, (_, index) => ({index, region: "positive"}));
    const manifest = {schema: "operando-notebook/manifest@1", run: "bench", title: "ROI benchmark", synthetic: true, timeZone: "UTC",
      regions: [{id: "positive", fieldOfViewUm: [WIDTH * PIXEL_UM, HEIGHT * PIXEL_UM], pixels: [WIDTH, HEIGHT]}],
      ions: Array.from({length: IONS}, (_, ion) => ({id: ionName(ion), regions: ["positive"]})), frames, images: {pattern: "{ion}/{frame}"}} as Manifest;
    const runImages: RunImage[] = [];
    stacks.forEach((data, ion) => frames.forEach(({index}) => runImages.push({
      entry: {region: "positive", ion: ionName(ion), frame: index, file: `${ionName(ion)}/${index}`}, width: WIDTH, height: HEIGHT,
      pixelWidthUm: PIXEL_UM, pixelHeightUm: PIXEL_UM, counts: data.subarray(index * frameSize, (index + 1) * frameSize), maxCounts: 16,
      totalCounts: 0
    })));
    const facts: FrameFacts[] = frames.map((frame, position) => ({frame, position, startS: position * 1000, endS: position * 1000 + 900, doseIonsPerCm2: null}));
    ({images, pixels} = buildRunTables(manifest, runImages, facts));
  }
  return {framesPerIon, stackPixels: IONS * framesPerIon * frameSize, stacks, images: images!, pixels: pixels!, masks,
    roiShare: spanPixelCount(masks[0].spans) / frameSize, roiCounts};
}
