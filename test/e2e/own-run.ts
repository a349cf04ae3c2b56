// A run unlike the reference runs in every way the docs allow, written as a user's run folder would be: a measured
// run ("synthetic": false) of other ions (7Li+, 55Mn+, 59Co+, total) and regions ("cathode" 128 x 128 px as
// `x y counts` listings, "anode" 160 x 64 px as 16-bit TIFFs), its own ROI names in `my-rois.geojson`, no truth,
// another time zone, a real SurfaceLab spectrum export, and a real BioLogic GCPL `.mpr` of the shared fixtures as its potentiostat file, with the
// frames placed inside that record; one frame's drift given by hand, and one total-ion frame the registration cannot match. Images are seeded Poisson draws of round particles whose brightness follows
// the current's sign, so that segmentation and trends have something to find.
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {writeAsciiImage} from "@operando/loaders/sims/write-ascii";
import {createRandom} from "@operando/lib/model/random";
import {encodeTiff} from "../sims/tiff-encoder.js";
import {SHARED_FIXTURES} from "../shared-fixtures.js";
import {localIso} from "./local-iso.js";

export const OWN_RUN = "own-cell";
const TIME_ZONE = "America/New_York";
const POTENTIOSTAT = `${SHARED_FIXTURES}potentiostat/biologic/gcpl.issue_149.mpr`;
// A real SurfaceLab spectrum export, as the run's spectrometry-mode spectrum (Figure S2).
const SPECTRUM = `${SHARED_FIXTURES}sims/spectrum/surfacelab_spectrum_N_HEA19_Bi1.txt`;

const regions = [
  {id: "cathode", label: "Cathode composite (LMO)", pixels: [128, 128] as const, fieldOfViewUm: [50, 50] as const, ions: ["7Li+", "55Mn+", "total"], format: "listing"},
  {id: "anode", label: "Anode", pixels: [160, 64] as const, fieldOfViewUm: [100, 40] as const, ions: ["7Li+", "59Co+", "total"], format: "tiff"}
];

function particleImage(width: number, height: number, brightness: number, ionScale: number, random: ReturnType<typeof createRandom>): number[] {
  const particles = [[0.3, 0.35, 0.12], [0.7, 0.4, 0.1], [0.45, 0.75, 0.14], [0.8, 0.8, 0.08]];
  const data: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let mean = 2 * ionScale;
      particles.forEach(([cx, cy, r], k) => {
        const d = Math.hypot(x / width - cx!, (y / height - cy!) * (height / width));
        if (d < r!) mean += ionScale * (20 + (k === 1 ? 0 : 8 * brightness));
      });
      data.push(random.poisson(mean));
    }
  }
  return data;
}

/** Writes the run folder `<dataDir>/own-cell/` and returns it. */
export function writeOwnRun(dataDir: string): string {
  const folder = join(dataDir, OWN_RUN);
  const write = (path: string, contents: string | Uint8Array) => {
    mkdirSync(dirname(join(folder, path)), {recursive: true});
    writeFileSync(join(folder, path), contents);
  };
  mkdirSync(join(folder, "echem"), {recursive: true});
  copyFileSync(POTENTIOSTAT, join(folder, "echem", "gcpl.mpr"));
  mkdirSync(join(folder, "sims"), {recursive: true});
  copyFileSync(SPECTRUM, join(folder, "sims", "spectrum.txt"));
  const cycling = parseCyclingFile(new Uint8Array(readFileSync(POTENTIOSTAT)), POTENTIOSTAT, {timeZone: TIME_ZONE});
  const times = cycling.getChild("unix_time_second")!.toArray() as Float64Array;
  const currents = cycling.getChild("current_ampere")!.toArray() as Float64Array;
  const [first, last] = [times[0]!, times[times.length - 1]!];

  const frameCount = 6;
  const spacingS = (last - first) / (frameCount + 1);
  const frameTimes = Array.from({length: frameCount}, (_, k) => ({start: first + spacingS * (k + 0.5), end: first + spacingS * (k + 0.5) + spacingS * 0.4}));
  // Net charge so far at each frame's middle, as the brightness of the particles (lithium leaves on charge).
  const chargeAt = (unixS: number) => {
    let charge = 0;
    for (let i = 1; i < times.length && times[i]! <= unixS; i++) charge += currents[i]! * (times[i]! - times[i - 1]!);
    return charge;
  };
  const charges = frameTimes.map((t) => chargeAt((t.start + t.end) / 2));
  const maxCharge = Math.max(...charges.map(Math.abs), 1e-12);

  const random = createRandom(20261201);
  const images: {region: string; ion: string; frame: number; file: string}[] = [];
  for (const region of regions) {
    const [width, height] = region.pixels;
    frameTimes.forEach((_, frame) => {
      const brightness = charges[frame]! / maxCharge;
      const perIon = new Map(region.ions.filter((ion) => ion !== "total").map((ion, k) => [ion, particleImage(width, height, ion === "7Li+" ? -brightness : brightness, 1 + k, random)]));
      perIon.set("total", Array.from({length: width * height}, (_, i) => [...perIon.values()].reduce((sum, data) => sum + data[i]!, 0) + random.poisson(5)));
      // The anode's last total-ion frame holds no particles (a frame the registration cannot match: unsure of its drift).
      if (region.id === "anode" && frame === frameCount - 1) perIon.set("total", Array.from({length: width * height}, () => random.poisson(40)));
      for (const [ion, data] of perIon) {
        const stem = `sims/${region.id}/frame-${frame + 1}/${ion.replace("+", "p")}`;
        if (region.format === "tiff") {
          images.push({region: region.id, ion, frame, file: `${stem}.tif`});
          write(`${stem}.tif`, encodeTiff([{data, width, height}], {kind: "uint16"}));
        } else {
          images.push({region: region.id, ion, frame, file: `${stem}.txt`});
          write(`${stem}.txt`, writeAsciiImage({data, width, height}, {ion, region: region.id, fieldOfViewUm: [...region.fieldOfViewUm]}, {layout: "listing", separator: " "}));
        }
      }
    });
  }

  const rectangle = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
  const rois = {
    type: "FeatureCollection",
    features: [
      {type: "Feature", properties: {name: "grain A", region: "cathode"}, geometry: {type: "Polygon", coordinates: rectangle(11, 13, 19, 21)}},
      {type: "Feature", properties: {name: "grain B", region: "cathode"}, geometry: {type: "Polygon", coordinates: rectangle(30, 16, 40, 24)}},
      {type: "Feature", properties: {name: "bulk", region: "anode"}, geometry: {type: "Polygon", coordinates: rectangle(20, 5, 80, 35)}}
    ]
  };
  write("my-rois.geojson", JSON.stringify(rois, null, 2));

  const manifest = {
    schema: "operando-notebook/manifest@1",
    run: OWN_RUN,
    title: "LMO | LPSCl | Li-In, cell 7",
    synthetic: false,
    sample: "LMO | LPSCl | Li-In, cell 7 <measured>",
    timeZone: TIME_ZONE,
    potentiostat: {file: "echem/gcpl.mpr", timeZone: TIME_ZONE, clockOffsetS: 12, clockOffsetUncertaintyS: 30},
    rois: "my-rois.geojson",
    // 8 shots per pixel in each of 50 scans.
    detector: {pulsesPerPixel: 400},
    spectrum: "sims/spectrum.txt",
    // One drift given by hand (the cathode did not move in frame 2).
    registration: {manualDriftPx: [{region: "cathode", frame: 2, driftPx: [0, 0], sdPx: 0.05}]},
    regions: regions.map((r) => ({id: r.id, label: r.label, fieldOfViewUm: [...r.fieldOfViewUm], pixels: [...r.pixels]})),
    ions: [
      {id: "7Li+", massU: 7.016, regions: ["cathode", "anode"]},
      {id: "55Mn+", massU: 54.938, regions: ["cathode"]},
      {id: "59Co+", massU: 58.933, regions: ["anode"]},
      {id: "total", regions: ["cathode", "anode"]}
    ],
    frames: regions.flatMap((r) => frameTimes.map((t, index) => ({index, region: r.id, start: localIso(t.start, TIME_ZONE), end: localIso(t.end, TIME_ZONE)}))),
    images
  };
  write("manifest.json", JSON.stringify(manifest, null, 2));
  return folder;
}
