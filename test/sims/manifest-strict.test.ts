import {describe, expect, it} from "vitest";
import {validateManifest, withoutUnknownKeys} from "@operando/loaders/sims/manifest";
import {MANIFEST_SCHEMA} from "@operando/loaders/sims/manifest-schema";
import {ManifestError} from "@operando/loaders/sims/errors";
import {parseJsonStrictly} from "@operando/loaders/sims/manifest-json";
import {runPathProblem} from "@operando/loaders/sims/manifest-paths";
import {manifestFiles} from "@operando/loaders/sims/manifest-files";
import {makeRun} from "./helpers.js";
import {seededRandom} from "../seeded-random.js";

type Json = Record<string, any>;
const clone = () => structuredClone(makeRun().manifest) as Json;

function problemsOf(manifest: unknown): {jsonPath: string; message: string}[] {
  try {
    validateManifest(manifest);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return [...(error as ManifestError).problems];
  }
}

describe("unknown manifest keys", () => {
  it("are refused at every level, with the closest known key", () => {
    const m = clone();
    m.potentostat = m.potentiostat;
    delete m.potentiostat;
    m.roi = "rois.geojson";
    m.regions[1].pixel = [8, 6];
    m.ions[0].mass = 6.015;
    m.frames[0].labels = "x";
    m.images.patern = m.images.pattern;
    const problems = problemsOf(m);
    expect(problems).toEqual(expect.arrayContaining([
      {jsonPath: "/potentostat", message: 'is not a known key; did you mean "potentiostat"?'},
      {jsonPath: "/roi", message: 'is not a known key; did you mean "rois"?'},
      {jsonPath: "/regions/1/pixel", message: 'is not a known key; did you mean "pixels"?'},
      {jsonPath: "/ions/0/mass", message: expect.stringMatching(/^is not a known key/)},
      {jsonPath: "/frames/0/labels", message: 'is not a known key; did you mean "label"?'},
      {jsonPath: "/images/patern", message: 'is not a known key; did you mean "pattern"?'}
    ]));
  });

  it("in the potentiostat entry and in an explicit image list too", () => {
    const m = clone();
    m.potentiostat.timezone = "Asia/Tokyo";
    m.images = [{region: "positive", ion: "6Li+", frame: 0, file: "a.txt", fiel: "b.txt"}];
    const paths = problemsOf(m).filter((p) => p.message.startsWith("is not a known key")).map((p) => `${p.jsonPath} ${p.message}`);
    expect(paths).toEqual(['/potentiostat/timezone is not a known key; did you mean "timeZone"?', '/images/0/fiel is not a known key; did you mean "file"?']);
  });

  it("are suggested from the schema itself: every top-level key, misspelt, is suggested back", () => {
    for (const key of Object.keys(MANIFEST_SCHEMA.properties)) {
      const m = clone();
      const misspelt = key.slice(0, -1);
      m[misspelt] = m[key] ?? "x";
      delete m[key];
      expect(problemsOf(m)).toContainEqual({jsonPath: `/${misspelt}`, message: `is not a known key; did you mean "${key}"?`});
    }
  });

  it("are dropped by withoutUnknownKeys, which keeps everything else", () => {
    const m = clone();
    m.sampel = "x";
    m.regions[0].fieldOfViewUM = [1, 2];
    expect(problemsOf(m)).toHaveLength(2);
    expect(withoutUnknownKeys(m)).toEqual(clone());
  });
});

describe("JSON text of a run's files", () => {
  it("refuses a key given twice in one object, at any depth, with both lines", () => {
    const text = '{\n  "a": 1,\n  "b": {"x": [1, {"k": 1,\n    "k": 2}]},\n  "a": "\\"a\\""\n}';
    expect(parseJsonStrictly(text)).toEqual({problems: [
      {line: 4, message: 'key "k" appears twice in /b/x/1 (also line 3); JSON keeps only the last'},
      {line: 5, message: 'key "a" appears twice in / (also line 2); JSON keeps only the last'}
    ]});
    expect(parseJsonStrictly('{"a": {"k": 1}, "b": {"k": 2}, "s": "{\\"k\\": 1, \\"k\\": 2}"}')).toEqual({value: {a: {k: 1}, b: {k: 2}, s: '{"k": 1, "k": 2}'}});
  });

  it("says a syntax error in one line, without quoting the text", () => {
    const result = parseJsonStrictly('{"a": 1,\n "secret": }');
    expect("problems" in result && result.problems).toHaveLength(1);
    const message = "problems" in result ? result.problems[0].message : "";
    expect(message).toMatch(/^not JSON: /);
    expect(message).not.toContain("secret");
    expect(message).not.toContain("\n");
  });
});

describe("paths a manifest leads to", () => {
  it.each([
    ["sims/positive/f00/6Li+.txt", undefined],
    ["a..b/c.txt", undefined],
    ["../x.txt", "climbs out of its folder (..); paths stay inside the run folder"],
    ["sims/../../x.txt", "climbs out of its folder (..); paths stay inside the run folder"],
    ["/etc/passwd", "is absolute; paths are relative to the run folder"],
    ["C:/data/x.txt", "is absolute; paths are relative to the run folder"],
    ["sims\\x.txt", "contains \\ (write / between folders)"],
    ["sims//x.txt", "has an empty or . part"],
    ["./x.txt", "has an empty or . part"],
    ["x\u0000.txt", "contains a control character"],
    ["", "is empty"]
  ])("%j: %s", (path, problem) => {
    expect(runPathProblem(path)).toBe(problem);
  });

  it("are listed from a manifest that failed validation, leaving out entries without a path", () => {
    const m = clone();
    m.frames[1].index = "one";
    m.rois = "rois.geojson";
    const files = manifestFiles(m);
    expect(files.filter((f) => f.role !== "image")).toEqual([
      {path: "echem/cycling.mpt", role: "potentiostat", what: "potentiostat file, /potentiostat/file"},
      {path: "rois.geojson", role: "rois", what: "ROI file, /rois"}
    ]);
    expect(files.filter((f) => f.role === "image")).toHaveLength(15 - 3);
    expect(files.find((f) => f.role === "image")).toEqual({path: "sims/positive/f00/6Li+.txt", role: "image", what: 'image of ion "6Li+", /frames/0'});
  });
});

describe("manifest text, fuzzed", () => {
  const TOKENS = ['"', "{", "}", "[", "]", ",", ":", "\\", "\n", " ", "0", "-", "e", "u", "\u0000"];

  /** One seeded mutation of the text: characters inserted, deleted, duplicated, or the text cut. */
  function mutate(text: string, random: () => number): string {
    const pick = (n: number) => Math.floor(random() * n);
    let out = text;
    for (let round = 0; round < 1 + pick(3); round++) {
      const at = pick(out.length + 1);
      const kind = pick(4);
      if (kind === 0) out = out.slice(0, at) + TOKENS[pick(TOKENS.length)] + out.slice(at);
      else if (kind === 1) out = out.slice(0, at) + out.slice(at + 1 + pick(6));
      else if (kind === 2) out = out.slice(0, at) + out.slice(pick(out.length), pick(out.length)).slice(0, 40) + out.slice(at);
      else out = out.slice(0, at);
    }
    return out;
  }

  it("always gives JSON.parse's value or one-line problems, and validation a ManifestError or a manifest", () => {
    const random = seededRandom(12);
    const text = JSON.stringify(clone(), null, 2);
    let parsed = 0;
    for (let n = 0; n < 400; n++) {
      const mutated = mutate(text, random);
      const result = parseJsonStrictly(mutated);
      if ("problems" in result) {
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) expect(p.message).not.toMatch(/[\r\n]/);
        continue;
      }
      parsed++;
      expect(result.value).toEqual(JSON.parse(mutated));
      try {
        validateManifest(result.value);
      } catch (error) {
        expect(error).toBeInstanceOf(ManifestError);
      }
    }
    expect(parsed).toBeGreaterThan(20); // the mutations reach validation, not only the JSON parser
  });
});
