// The explorer's plan on a 4 x 2 field of 0.5 µm pixels with two frames (frame 1 before charging, frame 2 charged)
// of 58Ni+ and the total-ion image, and one ROI of the run's per region.
import {describe, expect, it} from "vitest";
import {tableFromArrays} from "apache-arrow";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {regionRoiFeatures} from "@operando/lib/roi/features";
import {roiTrendTable} from "@operando/lib/roi/trend-table";
import type {RoiTrendRow} from "@operando/lib/roi/trend";
import {explorerRegion, explorerTrendInputs, fieldSizeUm, imageIons, regionStacks, rgbChannels} from "@operando/lib/run/explorer";
import {framesTable, smallTimeline} from "./small-run.js";

const manifest = {run: "r", regions: [{id: "positive", fieldOfViewUm: [2, 1] as [number, number], pixels: [4, 2] as [number, number]}],
  ions: [{id: "6Li+"}, {id: "58Ni+"}], frames: []};
const timeline = smallTimeline(manifest, framesTable([{region: "positive", frame: 1, fromS: 20, toS: 60}, {region: "positive", frame: 2, fromS: 900, toS: 980}]));
const square = (name: string, region: string) => ({type: "Feature", properties: {name, region},
  geometry: {type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}});
const roiFile = {type: "FeatureCollection", features: [square("a", "positive"), square("b", "negative"),
  {type: "Feature", properties: {name: "c", region: "positive"}, geometry: {type: "Point", coordinates: [0, 0]}}]};
const stack = (ion: string, frames: number[][]): ImageStack => ({run: "r", region: "positive", ion, width: 4, height: 2,
  pixelWidthUm: 0.5, pixelHeightUm: 0.5, frames: [1, 2], data: Uint16Array.from(frames.flat())});

describe("explorerRegion", () => {
  const region = explorerRegion(timeline, {ions: ["total", "58Ni+", "6Li+"], roles: {particles: [{region: "positive", markerIon: "58Ni+", onCharge: null}]}, roiFile}, "positive");

  it("offers the region's ions in the manifest's order, the total-ion image last, and starts on its particle marker", () => {
    expect(region.ions).toEqual(["6Li+", "58Ni+", "total"]);
    expect([region.markerIon, region.hasTotalIon]).toEqual(["58Ni+", true]);
  });

  it("numbers its observation points and takes the run's own polygon ROIs of the region only", () => {
    expect(region.points.map((p) => [p.number, p.frame])).toEqual([[1, 1], [2, 2]]);
    expect(region.runFeatures.map((f) => f.properties.name)).toEqual(["a"]);
  });

  it("has no marker, no total-ion image and no ROIs when the run gives none", () => {
    const bare = explorerRegion(timeline, {ions: ["58Ni+"], roles: {particles: []}, roiFile: null}, "positive");
    expect([bare.markerIon, bare.hasTotalIon, bare.runFeatures]).toEqual([undefined, false, []]);
    expect(regionRoiFeatures(undefined, "positive")).toEqual([]);
  });
});

describe("the stacks the image needs", () => {
  it("adds the total-ion image for the TIC normalisation only", () => {
    expect(imageIons("58Ni+", "totalIonFraction")).toEqual(["58Ni+", "total"]);
    expect(imageIons("58Ni+", "countsPerUm2")).toEqual(["58Ni+"]);
    expect(imageIons("total", "totalIonFraction")).toEqual(["total"]);
  });

  it("asks for each ion's stack once", () => {
    expect(regionStacks("positive", ["58Ni+", "6Li+", "58Ni+"])).toEqual([{region: "positive", ion: "58Ni+"}, {region: "positive", ion: "6Li+"}]);
  });

  it("gives the field of view in µm", () => {
    expect(fieldSizeUm({width: 4, height: 2, pixelWidthUm: 0.5, pixelHeightUm: 0.25})).toEqual([2, 0.5]);
  });
});

describe("explorerTrendInputs", () => {
  const images = tableFromArrays({region: ["positive", "positive", "positive", "positive"], ion: ["58Ni+", "58Ni+", "total", "total"],
    frame: Int32Array.from([1, 2, 1, 2]), total_counts: Float64Array.from([36, 24, 800, 900]),
    width: Int32Array.from([4, 4, 4, 4]), height: Int32Array.from([2, 2, 2, 2]), pixel_width_um: Float64Array.from([0.5, 0.5, 0.5, 0.5]), pixel_height_um: Float64Array.from([0.5, 0.5, 0.5, 0.5])});
  const row = (roi: string, region: string, frame: number): RoiTrendRow => ({roi, region, ion: "58Ni+", frame, counts: 10, areaUm2: 1, countsPerUm2: 10,
    countsPerUm2Low: 5, countsPerUm2High: 18, driftXPx: 0, driftYPx: 0, driftSdPx: 0, registrationSdCounts: 0});
  const roiTrends = roiTrendTable([row("a", "positive", 1), row("a", "positive", 2), row("b", "negative", 1)]);
  const frames = {framesOf: (_region: string, ion: string) => (ion === "total" || ion === "58Ni+" ? [1, 2] : [])};
  const inputs = explorerTrendInputs(images, roiTrends, frames, {region: "positive", ion: "58Ni+"});

  it("takes the region's grid and the ion's frames, the build's rows of the region and each frame's total-ion counts", () => {
    expect(inputs.grid).toEqual({region: "positive", width: 4, height: 2, pixelWidthUm: 0.5, pixelHeightUm: 0.5, frames: [1, 2]});
    expect(inputs.buildRows.map((r) => [r.roi, r.frame])).toEqual([["a", 1], ["a", 2]]);
    expect([...inputs.totalIonCounts]).toEqual([[1, 800], [2, 900]]);
  });
});

describe("rgbChannels", () => {
  const analysis = {...timeline, stacks: [stack("58Ni+", [[1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1]]), stack("6Li+", [[0, 0, 0, 0, 1, 1, 1, 1], [2, 2, 2, 2, 0, 0, 0, 0]])]};

  it("gives each ion's counts at the frame, binned as the image is", () => {
    const channels = rgbChannels(analysis, {region: "positive", ions: ["58Ni+", "6Li+"], frame: 2, binFactor: 2, registered: false})!;
    expect(channels.map((c) => [c.ion, Array.from(c.image.data)])).toEqual([["58Ni+", [8 + 7 + 4 + 3, 6 + 5 + 2 + 1]], ["6Li+", [4, 4]]]);
  });

  it("refuses two channels of one ion", () => {
    expect(rgbChannels(analysis, {region: "positive", ions: ["58Ni+", "58Ni+"], frame: 1, binFactor: 1, registered: false})).toBeNull();
  });
});
