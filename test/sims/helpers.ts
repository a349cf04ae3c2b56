import {seededRandom} from "../seeded-random.js";
import {writeAsciiImage, type AsciiImageHeader, type AsciiWriteOptions} from "@operando/loaders/sims/write-ascii";

/** An image whose every pixel differs from its transpose's, so an x/y swap cannot go unnoticed. */
export function knownImage(width: number, height: number, maxCounts = 1000, seed = 1) {
  const random = seededRandom(seed);
  const data = new Uint32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(random() * (maxCounts + 1));
  return {data, width, height};
}

export const encode = (text: string) => new TextEncoder().encode(text);

export interface RunFixture {
  manifest: Record<string, unknown> & {regions: {id: string}[]; frames: Record<string, unknown>[]};
  files: Map<string, Uint8Array>;
  readFile: (path: string) => Promise<Uint8Array>;
}

const FRAME_START = Date.UTC(2025, 5, 2, 0, 0, 0); // 09:00 in Asia/Tokyo

function localTime(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * A small run written with the writer: two regions of different, non-square sizes, ions in one or both,
 * frames 30 min apart. `mutate` may change the manifest or any file before the run is handed out.
 */
export function makeRun(options: {frames?: number; writeOptions?: AsciiWriteOptions; headerTimes?: boolean} = {}): RunFixture {
  const frameCount = options.frames ?? 3;
  const regions = [
    {id: "positive", label: "Positive", fieldOfViewUm: [80, 30], pixels: [16, 6]},
    {id: "negative", label: "Negative", fieldOfViewUm: [40, 30], pixels: [8, 6]}
  ];
  const ions = [
    {id: "6Li+", massU: 6.015, regions: ["positive", "negative"]},
    {id: "58Ni+", massU: 57.935, regions: ["positive"]},
    {id: "total", regions: ["positive", "negative"]}
  ];
  const frames: Record<string, unknown>[] = [];
  const files = new Map<string, Uint8Array>();
  let seed = 10;
  for (const region of regions) {
    for (let f = 0; f < frameCount; f++) {
      const startMs = FRAME_START + f * 1800_000 + (region.id === "negative" ? 900_000 : 0);
      const start = localTime(startMs);
      const end = localTime(startMs + 600_000);
      frames.push({index: f, region: region.id, start, end, doseIonsPerCm2: 1e12 * (f + 1), ...(f === 0 ? {label: "pristine"} : {})});
      for (const ion of ions.filter((i) => i.regions.includes(region.id))) {
        const image = knownImage(region.pixels[0], region.pixels[1], 300, seed++);
        const header: AsciiImageHeader = {
          sample: "NCA | LLTO-Li2OHCl | LTO, sample 1", region: region.id, ion: ion.id, massU: ion.massU,
          fieldOfViewUm: region.fieldOfViewUm as [number, number], scans: 50,
          totalCounts: image.data.reduce((a, b) => a + b, 0), doseIonsPerCm2: 1e12 * (f + 1),
          ...(options.headerTimes === false ? {} : {acquisitionStart: start, acquisitionEnd: end})
        };
        const path = `sims/${region.id}/f${String(f).padStart(2, "0")}/${ion.id}.txt`;
        files.set(path, encode(writeAsciiImage(image, header, options.writeOptions)));
      }
    }
  }
  const manifest = {
    schema: "operando-notebook/manifest@1", run: "test-run", title: "Test run", synthetic: true,
    sample: "NCA | LLTO-Li2OHCl | LTO, sample 1", timeZone: "Asia/Tokyo",
    potentiostat: {file: "echem/cycling.mpt", timeZone: "Asia/Tokyo"},
    regions, ions, frames, images: {pattern: "sims/{region}/f{frame}/{ion}.txt"}
  };
  const readFile = async (path: string) => {
    const bytes = files.get(path);
    if (!bytes) throw new Error(`ENOENT: no such file ${path}`);
    return bytes;
  };
  return {manifest, files, readFile};
}

