import {describe, expect, it} from "vitest";
import {clickAt, closeActive, deleteActive, moveVertex, nextRoiName, renameActive, roiFeatures, stateFromFeatures, vertexAt, type RoiState} from "../../src/components/roi-state.js";
import {ringToFeature, type PointUm} from "@operando/lib/roi/ring";

const empty: RoiState = {rois: [], active: -1};
const clicks = (state: RoiState, points: PointUm[]) => points.reduce((s, p) => clickAt(s, p, 0.5), state);
const square: PointUm[] = [[10, 10], [20, 10], [20, 20], [10, 20]];

describe("drawing ROIs by clicks", () => {
  it("adds vertices and closes the polygon on a click at its first vertex", () => {
    const drawing = clicks(empty, square);
    expect(drawing.rois).toEqual([{name: "region 1", ring: square, closed: false}]);
    expect(roiFeatures(drawing, "positive")).toEqual([]); // an open ROI is not yet in the value
    const closed = clickAt(drawing, [10.2, 9.9], 0.5);
    expect(closed.rois[0]).toEqual({name: "region 1", ring: square, closed: true});
    expect(roiFeatures(closed, "positive")).toEqual([ringToFeature("region 1", "positive", square)]);
  });

  it("closes on a double-click only with at least 3 vertices", () => {
    expect(closeActive(clicks(empty, square.slice(0, 2))).rois[0].closed).toBe(false);
    expect(closeActive(clicks(empty, square.slice(0, 3))).rois[0].closed).toBe(true);
  });

  it("does not close on a click at the first vertex of a 2-vertex ROI (adds a vertex instead)", () => {
    const state = clickAt(clicks(empty, square.slice(0, 2)), [10, 10], 0.5);
    expect(state.rois[0]).toMatchObject({closed: false, ring: [[10, 10], [20, 10], [10, 10]]});
  });

  it("selects a closed ROI by a click inside it, and starts the next named ROI outside", () => {
    const one = closeActive(clicks(empty, square));
    const second = clickAt({...one, active: -1}, [40, 5], 0.5);
    expect(second.rois.map((roi) => roi.name)).toEqual(["region 1", "region 2"]);
    expect(second.active).toBe(1);
    const finished = closeActive(clicks(second, [[50, 5], [45, 15]]));
    expect(clickAt(finished, [15, 15], 0.5).active).toBe(0);
  });

  it("leaves the state it was given unchanged", () => {
    const before = clicks(empty, square);
    const snapshot = JSON.stringify(before);
    clickAt(before, [30, 30], 0.5);
    moveVertex(before, [0, 1], [25, 8]);
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});

describe("editing ROIs", () => {
  const two = stateFromFeatures([ringToFeature("region 1", "positive", square), ringToFeature("region 2", "positive", [[20, 20], [30, 20], [30, 30]])]);

  it("reads features back without their closing vertex, the last one active", () => {
    expect(two.rois[0].ring).toEqual(square);
    expect(two.active).toBe(1);
    expect(roiFeatures(two, "positive")[0]).toEqual(ringToFeature("region 1", "positive", square));
  });

  it("prefers the active ROI's vertex where two ROIs share a corner", () => {
    expect(vertexAt(two, [20.1, 20], 0.5)).toEqual([1, 0]);
    expect(vertexAt({...two, active: 0}, [20.1, 20], 0.5)).toEqual([0, 2]);
    expect(vertexAt(two, [15, 15], 0.5)).toBeNull();
  });

  it("moves a vertex and makes its ROI active", () => {
    const moved = moveVertex(two, [0, 2], [24, 22]);
    expect(moved.rois[0].ring[2]).toEqual([24, 22]);
    expect(moved.active).toBe(0);
  });

  it("renames (ignoring blank names), deletes, and names new ROIs with the first free number", () => {
    expect(renameActive(two, "  LLTO ").rois[1].name).toBe("LLTO");
    expect(renameActive(two, "  ")).toBe(two);
    const remaining = deleteActive({...two, active: 0});
    expect(remaining.rois.map((roi) => roi.name)).toEqual(["region 2"]);
    expect(nextRoiName(remaining)).toBe("region 1");
  });
});
