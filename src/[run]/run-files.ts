// The files of the run whose page imports this module (src/data/runs/<run>/, written by bin/build-tables.ts;
// docs/data-model.md), each fetched when a page first asks for it and then kept, so that a page downloads only
// the files it uses. Framework puts the page's run into `observable.params.run` here as on the page itself.
import {FileAttachment} from "observablehq:stdlib";
import type {Table} from "apache-arrow";
import {analyseRun, type ManifestSummary, type RunAnalysis} from "@operando/lib/run/analysis";
import type {SavedRegionDrift} from "@operando/lib/imaging/drift";
import type {FigureRoles} from "@operando/lib/run/figure-roles";
import {arrowTable} from "../components/arrow-file.js";
import {runStacks, type RunStacks, type StackFile} from "../components/run-stacks.js";

/** The run's name: the folder under data/ it was built from, and the page's URL path. */
export const run: string = observable.params.run;

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export const manifest = once((): Promise<ManifestSummary & Record<string, any>> => FileAttachment(`../data/runs/${observable.params.run}/manifest.json`).json());
/** Which regions, ions and ROIs each figure shows (lib/run/run-roles.ts). */
export const roles = once((): Promise<FigureRoles> => FileAttachment(`../data/runs/${observable.params.run}/roles.json`).json());
/** The ROIs as GeoJSON in µm (an empty collection when the run has no ROI file). */
export const rois = once((): Promise<unknown> => FileAttachment(`../data/runs/${observable.params.run}/rois.geojson`).json());
/** The build's registration of every region (lib/imaging/drift-file.ts). */
export const drift = once((): Promise<SavedRegionDrift[]> => FileAttachment(`../data/runs/${observable.params.run}/drift.json`).json());
/** The synthetic run's ground truth (docs/data-model.md), null for a run that has none. */
export const truth = once((): Promise<any> => FileAttachment(`../data/runs/${observable.params.run}/truth.json`).json());
export const cycling = once((): Promise<Table> => arrowTable(FileAttachment(`../data/runs/${observable.params.run}/cycling.arrow`)));
export const frames = once((): Promise<Table> => arrowTable(FileAttachment(`../data/runs/${observable.params.run}/frames.arrow`)));
/** One row per (region, ion) image series: its size, pixel size and totals (no pixels). */
export const images = once((): Promise<Table> => arrowTable(FileAttachment(`../data/runs/${observable.params.run}/images.arrow`)));
/** The build's ROI trends: the rows `npm run roi` writes (lib/roi/trend-table.ts). */
export const roiTrends = once((): Promise<Table> => arrowTable(FileAttachment(`../data/runs/${observable.params.run}/roi-trends.arrow`)));
/** The build's particle trends (lib/run/particle-trend-file.ts). */
export const particleTrends = once((): Promise<Table> => arrowTable(FileAttachment(`../data/runs/${observable.params.run}/particle-trends.arrow`)));
/** Each stack's counts over all its frames, binned (lib/imaging/count-histogram.ts). */
export const countHistograms = once((): Promise<any[]> => FileAttachment(`../data/runs/${observable.params.run}/count-histograms.json`).json());
export const spectrum = once((): Promise<Table> => arrowTable(FileAttachment(`../data/runs/${observable.params.run}/spectrum.arrow`)));

/** The run's image stacks, one file per frame of each (region, ion), fetched as a page asks for them. */
export const stackFiles = once(async (): Promise<RunStacks> => runStacks(run, (await FileAttachment(`../data/runs/${observable.params.run}/pixels/index.json`).json()) as StackFile[]));

/** The run's frames on its cycling record, its ROIs and the build's drifts, with no images yet (lib/run/analysis.ts). */
export const timeline = once(async (): Promise<RunAnalysis> => {
  const [manifestJson, cyclingTable, framesTable, roiJson, driftJson] = await Promise.all([manifest(), cycling(), frames(), rois(), drift()]);
  return analyseRun({manifest: manifestJson, stacks: [], cycling: cyclingTable, frames: framesTable, rois: roiJson, drift: driftJson});
});
