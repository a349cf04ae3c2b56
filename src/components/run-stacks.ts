// A run's image stacks as a page needs them: one file per frame of each (region, ion), fetched when first asked
// for and kept for the page's life, so that a page downloads only the regions, ions and frames it draws, and the
// build's particle segmentations (the build writes the files, gzip of Arrow IPC: bin/build-tables.ts; their layout:
// lib/imaging/stack-file.ts, segmentation-file.ts). Plain GETs of whole files, from any static host.
import {tableFromIPC, type Table} from "apache-arrow";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {joinStackFrames, pixelsTableOfStacks, stackFromCountsTable} from "@operando/lib/imaging/stack-file";
import {stringColumnKeys} from "@operando/lib/imaging/stack";
import {backgroundFromTable, segmentationFromTable, type RegionLabels, type RegionSegmentation} from "@operando/lib/imaging/segmentation-file";
import {arrowFile} from "./duckdb-files.js";
import {parseJsonFile} from "./json-file.js";
import type {FetchRunFile} from "./run-files.js";

export interface StackFile {
  region: string;
  ion: string;
  /** One file per frame of the stack. */
  frames: {frame: number; file: string}[];
}

export interface Pair {
  region: string;
  ion: string;
}

export interface RunStacks {
  /** The ions of a region with images, in the order of the index (the build's stack order). */
  ionsOf(region: string): string[];
  /** The frames of a (region, ion) stack, ascending, as the index lists them (nothing is fetched). */
  framesOf(region: string, ion: string): number[];
  /**
   * The stacks of these (region, ion) pairs, of every frame or of the frames `frames` gives the region (those a
   * stack has); a pair the run has no images of is an error naming it.
   */
  load(pairs: Pair[], frames?: (region: string) => number[]): Promise<ImageStack[]>;
  /** Every stack of a region. */
  loadRegion(region: string): Promise<ImageStack[]>;
  /** The build's particle segmentation of a region on an ion (pixels/segmentations.json), or null when it made none. */
  segmentationOf(region: string, ion: string): Promise<RegionLabels | null>;
  /** The same with the grey image a particle map draws under it (a file of its own, most of the bytes), for a page that draws the map. */
  segmentationWithBackgroundOf(region: string, ion: string): Promise<RegionSegmentation | null>;
}

/**
 * `index` is the run's `pixels/index.json`; `fetchFile` fetches a file of the run's folder (./run-files.ts). Each
 * frame's file is fetched once and kept for the page's life.
 */
export function runStacks(index: StackFile[], fetchFile: FetchRunFile): RunStacks {
  const cache = new Map<string, Promise<ImageStack>>();
  const fetchFrame = async (entry: StackFile, file: string): Promise<ImageStack> => {
    const {bytes, urlPath} = await fetchFile(`pixels/${file}`, `the ${entry.ion} images of ${entry.region}`);
    return stackFromCountsTable(tableFromIPC(bytes), urlPath);
  };
  type SegmentationEntry = {region: string; ion: string; file: string; sumFile: string; backgroundFile: string};
  // The list of the build's segmentations, fetched once.
  let segmentations: Promise<SegmentationEntry[]> | undefined;
  const segmentationEntry = async (region: string, ion: string) => {
    segmentations ??= fetchFile("pixels/segmentations.json", "the list of the build's segmentations").then(({bytes, urlPath}) => parseJsonFile(bytes, urlPath) as SegmentationEntry[]);
    return (await segmentations).find((s) => s.region === region && s.ion === ion);
  };
  const labelsOf = async (entry: SegmentationEntry): Promise<RegionLabels> => {
    const {bytes, urlPath} = await fetchFile(`pixels/${entry.file}`, `the particles of ${entry.region} on ${entry.ion}`);
    return segmentationFromTable(tableFromIPC(bytes), urlPath);
  };
  const segmentationOf = async (region: string, ion: string): Promise<RegionLabels | null> => {
    const entry = await segmentationEntry(region, ion);
    return entry ? labelsOf(entry) : null;
  };
  const segmentationWithBackgroundOf = async (region: string, ion: string): Promise<RegionSegmentation | null> => {
    const entry = await segmentationEntry(region, ion);
    if (!entry) return null;
    const [labels, {bytes, urlPath}] = await Promise.all([labelsOf(entry), fetchFile(`pixels/${entry.backgroundFile}`, `the particle map's grey image of ${region} on ${ion}`)]);
    return backgroundFromTable(tableFromIPC(bytes), labels, urlPath);
  };
  const frameOf = (entry: StackFile, file: string) => {
    if (!cache.has(file)) cache.set(file, fetchFrame(entry, file));
    return cache.get(file)!;
  };
  const load = (pairs: Pair[], frames?: (region: string) => number[]) => Promise.all(pairs.map(async ({region, ion}) => {
    const entry = index.find((f) => f.region === region && f.ion === ion);
    if (!entry) throw new RangeError(`this run has no ${ion} images of region "${region}"`);
    const wanted = frames ? new Set(frames(region)) : null;
    const files = entry.frames.filter((f) => !wanted || wanted.has(f.frame));
    if (files.length === 0) throw new RangeError(`this run has none of frames ${[...wanted!].join(", ")} of the ${ion} images of region "${region}"`);
    return joinStackFrames(await Promise.all(files.map((f) => frameOf(entry, f.file))));
  }));
  const ionsOf = (region: string) => index.filter((f) => f.region === region).map((f) => f.ion);
  const framesOf = (region: string, ion: string) => (index.find((f) => f.region === region && f.ion === ion)?.frames ?? []).map((f) => f.frame).sort((a, b) => a - b);
  return {ionsOf, framesOf, load, loadRegion: (region) => load(ionsOf(region).map((ion) => ({region, ion}))), segmentationOf, segmentationWithBackgroundOf};
}

/**
 * The stacks as the `pixels` table DuckDB-WASM queries (lib/roi/sql.ts), passed to DuckDBClient.of as a file of
 * Arrow IPC: the page's SQL then runs over exactly the stacks the page loaded, with the run's `region_id`s.
 */
export function pixelsFileOfStacks(stacks: ImageStack[], images: Table) {
  const {keys, names} = stringColumnKeys(images.getChild("region")!);
  const ids = images.getChild("region_id")!.toArray() as ArrayLike<number>;
  const regionIds = new Map(Array.from(keys, (k, i) => [names[k], Number(ids[i])]));
  return arrowFile("pixels", pixelsTableOfStacks(stacks, regionIds));
}
