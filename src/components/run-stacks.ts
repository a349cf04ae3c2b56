// A run's image stacks as a page needs them: one file per (region, ion), fetched when first asked for and kept
// for the page's life, so that a page downloads only the regions and ions it draws (the build writes the files,
// gzip of Arrow IPC: bin/build-tables.ts; their layout: lib/imaging/stack-file.ts). Plain GETs of whole files,
// from any static host.
import {tableFromIPC, type Table} from "apache-arrow";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {pixelsTableOfStacks, stackFromCountsTable} from "@operando/lib/imaging/stack-file";
import {stringColumnKeys} from "@operando/lib/imaging/stack";
import {arrowFile} from "./duckdb-files.js";

/** The bytes of a gzip file, or the bytes as they came when the host already undid the gzip (Content-Encoding). */
async function gunzipped(bytes: Uint8Array): Promise<Uint8Array> {
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface StackFile {
  region: string;
  ion: string;
  file: string;
}

export interface Pair {
  region: string;
  ion: string;
}

export interface RunStacks {
  /** The ions of a region with images, in the order of the index (the build's stack order). */
  ionsOf(region: string): string[];
  /** The stacks of these (region, ion) pairs; a pair the run has no images of is an error naming it. */
  load(pairs: Pair[]): Promise<ImageStack[]>;
  /** Every stack of a region. */
  loadRegion(region: string): Promise<ImageStack[]>;
}

/**
 * `index` is the run's `pixels/index.json`. Run pages sit one level below the site root; the files are under
 * `_file/data/runs/<run>/pixels/` in the built site (scripts/site-stack-files.ts) and in the preview alike.
 */
export function runStacks(run: string, index: StackFile[]): RunStacks {
  const cache = new Map<string, Promise<ImageStack>>();
  const fetchStack = async (entry: StackFile): Promise<ImageStack> => {
    const url = new URL(`../_file/data/runs/${encodeURIComponent(run)}/pixels/${entry.file}`, location.href);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status} (the ${entry.ion} images of ${entry.region})`);
    return stackFromCountsTable(tableFromIPC(await gunzipped(new Uint8Array(await response.arrayBuffer()))), url.pathname);
  };
  const load = (pairs: Pair[]) => Promise.all(pairs.map(({region, ion}) => {
    const entry = index.find((f) => f.region === region && f.ion === ion);
    if (!entry) throw new RangeError(`this run has no ${ion} images of region "${region}"`);
    const key = `${region}\u0000${ion}`;
    if (!cache.has(key)) cache.set(key, fetchStack(entry));
    return cache.get(key)!;
  }));
  const ionsOf = (region: string) => index.filter((f) => f.region === region).map((f) => f.ion);
  return {ionsOf, load, loadRegion: (region) => load(ionsOf(region).map((ion) => ({region, ion})))};
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
