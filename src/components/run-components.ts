// The build's PCA of a run's regions as the components page reads it (bin/build-tables.ts writeComponentFiles;
// lib/run/components-file.ts): the list pixels/components.json, then the summary of the region picked, with the
// run's timeline around it, and the scores of the frame shown, each fetched when first asked for.
import {tableFromIPC} from "apache-arrow";
import {componentFrameScoresFromTable, componentsSummaryFromJson} from "@operando/lib/run/components-file";
import type {ComponentsSummary} from "@operando/lib/run/components";
import type {ComponentsContext} from "@operando/lib/run/components-view";
import {parseJsonFile} from "./json-file.js";
import type {FetchRunFile} from "./run-files.js";

type ComponentsEntry = {region: string; file: string; frames: {frame: number; file: string}[]} | {region: string; unfilled: string};

/** A region's PCA with its context, or why the build made none. */
export type RegionPca = {summary: ComponentsSummary; context: ComponentsContext; unfilled?: undefined} | {unfilled: string; summary?: undefined; context?: undefined};

export interface RunComponents {
  of(region: string): Promise<RegionPca>;
  /** The scores of one frame of the region's PCA (rows x components). */
  scoresOf(region: string, frame: number): Promise<Float32Array>;
}

export function runComponents(fetchFile: FetchRunFile): RunComponents {
  let list: Promise<ComponentsEntry[]> | undefined;
  const entryOf = async (region: string) => {
    list ??= fetchFile("pixels/components.json", "the list of the build's components").then(({bytes, urlPath}) => parseJsonFile(bytes, urlPath) as ComponentsEntry[]);
    // The build lists every region with images.
    return (await list).find((e) => e.region === region) ?? {region, unfilled: "This region has no images."};
  };
  const regions = new Map<string, Promise<RegionPca>>();
  const of = (region: string): Promise<RegionPca> => {
    if (!regions.has(region)) regions.set(region, entryOf(region).then(async (entry) => {
      if ("unfilled" in entry) return {unfilled: entry.unfilled};
      const {bytes, urlPath} = await fetchFile(`pixels/${entry.file}`, `the components of ${region}`);
      return componentsSummaryFromJson(new TextDecoder().decode(bytes), urlPath);
    }));
    return regions.get(region)!;
  };
  const scoresOf = async (region: string, frame: number): Promise<Float32Array> => {
    const [entry, {summary}] = await Promise.all([entryOf(region), of(region)]);
    const file = "frames" in entry ? entry.frames.find((f) => f.frame === frame)?.file : undefined;
    if (!summary || !file) throw new RangeError(`the build made no component scores of frame ${frame} of region "${region}"`);
    const {bytes, urlPath} = await fetchFile(`pixels/${file}`, `the component scores of ${region}, frame ${frame}`);
    return componentFrameScoresFromTable(tableFromIPC(bytes), summary, frame, urlPath);
  };
  return {of, scoresOf};
}
