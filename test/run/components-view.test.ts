// The components page's view of a region with three frames on the one-cycle record, and a result whose matrix
// holds frames 2 and 3 (as a region whose first frame the build could not use).
import {describe, expect, it} from "vitest";
import {tableFromArrays} from "apache-arrow";
import type {RegionComponents} from "@operando/lib/run/components";
import {componentScoreRows, componentsContext, frameSlot, noComponentsReason} from "@operando/lib/run/components-view";
import type {FrameDrift} from "@operando/lib/imaging/drift";
import {framesTable, smallTimeline} from "./small-run.js";

const manifest = {run: "r", regions: [{id: "positive", fieldOfViewUm: [2, 1] as [number, number], pixels: [4, 2] as [number, number]}], ions: [{id: "6Li+"}, {id: "58Ni+"}], frames: []};
const timeline = smallTimeline(manifest, framesTable([{region: "positive", frame: 1, fromS: 0, toS: 100}, {region: "positive", frame: 2, fromS: 500, toS: 600},
  {region: "positive", frame: 3, fromS: 950, toS: 1050}]));
const images = tableFromArrays({region: ["positive"], width: Int32Array.from([4]), height: Int32Array.from([2]), pixel_width_um: Float64Array.from([0.5]), pixel_height_um: Float64Array.from([0.25])});
const pca = {method: "pca", components: 2, matrix: {ions: ["6Li+", "58Ni+"], frames: [2, 3]},
  perFrame: [[{mean: 1, standardError: 0.1}, {mean: 2, standardError: 0.2}], [{mean: -1, standardError: 0.3}, {mean: 0, standardError: 0.4}]]} as unknown as RegionComponents;

describe("componentsContext", () => {
  it("places every frame at its state of charge, takes the pixel size of the region and its frames of unsure drift", () => {
    const shift = (reliable: boolean, reason = "registered"): FrameDrift =>
      ({driftPx: [0, 0], ok: true, peakNcc: reliable ? 0.9 : 0.1, atSearchBound: false, poorMatch: !reliable, reliable, reason, source: "registered", sdPx: 0.1});
    const drifts = [
      {region: "positive", ion: "total", referenceFrame: 1, byFrame: new Map([[1, shift(true)], [2, shift(false, "at the search bound")], [3, shift(true)]])},
      {region: "negative", ion: "total", referenceFrame: 1, byFrame: new Map([[1, shift(false, "a poor match")]])}
    ];
    const context = componentsContext({...timeline, drifts}, images, "positive");
    expect(context.pixelSizeUm).toEqual([0.5, 0.25]);
    expect(context.places.map((p) => [p.frame, p.number])).toEqual([[1, 1], [2, 2], [3, 3]]);
    // The charge runs from 100 s to 1000 s: frame 2's middle (550 s) is half charged.
    expect(context.places[1].stateOfCharge).toBeCloseTo(0.5, 2);
    expect(context.unreliableDrifts).toEqual([{region: "positive", frame: 2, reason: "at the search bound"}]);
  });

  it("says why a region of one ion besides the total-ion image has no components", () => {
    expect(noComponentsReason(["6Li+"])).toBe("This region has 1 ion image(s) besides the total-ion image; components need at least two.");
    expect(noComponentsReason(["6Li+", "58Ni+"])).toBeNull();
  });
});

describe("the scores per frame", () => {
  const places = [{frame: 2, number: 2, stateOfCharge: 0.5}];

  it("finds a frame's slot in the matrix", () => {
    expect([frameSlot(pca, 3), frameSlot(pca, 1)]).toEqual([1, -1]);
  });

  it("gives each component's mean score per frame, a frame with no place at NaN state of charge", () => {
    const rows = componentScoreRows(pca, places);
    expect(rows[0]).toEqual({method: "pca", component: 1, frame: 2, state_of_charge: 0.5, mean_score: 1, mean_score_standard_error: 0.1});
    expect(rows.map((r) => [r.component, r.frame])).toEqual([[1, 2], [1, 3], [2, 2], [2, 3]]);
    expect(rows[3].state_of_charge).toBeNaN();
  });
});
