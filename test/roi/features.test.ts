import {describe, expect, it} from "vitest";
import {featuresToRois} from "@operando/lib/roi/features";

describe("featuresToRois", () => {
  const square = (name: string, region = "positive") => ({type: "Feature" as const, properties: {name, region},
    geometry: {type: "Polygon" as const, coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]] as [number, number][]]}});

  it("turns the editor's features into polygon ROIs, a repeated name made unique", () => {
    const rois = featuresToRois([square("region 1"), square("region 1"), square("other")], "positive");
    expect(rois.map((r) => r.name)).toEqual(["region 1", "region 1 (2)", "other"]);
    expect(rois[0]).toMatchObject({kind: "polygon", region: "positive", polygons: [[[[0, 0], [2, 0], [2, 2], [0, 2]]]]});
    expect(featuresToRois([], "positive")).toEqual([]);
  });

  it("refuses a feature of another region", () => {
    expect(() => featuresToRois([square("a", "negative")], "positive")).toThrow(/region "negative"/);
  });
});
