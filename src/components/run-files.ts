// The files of one run as its pages read them (src/data/runs/<run>/, written by bin/build-tables.ts;
// docs/data-model.md): each is fetched when a page first asks for it and then kept for the page's life, so that a
// page downloads only the files it uses, and as the gzip copy the build writes beside it (`<file>.gz`). Run pages
// sit one level below the site root; the files are under `_file/data/runs/<run>/` in the built site
// (scripts/site-run-files.ts) and in the preview alike. Plain GETs of whole files, from any static host.
import {tableFromIPC, type Table} from "apache-arrow";
import {analyseRun, type ManifestSummary, type RunAnalysis} from "@operando/lib/run/analysis";
import type {SavedRegionDrift} from "@operando/lib/imaging/drift";
import type {FigureRoles} from "@operando/lib/run/figure-roles";
import {observationsFromJson} from "@operando/lib/run/observations-file";
import type {CurvePoint} from "@operando/lib/echem/curve";
import {curveFromTable} from "@operando/lib/echem/curve-table";
import type {TruthParticle} from "@operando/lib/run/particle-truth";
import {parseJsonFile} from "./json-file.js";
import {runComponents} from "./run-components.js";
import {runStacks, type RunStacks, type StackFile} from "./run-stacks.js";
import type {StackHistogram} from "@operando/lib/run/supporting-series";

/** The bytes of a gzip file, or the bytes as they came when the host already undid the gzip (Content-Encoding). */
async function gunzipped(bytes: Uint8Array): Promise<Uint8Array> {
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A file of the run, by its path in the run's folder: its bytes (un-gzipped) and the URL path it came from. */
export type FetchRunFile = (path: string, what: string) => Promise<{bytes: Uint8Array; urlPath: string}>;

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export function runFiles(run: string) {
  const fetchFile: FetchRunFile = async (path, what) => {
    const url = new URL(`../_file/data/runs/${encodeURIComponent(run)}/${path}${path.endsWith(".gz") ? "" : ".gz"}`, location.href);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status} (${what})`);
    return {bytes: await gunzipped(new Uint8Array(await response.arrayBuffer())), urlPath: url.pathname};
  };
  const textFile = <T>(path: string, what: string, read: (text: string, urlPath: string) => T) => once(async (): Promise<T> => {
    const {bytes, urlPath} = await fetchFile(path, what);
    return read(new TextDecoder().decode(bytes), urlPath);
  });
  const json = <T>(path: string, what: string) => once(async (): Promise<T> => {
    const {bytes, urlPath} = await fetchFile(path, what);
    return parseJsonFile(bytes, urlPath) as T;
  });
  const arrow = (path: string, what: string) => once(async (): Promise<Table> => tableFromIPC((await fetchFile(path, what)).bytes));
  const manifest = json<ManifestSummary & Record<string, any>>("manifest.json", "the run's manifest");
  const observations = textFile("observations.json", "the observation points", observationsFromJson);
  const rois = json<unknown>("rois.geojson", "the ROIs");
  const drift = json<SavedRegionDrift[]>("drift.json", "the build's registration");
  const curves = new Map<number, () => Promise<CurvePoint[]>>();
  return {
    run,
    manifest,
    /** Which regions, ions and ROIs each figure shows (lib/run/figure-roles.ts). */
    roles: json<FigureRoles>("roles.json", "the figures' roles"),
    /** The ROIs as GeoJSON in µm (an empty collection when the run has no ROI file). */
    rois,
    drift,
    /** The synthetic run's ground truth, null for a run that has none. */
    truth: json<{particles: TruthParticle[]} | null>("truth.json", "the ground truth"),
    /** The potentiostat's record (docs/data-model.md); the pages that draw the curve fetch it. */
    cycling: arrow("cycling.arrow", "the cycling table"),
    /** One cycle's charge–discharge curve (lib/echem/curve-table.ts), for a page that draws that cycle only. */
    curveOfCycle: (cycle: number) => {
      if (!curves.has(cycle)) {
        const table = arrow(`curve-${cycle}.arrow`, `the curve of cycle ${cycle}`);
        curves.set(cycle, once(async () => curveFromTable(await table(), `curve-${cycle}.arrow`)));
      }
      return curves.get(cycle)!();
    },
    frames: arrow("frames.arrow", "the frames table"),
    /** Every (region, frame) on the cycling record (lib/run/observations-file.ts). */
    observations,
    /** One row per (region, ion) image series: its size, pixel size and totals (no pixels). */
    images: arrow("images.arrow", "the images table"),
    /** The build's ROI trends: the rows `npm run roi` writes (lib/roi/trend-table.ts). */
    roiTrends: arrow("roi-trends.arrow", "the ROI trends"),
    particleTrends: arrow("particle-trends.arrow", "the particle trends"),
    /** Each stack's counts over all its frames, binned (lib/imaging/count-histogram.ts). */
    countHistograms: json<StackHistogram[]>("count-histograms.json", "the count histograms"),
    spectrum: arrow("spectrum.arrow", "the mass spectrum"),
    /** The run's image stacks, one file per frame of each (region, ion), fetched as a page asks for them. */
    stackFiles: once(async (): Promise<RunStacks> => runStacks(await json<StackFile[]>("pixels/index.json", "the list of the stack files")(), fetchFile)),
    /** The build's PCA of each region, with the timeline its page draws around it (./run-components.ts). */
    components: runComponents(fetchFile),
    /** The run's frames on its cycling record, its ROIs and the build's drifts, with no images yet (lib/run/analysis.ts). */
    timeline: once(async (): Promise<RunAnalysis> => {
      const [manifestJson, observationPoints, roiJson, driftJson] = await Promise.all([manifest(), observations(), rois(), drift()]);
      return analyseRun({manifest: manifestJson, stacks: [], observations: observationPoints, rois: roiJson, drift: driftJson});
    })
  };
}
