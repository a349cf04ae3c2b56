import {describe, expect, it} from "vitest";
import {RoiFileError, roisFromGeoJson, roiToFeature} from "@operando/lib/roi/geojson";

const square = [[[1, 1], [5, 1], [5, 4], [1, 4], [1, 1]]];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({type: "Feature", properties, geometry});

describe("roisFromGeoJson", () => {
  it("reads polygons, multipolygons, rectangles and particle labels", () => {
    const rois = roisFromGeoJson({
      type: "FeatureCollection",
      features: [
        feature({name: "region 1", region: "positive"}, {type: "Polygon", coordinates: square}),
        feature({name: "two parts", region: "positive"}, {type: "MultiPolygon", coordinates: [square, [[[10, 10], [12, 10], [12, 12], [10, 10]]]]}),
        feature({name: "box", region: "negative", shape: "rectangle"}, {type: "Polygon", coordinates: square}),
        feature({name: "particle 7", region: "positive", particle: 7}, null)
      ]
    }, ["positive", "negative"]);
    expect(rois.map((r) => r.kind)).toEqual(["polygon", "polygon", "rectangle", "particle"]);
    expect(rois[0]).toEqual({kind: "polygon", name: "region 1", region: "positive", polygons: [[[[1, 1], [5, 1], [5, 4], [1, 4]]]]});
    expect(rois[2]).toMatchObject({xUm: 1, yUm: 1, widthUm: 4, heightUm: 3});
    expect(rois[3]).toMatchObject({particle: 7});
  });

  it("writes features that read back to the same ROIs", () => {
    const collection = {
      type: "FeatureCollection",
      features: [
        feature({name: "a", region: "positive"}, {type: "Polygon", coordinates: square}),
        feature({name: "b", region: "positive", shape: "rectangle"}, {type: "Polygon", coordinates: square}),
        feature({name: "c", region: "positive", particle: 3}, null)
      ]
    };
    const rois = roisFromGeoJson(collection);
    expect(roisFromGeoJson({type: "FeatureCollection", features: rois.map(roiToFeature)})).toEqual(rois);
  });

  it("reports every problem at once, each naming the feature index", () => {
    let error: unknown;
    try {
      roisFromGeoJson({
        type: "FeatureCollection",
        features: [
          feature({name: "ok", region: "positive"}, {type: "Polygon", coordinates: square}),
          feature({region: "positive"}, {type: "Polygon", coordinates: square}),
          feature({name: "open", region: "positive"}, {type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]]}),
          feature({name: "ok", region: "positive"}, {type: "Polygon", coordinates: square}),
          feature({name: "line", region: "positive"}, {type: "LineString", coordinates: [[0, 0], [1, 1]]}),
          feature({name: "where", region: "middle"}, {type: "Polygon", coordinates: square}),
          feature({name: "nan", region: "positive"}, {type: "Polygon", coordinates: [[[0, 0], [1, "x"], [1, 1], [0, 0]]]}),
          feature({name: "label", region: "positive", particle: 0}, null)
        ]
      }, ["positive"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RoiFileError);
    const problems = (error as RoiFileError).problems;
    expect(problems).toHaveLength(7);
    expect(problems[0]).toMatch(/^feature 1: properties.name/);
    expect(problems[1]).toMatch(/^feature 2 \("open"\).*not closed/);
    expect(problems[2]).toMatch(/^feature 3: name "ok" is already used by feature 0/);
    expect(problems[3]).toMatch(/^feature 4 \("line"\).*LineString/);
    expect(problems[4]).toMatch(/^feature 5 \("where"\): region "middle"/);
    expect(problems[5]).toMatch(/^feature 6 \("nan"\).*position 1/);
    expect(problems[6]).toMatch(/^feature 7 \("label"\).*positive integer/);
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it("refuses what is not a FeatureCollection, an empty one, and a rectangle that is not one", () => {
    expect(() => roisFromGeoJson([])).toThrow(/FeatureCollection/);
    expect(() => roisFromGeoJson({type: "FeatureCollection", features: []})).toThrow(/no features/);
    const skew = [[[0, 0], [4, 0], [5, 3], [0, 3], [0, 0]]];
    expect(() => roisFromGeoJson({type: "FeatureCollection", features: [feature({name: "s", region: "p", shape: "rectangle"}, {type: "Polygon", coordinates: skew})]}))
      .toThrow(/feature 0 \("s"\): shape "rectangle"/);
  });
});
