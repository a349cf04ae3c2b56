/** A small synthetic run as the loaders' Arrow tables (images, pixels), with known drift and counts. */
import {tableFromArrays, type Table} from "apache-arrow";
import {poissonImage, randomBlobs, renderBlobs} from "../imaging/synthetic.js";
import {seededRandom} from "../seeded-random.js";

export interface SyntheticRun {
  images: Table;
  pixels: Table;
  /** counts[region][ion][frame] as row-major images */
  counts: Map<string, Uint16Array>;
  driftPx: [number, number][];
  width: number;
  height: number;
  pixelUm: number;
}

export const key = (region: string, ion: string, frame: number): string => `${region}/${ion}/${frame}`;

/** Frames 0..n-1 drift by `driftPx`; the last frame of every image has no counts when `emptyLastFrame`. */
export function syntheticRun(options: {seed: number; width: number; height: number; driftPx: [number, number][]; emptyLastFrame?: boolean}): SyntheticRun {
  const {seed, width, height, driftPx} = options;
  const random = seededRandom(seed);
  const pixelUm = 0.5;
  const regions = ["positive", "negative"];
  const ions = ["58Ni+", "total"];
  const counts = new Map<string, Uint16Array>();
  const images = {run: [] as string[], region: [] as string[], region_id: [] as number[], ion: [] as string[], frame: [] as number[],
    width: [] as number[], height: [] as number[], pixel_width_um: [] as number[], pixel_height_um: [] as number[]};
  // The loader's layout (docs/data-model.md): one row per pixel of every (region, frame), one column per ion.
  const rows = regions.length * driftPx.length * width * height;
  const pixelColumns: Record<string, Uint8Array | Int32Array | Uint32Array | Uint16Array> = {region_id: new Uint8Array(rows),
    frame: new Int32Array(rows), y: new Int32Array(rows), x: new Int32Array(rows), line: new Uint32Array(rows)};
  for (const ion of ions) pixelColumns[ion] = new Uint16Array(rows);
  for (const [regionId, region] of regions.entries()) {
    const blobs = randomBlobs(25, width, height, random);
    for (const [ionIndex, ion] of ions.entries()) {
      driftPx.forEach((drift, frame) => {
        const expected = renderBlobs(blobs, width, height, 1 + ionIndex * 3, drift).map((v) => v * (1 + ionIndex));
        const image = options.emptyLastFrame && frame === driftPx.length - 1 ? new Uint16Array(width * height) : poissonImage(expected, random);
        counts.set(key(region, ion, frame), image);
        images.run.push("synthetic"); images.region.push(region); images.region_id.push(regionId); images.ion.push(ion); images.frame.push(frame);
        images.width.push(width); images.height.push(height); images.pixel_width_um.push(pixelUm); images.pixel_height_um.push(pixelUm);
        let row = (regionId * driftPx.length + frame) * width * height;
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++, row++) {
            pixelColumns.region_id[row] = regionId; pixelColumns.frame[row] = frame; pixelColumns.y[row] = y; pixelColumns.x[row] = x;
            pixelColumns.line[row] = frame * height + y; pixelColumns[ion][row] = image[y * width + x];
          }
        }
      });
    }
  }
  return {
    images: tableFromArrays({...images, region_id: Uint8Array.from(images.region_id), frame: Int32Array.from(images.frame), width: Int32Array.from(images.width),
      height: Int32Array.from(images.height), pixel_width_um: Float64Array.from(images.pixel_width_um),
      pixel_height_um: Float64Array.from(images.pixel_height_um)}),
    pixels: tableFromArrays(pixelColumns),
    counts, driftPx, width, height, pixelUm
  };
}
