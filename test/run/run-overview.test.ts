// The overview page of a run: region sizes as the images were read, observation points, the frames as rows, and
// what each figure shows, in words.
import {describe, expect, it} from "vitest";
import {tableFromArrays} from "apache-arrow";
import type {FigureRoles} from "@operando/lib/run/figure-roles";
import {regionName} from "@operando/lib/run/region-name";
import {figureContents, frameRows, observationPointCount, regionFields, regionFieldsText} from "@operando/lib/run/run-overview";

const manifest = {regions: [{id: "positive", label: "Positive electrode"}, {id: "negative"}, {id: "spare", label: "Spare"}]};

describe("regionName", () => {
  it("is the manifest's label of the region, else its id", () => {
    expect(regionName(manifest, "positive")).toBe("Positive electrode");
    expect(regionName(manifest, "negative")).toBe("negative");
    expect(regionName(manifest, "not in the manifest")).toBe("not in the manifest");
  });
});

describe("regionFields", () => {
  // Two images of the positive region and one of the negative, none of the spare one.
  const images = tableFromArrays({
    region: ["positive", "positive", "negative"],
    ion: ["6Li+", "58Ni+", "48Ti+"],
    width: Int32Array.from([256, 256, 64]),
    height: Int32Array.from([96, 96, 32]),
    pixel_width_um: Float64Array.from([0.3125, 0.3125, 0.5]),
    pixel_height_um: Float64Array.from([0.3125, 0.3125, 0.25])
  });

  it("gives each region's field of view in pixels and µm from its images, and none for a region without images", () => {
    expect(regionFields(manifest, images)).toEqual([
      {region: "positive", name: "Positive electrode", size: {widthPx: 256, heightPx: 96, widthUm: 80, heightUm: 30}},
      {region: "negative", name: "negative", size: {widthPx: 64, heightPx: 32, widthUm: 32, heightUm: 8}},
      {region: "spare", name: "Spare", size: null}
    ]);
  });

  it("says each region's size in one list", () => {
    expect(regionFieldsText(regionFields(manifest, images)))
      .toBe("Positive electrode (80.0 × 30.0 µm, 256 × 96 pixels); negative (32.0 × 8.0 µm, 64 × 32 pixels); Spare (no images)");
  });
});

describe("the frames table", () => {
  const frames = tableFromArrays({
    region: ["a", "a", "a", "b", "b"],
    frame: Int32Array.from([0, 1, 2, 0, 1]),
    label: ["pristine", "charging 1", "charged", "pristine", "charging 1"],
    start_unix_s: Float64Array.from([1_748_854_800, 1_748_858_400, 1_748_862_000, 1_748_854_800, 1_748_858_400]),
    end_unix_s: Float64Array.from([1_748_856_400, 1_748_860_000, 1_748_863_600, 1_748_856_400, 1_748_860_000]),
    dose_ions_per_cm2: Float64Array.from([1.2e13, 1.2e13, 1.2e13, 1.2e13, 1.2e13])
  });

  it("counts an observation point once however many regions were imaged at it", () => {
    expect(observationPointCount(frames)).toBe(3);
  });

  it("gives each frame's start and end as dates and its acquisition time in seconds", () => {
    const rows = frameRows(frames);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual({region: "a", frame: 1, label: "charging 1", start: new Date("2025-06-02T10:00:00Z"), end: new Date("2025-06-02T10:26:40Z"),
      "duration (s)": 1600, "dose (ions/cm²)": 1.2e13});
  });
});

describe("figureContents", () => {
  const roles: FigureRoles = {
    reproducesReferenceStudy: false,
    figure2: {rows: [{region: "positive", ion: "6Li+"}, {region: "negative", ion: "48Ti+"}]},
    figure3: {region: "positive", ions: ["6Li+", "58Ni+"], rois: ["region 1"], electrolyteRois: ["LLTO"]},
    figure4: null,
    particles: [{region: "positive", markerIon: "58Ni+", onCharge: 1}],
    unfilled: {figure4: "This run has no second region."},
    problems: []
  };

  it("names each figure's ions, region (by its name) and ROIs, electrolyte ROIs last, or says why the figure is empty", () => {
    expect(figureContents(manifest, roles)).toEqual({
      figure2: "6Li+ (positive), 48Ti+ (negative)",
      figure3: "6Li+, 58Ni+ in Positive electrode, ROIs region 1, LLTO",
      figure4: "This run has no second region.",
      particles: "58Ni+ (positive)"
    });
  });

  it("leaves out the ROIs of a figure that has none, and says 'no ion' for a run without particle regions", () => {
    const without = {...roles, figure2: {rows: []}, figure3: {region: "negative", ions: ["48Ti+"], rois: [], electrolyteRois: []}, particles: [],
      unfilled: {...roles.unfilled, figure2: "This run has no ion images."}};
    expect(figureContents(manifest, without)).toMatchObject({figure2: "This run has no ion images.", figure3: "48Ti+ in negative", particles: "no ion"});
  });
});
