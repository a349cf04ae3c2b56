// A run whose manifest names one Cameca NanoSIMS .im file per region (pattern nanosims/{region}.im): its planes are
// the frames, its species the ions, the frames' times the manifest's; read without a build or a browser.
import {describe, expect, it} from "vitest";
import {loadRun, RunProblemsError} from "@operando/loaders/sims/run";
import {REFERENCE, readFixture} from "./fixtures.js";

const [openmims, sun] = REFERENCE;
const FILES = new Map([["nanosims/sun.im", readFixture(sun.file)], ["nanosims/openmims.im", readFixture(openmims.file)]]);

function manifestOf(ions: {id: string; regions: string[]}[] = [...new Set([...sun.species, ...openmims.species])].map((id) => ({
  id, regions: [sun.species.includes(id) ? "sun" : null, openmims.species.includes(id) ? "openmims" : null].filter((r) => r !== null)
}))) {
  return {
    schema: "operando-notebook/manifest@1",
    run: "nanosims-unit",
    title: "NanoSIMS fixtures",
    synthetic: false,
    timeZone: "UTC",
    regions: [{id: "sun", fieldOfViewUm: [7.011, 7.011], pixels: [256, 256]}, {id: "openmims"}],
    ions,
    frames: [
      {index: 0, region: "sun", start: "2024-01-10T10:00:00", end: "2024-01-10T10:01:00"},
      {index: 1, region: "sun", start: "2024-01-10T11:00:00", end: "2024-01-10T11:01:00"},
      {index: 0, region: "openmims", start: "2024-01-10T10:30:00", end: "2024-01-10T10:31:00"}
    ],
    images: {pattern: "nanosims/{region}.im"}
  };
}

describe("a run of the two real NanoSIMS files, one per region", () => {
  it("has every species of each plane with the reference totals, the real field of view and the manifest's frame times", async () => {
    const reads: string[] = [];
    const tables = await loadRun(manifestOf(), async (path) => {
      reads.push(path);
      const bytes = FILES.get(path);
      if (!bytes) throw new Error(`no file ${path}`);
      return bytes;
    });
    const rows = tables.images.toArray().map((r) => r.toJSON());
    expect(rows).toHaveLength(2 * sun.species.length + openmims.species.length);
    for (const ref of [sun, openmims]) {
      const region = ref === sun ? "sun" : "openmims";
      for (const [ion, perPlane] of Object.entries(ref.totals)) {
        perPlane.forEach((total, frame) => {
          const row = rows.find((r) => r.region === region && r.ion === ion && r.frame === frame);
          expect(Number(row?.total_counts), `${region} ${ion} plane ${frame}`).toBe(total);
          expect(row!.pixel_width_um * 256).toBeCloseTo(ref.fieldOfViewUm, 2);
        });
      }
    }
    // Each file is read once, not once per (species, plane).
    expect(reads.sort()).toEqual(["nanosims/openmims.im", "nanosims/sun.im"]);
    const frames = tables.frames.toArray().map((r) => r.toJSON());
    const sun1 = frames.find((f) => f.region === "sun" && f.frame === 1);
    // The file's own time (one start, to the minute, for all planes) is not used: plane 1 starts when the manifest says.
    expect([sun1?.start_unix_s, sun1?.end_unix_s]).toEqual([Date.UTC(2024, 0, 10, 11) / 1000, Date.UTC(2024, 0, 10, 11, 1) / 1000]);
  });

  it("names the species a file lacks, with the species it has", async () => {
    const manifest = manifestOf([{id: "12C", regions: ["sun", "openmims"]}, {id: "13C", regions: ["sun"]}]);
    const error = await loadRun(manifest, async (path) => FILES.get(path)!).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RunProblemsError);
    const problems = (error as RunProblemsError).problems.map((p) => p.message);
    expect(problems).toContain(`nanosims/sun.im: sims-run: has no image of species "13C" in plane 0 (species: ${sun.species.join(", ")}; planes 0 to 1)`);
  });

  it("refuses a cut .im file with the reader's error, naming the byte where it ends", async () => {
    const cut = FILES.get("nanosims/sun.im")!.subarray(0, 100_000);
    const error = await loadRun(manifestOf(), async (path) => (path === "nanosims/sun.im" ? cut : FILES.get(path)!)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RunProblemsError);
    expect((error as RunProblemsError).problems[0].message).toMatch(/^nanosims\/sun\.im: nanosims: the file ends at byte 100000, inside the image of plane 1, species 12C/);
  });
});
