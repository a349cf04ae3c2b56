// A run of real SIMS images: the two Cameca NanoSIMS files of the shared fixtures, one per region (their planes
// the frames, their species the ions), placed on a real BioLogic cycling record of the shared fixtures. They are
// not images of a battery, and the run says so on every page.
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {nanoSimsImages} from "@operando/loaders/nanosims/index";
import {SHARED_FIXTURES} from "../shared-fixtures.js";
import {localIso} from "./local-iso.js";

export const NANOSIMS_RUN = "nanosims-real";
const TIME_ZONE = "Europe/Zurich";
const POTENTIOSTAT = `${SHARED_FIXTURES}potentiostat/biologic/gcpl.issue_149.mpr`;
const FILES = [
  {region: "sun", file: `${SHARED_FIXTURES}nanosims/image sun.im`},
  {region: "openmims", file: `${SHARED_FIXTURES}nanosims/OpenMIMS_doc_051117_05-32dRe-03b.im`}
];

export function writeNanoSimsRun(dataDir: string): string {
  const folder = join(dataDir, NANOSIMS_RUN);
  mkdirSync(join(folder, "nanosims"), {recursive: true});
  mkdirSync(join(folder, "echem"), {recursive: true});
  copyFileSync(POTENTIOSTAT, join(folder, "echem", "gcpl.mpr"));
  const cycling = parseCyclingFile(new Uint8Array(readFileSync(POTENTIOSTAT)), POTENTIOSTAT, {timeZone: TIME_ZONE});
  const times = cycling.getChild("unix_time_second")!.toArray() as Float64Array;
  const [first, last] = [times[0]!, times[times.length - 1]!];
  const regions = FILES.map(({region, file}) => {
    copyFileSync(file, join(folder, "nanosims", `${region}.im`));
    const images = nanoSimsImages(new Uint8Array(readFileSync(file)), file);
    return {region, ...images};
  });
  const species = [...new Set(regions.flatMap((r) => r.species))];
  // The files' own times are one start to the minute for all planes: the frames' times are the run's, spread over the record.
  const frames = regions.flatMap((r) => Array.from({length: r.planes}, (_, index) => {
    const start = first + ((last - first) * (index + 0.2)) / (r.planes + 0.5);
    return {index, region: r.region, start: localIso(start, TIME_ZONE), end: localIso(start + 60, TIME_ZONE)};
  }));
  const manifest = {
    schema: "operando-notebook/manifest@1",
    run: NANOSIMS_RUN,
    title: "Cameca NanoSIMS example images",
    synthetic: false,
    sample: "zanpeeters/sims test files",
    notice: "These frames are real NanoSIMS measurements (the reference readers' test files), not images of a battery: the cycling record beside them is a real BioLogic file of another experiment, used to place the frames.",
    timeZone: TIME_ZONE,
    potentiostat: {file: "echem/gcpl.mpr", timeZone: TIME_ZONE},
    regions: regions.map((r) => ({id: r.region, label: `NanoSIMS ${r.region}`, fieldOfViewUm: r.fieldOfViewUm, pixels: [r.images[0]!.width, r.images[0]!.height]})),
    ions: species.map((id) => ({id, regions: regions.filter((r) => r.species.includes(id)).map((r) => r.region)})),
    frames,
    images: {pattern: "nanosims/{region}.im"},
    // Particles segmented on a species of the user's choice.
    figures: {particles: regions.map((r) => ({region: r.region, markerIon: "12C 14N"}))}
  };
  writeFileSync(join(folder, "manifest.json"), JSON.stringify(manifest, null, 2));
  return folder;
}
