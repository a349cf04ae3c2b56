import {describe, expect, it} from "vitest";
import {figureRoles, missingRoisSentence, type RunContents} from "@operando/lib/run/figure-roles";
import {stateFrames, stateTitle} from "@operando/lib/run/state-frames";

const paperLike: RunContents = {
  regions: [{id: "positive"}, {id: "negative"}],
  ions: [
    {id: "6Li+", regions: ["positive", "negative"]},
    {id: "58Ni+", regions: ["positive"]},
    {id: "48Ti+", regions: ["negative"]},
    {id: "total", regions: ["positive", "negative"]}
  ],
  rois: [{name: "region 1", region: "positive"}, {name: "region 2", region: "positive"}, {name: "region 3", region: "negative"}, {name: "LLTO", region: "negative"}],
  totalCounts: (region, ion) => ({"58Ni+": 900, "48Ti+": 800, "6Li+": 100})[ion] ?? 0
};

const ownRun: RunContents = {
  regions: [{id: "cathode"}],
  ions: [{id: "7Li+", regions: ["cathode"]}, {id: "55Mn+", regions: ["cathode"]}, {id: "59Co+", regions: ["cathode"]}, {id: "total", regions: ["cathode"]}],
  rois: [],
  totalCounts: (region, ion) => ({"7Li+": 10, "55Mn+": 5000, "59Co+": 300})[ion] ?? 0
};

describe("figureRoles", () => {
  it("takes the declared roles of a run that reproduces the reference study", () => {
    const roles = figureRoles({
      reproducesReferenceStudy: true,
      figure3: {region: "positive", ions: ["6Li+", "58Ni+"], rois: ["region 1", "region 2"]},
      figure4: {region: "negative", ions: ["48Ti+"], rois: ["region 3"], electrolyteRois: ["LLTO"]},
      particles: [{region: "positive", markerIon: "58Ni+", onCharge: "rises"}, {region: "negative", markerIon: "48Ti+", onCharge: "falls"}]
    }, paperLike);
    expect(roles.reproducesReferenceStudy).toBe(true);
    expect(roles.figure4).toEqual({region: "negative", ions: ["48Ti+"], rois: ["region 3"], electrolyteRois: ["LLTO"]});
    expect(roles.particles).toEqual([{region: "positive", markerIon: "58Ni+", onCharge: 1}, {region: "negative", markerIon: "48Ti+", onCharge: -1}]);
    expect(roles.problems).toEqual([]);
  });

  it("chooses from what a run has when nothing is declared: its ions, its ROIs, the brightest ion as marker", () => {
    const roles = figureRoles(undefined, ownRun);
    expect(roles.reproducesReferenceStudy).toBe(false);
    expect(roles.figure2.rows).toEqual([{region: "cathode", ion: "7Li+"}, {region: "cathode", ion: "55Mn+"}, {region: "cathode", ion: "59Co+"}]);
    expect(roles.figure3).toEqual({region: "cathode", ions: ["7Li+", "55Mn+", "59Co+"], rois: [], electrolyteRois: []});
    expect(roles.figure4).toBeNull();
    expect(roles.unfilled.figure4).toMatch(/one region only/);
    expect(roles.particles).toEqual([{region: "cathode", markerIon: "55Mn+", onCharge: null}]);
    expect(missingRoisSentence(roles.figure3!, false)).toMatch(/no ROI file/);
  });

  it("reports every declared role the run cannot fill, with its JSON path, and keeps the rest", () => {
    const roles = figureRoles({
      figure3: {region: "cathode", ions: ["58Ni+", "55Mn+"], rois: ["grain A"]},
      particles: [{region: "anode", markerIon: "48Ti+"}]
    }, ownRun);
    expect(roles.problems.map((p) => p.jsonPath)).toEqual(["/figures/particles/0/region", "/figures/figure3/ions/0", "/figures/figure3/rois/0"]);
    expect(roles.problems[1]!.message).toBe('no 58Ni+ images of region "cathode" (its ions: 7Li+, 55Mn+, 59Co+)');
    expect(roles.figure3!.ions).toEqual(["55Mn+"]);
  });
});

const observation = (frame: number, name: string, stateOfCharge: number, cycle = 1) => ({frame, name, cycle, atMiddle: {stateOfCharge}});

describe("stateFrames", () => {
  it("takes the frames of the first cycle named pristine, charged and discharged", () => {
    const frames = stateFrames([observation(0, "pristine", 0), observation(1, "charging 1", 0.5), observation(2, "charged", 1), observation(3, "discharged", 0.1), observation(4, "cycle 2: charged", 1, 2)]);
    expect(frames.map((f) => [f.state, f.frame, f.exact])).toEqual([["pristine", 0, true], ["charged", 2, true], ["discharged", 3, true]]);
  });

  it("takes the nearest frames where none is at rest, and says so in the title", () => {
    const frames = stateFrames([observation(0, "charging 1", 0.1), observation(1, "charging 2", 0.6), observation(2, "discharging 1", 0.4)]);
    expect(frames.map((f) => [f.state, f.frame, f.exact])).toEqual([["pristine", 0, false], ["charged", 1, false], ["discharged", 2, false]]);
    expect(stateTitle(frames[1]!)).toBe("charging 2 (nearest to charged)");
  });

  it("leaves out what a one-frame run cannot show", () => {
    expect(stateFrames([observation(5, "pristine", 0)]).map((f) => f.state)).toEqual(["pristine"]);
  });
});
