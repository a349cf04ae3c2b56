import type {Table} from "apache-arrow";
import {Bif6Error, SimsRunError} from "./errors.js";
import {emptyHeader, type SimsImage} from "./image.js";
import {imageEntries, validateManifest, type Manifest, type ManifestImageEntry} from "./manifest.js";
import {readAsciiImage} from "./read-ascii.js";
import {readTiffImages} from "./read-tiff.js";
import {RunChecker} from "./run-checks.js";
import {buildRunTables, byText} from "./run-tables.js";
import {LoaderError} from "../errors.js";
import {nanoSimsImages, sniffNanoSims, type NanoSimsImages} from "../nanosims/index.js";
import {IMZML_FILE, ibdFromBytes, ibdPathBeside, imzmlIonImages, type IbdSource, type ImzmlIonImages} from "../imzml/index.js";
import {ionWindow} from "@operando/lib/spectra/peaks";

export interface RunTables {
  frames: Table;
  images: Table;
  pixels: Table;
  manifest: Manifest;
}

const BIF6_MAGIC = [0, 0, 0x42, 0x49, 0x46, 0x36];
const NANOSIMS_FILE = /\.im$/i;

/**
 * The image of a NanoSIMS `.im` file that an entry names: its species is the entry's ion, its plane the entry's
 * frame, so that one file per region (e.g. the pattern `nanosims/{region}.im`) gives every ion and frame.
 */
function nanoSimsRunImage(file: NanoSimsImages, entry: ManifestImageEntry): SimsImage {
  const image = file.images.find((i) => i.ion === entry.ion && i.frame === entry.frame);
  if (!image) {
    throw new SimsRunError(entry.file, `has no image of species "${entry.ion}" in plane ${entry.frame} (species: ${file.species.join(", ")}; planes 0 to ${file.planes - 1})`);
  }
  const header = emptyHeader();
  header.ion = image.ion;
  header.pixels = [image.width, image.height];
  header.fieldOfViewUm = file.fieldOfViewUm;
  return {data: image.data, width: image.width, height: image.height, header};
}

/** One image of a run: TIFF by magic (one page), BIF6 refused, NanoSIMS by its file type, else an ASCII export. */
function readRunImage(bytes: Uint8Array, entry: ManifestImageEntry, expectedPixels: [number, number] | undefined): SimsImage {
  if (sniffNanoSims(bytes, entry.file)) return nanoSimsRunImage(nanoSimsImages(bytes, entry.file), entry);
  if (bytes.length >= 6 && BIF6_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new Bif6Error(entry.file, "BIF6 is recognised but not read (docs/sims-formats.md)", {byteOffset: 0});
  }
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic === "II*\u0000" || magic === "MM\u0000*") {
    // One page of the region's size: the manifest bounds what may be decoded (or the reader's default bound).
    const bound = expectedPixels
      ? {maxPixels: expectedPixels[0] * expectedPixels[1], maxPixelsSource: `the manifest's region "${entry.region}" (one page of ${expectedPixels[0]} x ${expectedPixels[1]} pixels)`}
      : {};
    const pages = readTiffImages(bytes, entry.file, bound);
    if (pages.length !== 1) throw new SimsRunError(entry.file, `has ${pages.length} pages; the manifest maps one image per file`);
    return pages[0];
  }
  return readAsciiImage(bytes, entry.file, {expectedPixels});
}

/** A file of the run opened to be read in pieces (an .ibd of hundreds of MB), closed when done. */
export type OpenRunFile = (relativePath: string) => Promise<{source: IbdSource; close: () => Promise<void>}>;

/**
 * The ion images of an imzML file of one (region, frame): each ion of the manifest with a mass window is the sum
 * of its window (`ionWindow`, the Figure S2 windows), the total-ion image the sum of each whole spectrum.
 * Its .ibd lies beside it: read in pieces through `openFile` when given, else read whole through `readFile`.
 */
async function imzmlFrameImages(
  manifest: Manifest, file: string, readFile: (path: string) => Promise<Uint8Array>, openFile: OpenRunFile | undefined
): Promise<ImzmlIonImages> {
  const windows = manifest.ions.map(ionWindow).filter((window) => window !== null);
  const ibdPath = ibdPathBeside(file);
  if (!openFile) {
    const [xml, ibd] = await Promise.all([readFile(file), readFile(ibdPath)]);
    return imzmlIonImages(xml, file, ibdFromBytes(ibd, ibdPath), windows);
  }
  const xml = await readFile(file);
  const {source, close} = await openFile(ibdPath);
  try {
    return await imzmlIonImages(xml, file, source, windows);
  } finally {
    await close();
  }
}

function imzmlRunImage(frameImages: ImzmlIonImages, entry: ManifestImageEntry): SimsImage {
  const image = entry.ion === "total" ? frameImages.totalCounts : frameImages.images.find((i) => i.ion === entry.ion);
  if (!image) throw new SimsRunError(entry.file, `has no mass window for ion "${entry.ion}": give the ion a massU or a windowU in the manifest`);
  if (image.data.some(Number.isNaN)) {
    throw new SimsRunError(entry.file, `is a sparse acquisition (${frameImages.acquiredPixels} of ${image.width * image.height} pixels): a run's frame needs every pixel`);
  }
  const header = emptyHeader();
  header.ion = entry.ion;
  header.pixels = [image.width, image.height];
  if (image.pixelSizeUm) header.fieldOfViewUm = [image.width * image.pixelSizeUm.x, image.height * image.pixelSizeUm.y];
  return {data: Float64Array.from(image.data, Math.round), width: image.width, height: image.height, header};
}

async function readBytes(readFile: (path: string) => Promise<Uint8Array>, entry: ManifestImageEntry): Promise<Uint8Array> {
  try {
    return await readFile(entry.file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SimsRunError(entry.file, `cannot read the image of ion "${entry.ion}", frame ${entry.frame}, region "${entry.region}": ${reason}`);
  }
}

/** Every problem of a run's images at once, each a LoaderError naming its file; the message is the first's. */
export class RunProblemsError extends LoaderError {
  constructor(readonly problems: readonly LoaderError[]) {
    const first = problems[0];
    super(first.format, first.file, first.problem, first.location);
    if (problems.length > 1) this.message += ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})`;
  }
}

function asLoaderError(error: unknown, entry: ManifestImageEntry): LoaderError {
  if (error instanceof LoaderError) return error;
  return new SimsRunError(entry.file, `cannot parse: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Loads a run through its manifest: validates it, reads every (region, ion, frame) image through
 * `readFile` (paths relative to the run folder), checks the images against the manifest and each
 * other, and builds the `frames`, `images` and `pixels` tables. A bad manifest throws its `ManifestError`;
 * bad images throw one `RunProblemsError` listing every image's problem. Nothing partial is returned.
 */
export async function loadRun(
  manifest: unknown,
  readFile: (relativePath: string) => Promise<Uint8Array>,
  options: {onProgress?: (message: string) => void; manifestFile?: string; openFile?: OpenRunFile} = {}
): Promise<RunTables> {
  const run = typeof manifest === "object" && manifest !== null && typeof (manifest as {run?: unknown}).run === "string"
    ? (manifest as {run: string}).run : undefined;
  const manifestFile = options.manifestFile ?? (run ? `${run}/manifest.json` : "manifest.json");
  const checkedManifest = validateManifest(manifest, manifestFile);
  const entries = [...imageEntries(checkedManifest)].sort(
    (a, b) => byText(a.region, b.region) || byText(a.ion, b.ion) || a.frame - b.frame
  );
  const pixelsOf = new Map(checkedManifest.regions.map((r) => [r.id, r.pixels]));
  const checker = new RunChecker(checkedManifest, manifestFile);
  const images = [];
  const problems: LoaderError[] = [];
  let lastReport = 0;
  // A file that holds many entries' images (imzML: every ion of a frame; NanoSIMS .im: every species and plane of
  // a region) is read and decoded once, by its first entry, not once per entry.
  const holdsManyImages = (entry: ManifestImageEntry) => IMZML_FILE.test(entry.file) || NANOSIMS_FILE.test(entry.file);
  // Read one file ahead so that reading overlaps parsing; a failed read ahead surfaces when its turn comes.
  const readAhead = (n: number) => {
    const promise = n < entries.length && !holdsManyImages(entries[n]) ? readBytes(readFile, entries[n]) : undefined;
    promise?.catch(() => undefined);
    return promise;
  };
  // Each such file decoded once, by the first entry that names it; the later ones take their image from it.
  const decodedFiles = new Map<string, Promise<unknown>>();
  const decodedOnce = <T>(file: string, decode: () => Promise<T>): Promise<T> => {
    if (!decodedFiles.has(file)) decodedFiles.set(file, decode());
    return decodedFiles.get(file)! as Promise<T>;
  };
  // An imzML file holds every ion of its frame: each entry takes its ion's window.
  const imzmlImage = (entry: ManifestImageEntry) =>
    decodedOnce(entry.file, () => imzmlFrameImages(checkedManifest, entry.file, readFile, options.openFile)).then((frameImages) => imzmlRunImage(frameImages, entry));
  const nanoSimsImage = (entry: ManifestImageEntry) =>
    decodedOnce(entry.file, () => readBytes(readFile, entry).then((bytes) => nanoSimsImages(bytes, entry.file))).then((file) => nanoSimsRunImage(file, entry));
  let next = readAhead(0);
  for (const [n, entry] of entries.entries()) {
    const current = next;
    next = readAhead(n + 1);
    try {
      const image = IMZML_FILE.test(entry.file) ? await imzmlImage(entry)
        : NANOSIMS_FILE.test(entry.file) ? await nanoSimsImage(entry)
        : readRunImage(await current!, entry, pixelsOf.get(entry.region));
      images.push(checker.accept(entry, image));
    } catch (error) {
      problems.push(asLoaderError(error, entry));
    }
    if (options.onProgress && (n + 1 === entries.length || Date.now() - lastReport > 500)) {
      lastReport = Date.now();
      options.onProgress(`${n + 1}/${entries.length} images read`);
    }
  }
  if (problems.length > 0) throw new RunProblemsError(problems);
  const frames = checker.resolveFrames();
  options.onProgress?.("building tables");
  return {...buildRunTables(checkedManifest, images, frames), manifest: checkedManifest};
}
