import {describe, expect, it} from "vitest";
import {validateManifest, imageEntries, type Manifest} from "@operando/loaders/sims/manifest";
import {ManifestError} from "@operando/loaders/sims/errors";
import {toUnixSeconds} from "@operando/loaders/sims/local-time";
import {makeRun} from "./helpers.js";

function problemsOf(manifest: unknown): {jsonPath: string; message: string}[] {
  try {
    validateManifest(manifest);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return [...(error as ManifestError).problems];
  }
  return [];
}

const clone = () => structuredClone(makeRun().manifest) as unknown as Manifest & Record<string, unknown>;

describe("manifest validation", () => {
  it("accepts the test run's manifest and expands its image pattern", () => {
    const manifest = validateManifest(clone());
    const entries = imageEntries(manifest);
    expect(entries).toHaveLength(15);
    expect(entries[0]).toEqual({region: "positive", ion: "6Li+", frame: 0, file: "sims/positive/f00/6Li+.txt"});
    expect(entries.filter((e) => e.region === "negative").map((e) => e.ion)).not.toContain("58Ni+");
  });

  it("reports every schema problem at once, each with its JSON path", () => {
    const m = clone();
    m.run = "Test Run";
    (m.regions[0] as unknown as Record<string, unknown>).fieldOfViewUm = [80];
    (m.regions[1] as unknown as Record<string, unknown>).fieldOfViewUM = [80, 30];
    (m.frames[2] as unknown as Record<string, unknown>).start = "2 June 2025";
    delete (m as unknown as Record<string, unknown>).timeZone;
    expect(problemsOf(m)).toEqual([
      {jsonPath: "/", message: "must have required property 'timeZone'"},
      {jsonPath: "/run", message: "must be lower-case letters, digits and - (it is the folder name and page path)"},
      {jsonPath: "/regions/0/fieldOfViewUm", message: "must NOT have fewer than 2 items"},
      {jsonPath: "/regions/1/fieldOfViewUM", message: 'is not a known key; did you mean "fieldOfViewUm"?'},
      {jsonPath: "/frames/2/start", message: expect.stringMatching(/^must be a time like 2025-06-02 09:00:00/)}
    ]);
  });

  it("reports problems of meaning with their paths, together with schema problems", () => {
    const m = clone();
    m.timeZone = "Mars/Olympus";
    m.ions[1].regions = ["positive", "separator"];
    m.frames[1].region = "middle";
    m.frames[2].index = 0;
    m.regions.push({id: "positive"});
    (m as unknown as Record<string, unknown>).synthetic = "yes";
    const problems = problemsOf(m);
    expect(problems).toEqual(expect.arrayContaining([
      {jsonPath: "/synthetic", message: "must be boolean"},
      {jsonPath: "/timeZone", message: '"Mars/Olympus" is not an IANA time zone'},
      {jsonPath: "/regions/2/id", message: 'region "positive" is declared twice'},
      {jsonPath: "/ions/1/regions/1", message: 'region "separator" is not declared in /regions'},
      {jsonPath: "/frames/1/region", message: 'region "middle" is not declared in /regions'},
      {jsonPath: "/frames/2/index", message: 'frame 0 of region "positive" is declared twice (also /frames/0)'}
    ]));
    expect(problems).toHaveLength(6);
    expect(() => validateManifest(m, "runs/x/manifest.json")).toThrow(/^runs\/x\/manifest\.json: manifest: 6 problems: \/synthetic: must be boolean; /);
  });

  it("finds frames of a region that overlap or end before they start", () => {
    const m = clone();
    m.frames[1].start = "2025-06-02 09:05:00"; // frame 0 runs 09:00-09:10
    m.frames[2].end = "2025-06-02 09:59:00"; // before its start at 10:00
    expect(problemsOf(m)).toEqual([
      {jsonPath: "/frames/2/end", message: "the frame ends before it starts"},
      {jsonPath: "/frames/1/start", message: 'overlaps in time with /frames/0 of region "positive"'}
    ]);
  });

  it("checks an explicit image list: unknown names, ions outside their regions, duplicates and gaps", () => {
    const m = clone();
    const entries = imageEntries(validateManifest(clone()));
    m.images = entries.filter((e) => !(e.region === "positive" && e.ion === "total" && e.frame === 2));
    m.images.push({region: "negative", ion: "58Ni+", frame: 0, file: "x.txt"});
    m.images.push({region: "negative", ion: "6Li+", frame: 9, file: "y.txt"});
    m.images.push({...entries[0], file: "z.txt"});
    m.images.push({region: "negative", ion: "7Li+", frame: 0, file: entries[1].file});
    const n = entries.length - 1;
    expect(problemsOf(m)).toEqual([
      {jsonPath: `/images/${n}/ion`, message: 'ion "58Ni+" is not measured in region "negative" (see its entry in /ions)'},
      {jsonPath: `/images/${n + 1}/frame`, message: 'frame 9 of region "negative" is not declared in /frames'},
      {jsonPath: `/images/${n + 2}`, message: 'region "positive", ion "6Li+", frame 0 already has an image (/images/0)'},
      {jsonPath: `/images/${n + 3}/ion`, message: 'ion "7Li+" is not declared in /ions'},
      {jsonPath: `/images/${n + 3}/file`, message: `file "${entries[1].file}" is also used by /images/1`},
      {jsonPath: "/images", message: 'no image for ion "total" in frame 2 of region "positive" (/frames/2)'}
    ]);
  });

  it("checks the file pattern's placeholders and refuses paths that leave the run folder", () => {
    const m = clone();
    m.images = {pattern: "sims/{region}/{name}.txt"};
    m.rois = "../elsewhere/rois.geojson";
    expect(problemsOf(m)).toEqual([
      {jsonPath: "/rois", message: '"../elsewhere/rois.geojson" climbs out of its folder (..); paths stay inside the run folder'},
      {jsonPath: "/images/pattern", message: "unknown placeholder {name} (use {region}, {ion}, {frame})"},
      {jsonPath: "/images/pattern", message: "needs {ion}, or images of different ions share one file"},
      {jsonPath: "/images/pattern", message: "needs {frame}, or images of different frames share one file"}
    ]);
  });

  it("reports a local time that does not exist in the time zone (clocks moved forward)", () => {
    const m = clone();
    m.timeZone = "Europe/Berlin";
    m.frames[0].start = "2025-03-30 02:30:00";
    m.frames[0].end = "2025-03-30 03:10:00";
    expect(problemsOf(m)).toEqual([{jsonPath: "/frames/0/start", message: '"2025-03-30 02:30:00" does not exist in Europe/Berlin (clocks moved forward)'}]);
  });
});

describe("local times", () => {
  it("converts with the zone's offset, including daylight saving time", () => {
    expect(toUnixSeconds("2025-06-02 09:00:00", "Asia/Tokyo")).toEqual({unixS: Date.UTC(2025, 5, 2, 0) / 1000});
    expect(toUnixSeconds("2025-07-01 12:00:00", "Europe/Berlin")).toEqual({unixS: Date.UTC(2025, 6, 1, 10) / 1000});
    expect(toUnixSeconds("2025-01-01 12:00:00", "Europe/Berlin")).toEqual({unixS: Date.UTC(2025, 0, 1, 11) / 1000});
    expect(toUnixSeconds("01.07.2025 12:00:00.5", "America/New_York")).toEqual({unixS: Date.UTC(2025, 6, 1, 16) / 1000 + 0.5});
  });

  it("takes the first of a repeated hour and respects an explicit offset", () => {
    expect(toUnixSeconds("2025-10-26 02:30:00", "Europe/Berlin")).toEqual({unixS: Date.UTC(2025, 9, 26, 0, 30) / 1000});
    expect(toUnixSeconds("2025-06-02T09:00:00+02:00", "Asia/Tokyo")).toEqual({unixS: Date.UTC(2025, 5, 2, 7) / 1000});
    expect(toUnixSeconds("2025-02-30 09:00:00", "Asia/Tokyo")).toEqual({problem: '"2025-02-30 09:00:00" is not a time like 2025-06-02 09:00:00'});
  });
});
