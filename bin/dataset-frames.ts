// The image files of one (observation point, region) of a synthetic run (bin/make-dataset.ts): the same on the
// command's thread or on a worker thread (bin/dataset-threads.ts), since every image's counts come from a random
// stream keyed by its region, frame and ion.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {IONS, type RegionId} from "../lib/model/chemistry.js";
import {MEASUREMENT, frameState, renderFrame, type Experiment, type ExperimentOptions} from "../lib/model/experiment.js";
import {createRandom, deriveSeed} from "../lib/model/random.js";
import {imagePath, localIso, sampleName, type ImageTotal} from "../lib/model/run-files.js";
import {writeAsciiImage} from "../loaders/sims/write-ascii.js";
import {ibdPathBeside} from "../loaders/imzml/index.js";
import {imzmlExport, imzmlPath} from "./imzml-export.js";

/** Wall-clock start of the potentiostat's acquisition (Asia/Tokyo), per sample. */
export const ACQUISITION_START_LOCAL_MS: Record<1 | 2, number> = {1: Date.UTC(2025, 5, 2, 10, 15, 32, 418), 2: Date.UTC(2025, 6, 14, 13, 40, 5, 127)};

const localText = (localMs: number) => localIso(localMs).replace("T", " ");

/** What the run's files are written with: the folder, the model's options and which optional files to write. */
export interface DatasetTarget {
  folder: string;
  options: ExperimentOptions;
  expected: boolean;
  imzml: boolean;
}

export interface FrameTask {
  point: number;
  region: RegionId;
}

export interface FrameWritten {
  totals: ImageTotal[];
  /** The expected (noise-free) counts of each image, in the order written, when the target asks for them. */
  expected: {ion: string; values: Float32Array}[];
}

export function writeFileIn(folder: string, path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(folder, path)), {recursive: true});
  writeFileSync(join(folder, path), content);
}

export function writeFrameImages(experiment: Experiment, target: DatasetTarget, {point: index, region}: FrameTask): FrameWritten {
  const {options, folder} = target;
  const point = experiment.points[index];
  const acquisitionMs = ACQUISITION_START_LOCAL_MS[options.sample];
  const written: FrameWritten = {totals: [], expected: []};
  const frameImages: {ion: string; counts: ArrayLike<number>}[] = [];
  for (const image of renderFrame(experiment, region, index, frameState(experiment, index))) {
    frameImages.push({ion: image.ion, counts: image.counts});
    const spec = IONS[region].find((i) => i.id === image.ion);
    const text = writeAsciiImage({data: image.counts, width: options.width, height: options.height}, {
      sample: sampleName(options.sample), region, ion: image.ion, massU: spec?.massU, fieldOfViewUm: MEASUREMENT.fieldOfViewUm,
      scans: MEASUREMENT.scans, totalCounts: image.totalCounts,
      acquisitionStart: localText(acquisitionMs + point.startS * 1000), acquisitionEnd: localText(acquisitionMs + point.endS * 1000),
      doseIonsPerCm2: MEASUREMENT.doseIonsPerCm2
    });
    writeFileIn(folder, imagePath(region, index, image.ion), text);
    let expectedTotal = 0;
    for (let p = 0; p < image.expected.length; p++) expectedTotal += image.expected[p];
    written.totals.push({region, ion: image.ion, frame: index, totalCounts: image.totalCounts, expectedTotal: Math.round(expectedTotal * 1000) / 1000});
    if (target.expected) written.expected.push({ion: image.ion, values: image.expected});
  }
  if (target.imzml) {
    // The file's UUID from the run's seed, so that the same options give the same bytes.
    const random = createRandom(deriveSeed(options.seed, "imzml uuid", options.sample, region, index));
    const uuid = Array.from({length: 4}, () => random.nextUint32().toString(16).padStart(8, "0")).join("");
    const {imzml, ibd} = imzmlExport(frameImages, {width: options.width, height: options.height, fieldOfViewUm: MEASUREMENT.fieldOfViewUm}, uuid);
    writeFileIn(folder, imzmlPath(region, index), imzml);
    writeFileIn(folder, ibdPathBeside(imzmlPath(region, index)), ibd);
  }
  return written;
}
