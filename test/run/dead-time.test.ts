// The dead-time page's numbers on a 4 x 4 µm field of 1 µm pixels at 20 pulses per pixel: frame 0 counts 1 in
// every pixel but one, which counts 19 (above 90% of the pulses: saturated); frame 1 counts 2 everywhere.
import {describe, expect, it} from "vitest";
import type {ImageStack} from "@operando/lib/imaging/raster";
import type {RunAnalysis} from "@operando/lib/run/analysis";
import {deadTimeFrame, deadTimeImageShown, deadTimePulses, deadTimeTrend, deadTimeTrendPoints} from "@operando/lib/run/dead-time";
import {framesTable, smallTimeline} from "./small-run.js";

const PULSES = 20;
const SATURATED_PIXEL = 5;
const frame0 = Uint16Array.from({length: 16}, (_, i) => (i === SATURATED_PIXEL ? 19 : 1));
const stack: ImageStack = {run: "r", region: "r", ion: "7Li+", width: 4, height: 4, pixelWidthUm: 1, pixelHeightUm: 1, frames: [0, 1],
  data: Uint16Array.from([...frame0, ...new Array(16).fill(2)])};
const manifest = {run: "r", regions: [{id: "r", fieldOfViewUm: [4, 4] as [number, number], pixels: [4, 4] as [number, number]}, {id: "q", fieldOfViewUm: [4, 4] as [number, number], pixels: [4, 4] as [number, number]}],
  ions: [{id: "7Li+"}], detector: {pulsesPerPixel: PULSES}, frames: []};
const timeline = smallTimeline(manifest, framesTable([{region: "r", frame: 0, fromS: 20, toS: 60}, {region: "r", frame: 1, fromS: 500, toS: 600}]));
const analysis: RunAnalysis = {...timeline, stacks: [stack], rois: [{kind: "rectangle", name: "whole field", region: "r", xUm: 0, yUm: 0, widthUm: 4, heightUm: 4}]};
const {pulsesOf} = deadTimePulses(manifest);
/** The Poisson dead-time correction of one pixel less its bias (lib/imaging/dead-time.ts): −n ln(1 − N/n) − (N/n) / (2 (1 − N/n)). */
const correctedPixel = (observed: number) => -PULSES * Math.log(1 - observed / PULSES) - observed / PULSES / (2 * (1 - observed / PULSES));

describe("deadTimePulses", () => {
  it("takes the detector's pulses per pixel for every ion but the total-ion image", () => {
    expect(pulsesOf!("r", 0, "7Li+")).toBe(PULSES);
    expect(pulsesOf!("r", 0, "total")).toBeNaN();
    expect(deadTimePulses(manifest).unfilled).toBeNull();
  });

  it("has none, and says what to add to the manifest, when the manifest gives no pulses", () => {
    const none = deadTimePulses({frames: []});
    expect(none.pulsesOf).toBeNull();
    expect(none.unfilled).toMatch(/"detector": \{"pulsesPerPixel": n\}/);
  });
});

describe("deadTimeFrame", () => {
  const frame = deadTimeFrame(analysis, {region: "r", ion: "7Li+", point: 1}, pulsesOf!);

  it("corrects the frame of the observation point pixel by pixel and marks the pixels too close to saturation", () => {
    expect([frame.frame, frame.pulsesPerPixel, frame.correction.saturatedCount]).toEqual([0, PULSES, 1]);
    expect(frame.correction.saturated[SATURATED_PIXEL]).toBe(1);
    expect(frame.correction.data[0]).toBeCloseTo(-PULSES * Math.log(1 - 1 / PULSES), 12);
    expect(deadTimeFrame(analysis, {region: "r", ion: "7Li+", point: 2}, pulsesOf!).frame).toBe(1);
    expect(() => deadTimeFrame(analysis, {region: "r", ion: "7Li+", point: 3}, pulsesOf!)).toThrow(/no observation point 3/);
  });

  it("shows the corrected counts, a pixel that counted on every pulse blank, or the counts as observed", () => {
    const full = deadTimeFrame({...analysis, stacks: [{...stack, data: Uint16Array.from([...frame0.map((v, i) => (i === 0 ? PULSES : v)), ...new Array(16).fill(2)])}]}, {region: "r", ion: "7Li+", point: 1}, pulsesOf!);
    const shown = deadTimeImageShown(full, true);
    expect(shown.data[0]).toBeNaN();
    expect(shown.data[1]).toBeCloseTo(-PULSES * Math.log(1 - 1 / PULSES), 12);
    expect(Array.from(deadTimeImageShown(frame, false).data)).toEqual(Array.from(frame0));
  });
});

describe("deadTimeTrend", () => {
  const trend = deadTimeTrend(analysis, {region: "r", ion: "7Li+"}, pulsesOf!);

  it("has one row per (ROI, frame), with the cells that hold a saturated pixel counted and named", () => {
    expect(trend.rows.map((r) => [r.roi, r.frame, r.counts, r.saturatedPixels])).toEqual([["whole field", 0, 34, 1], ["whole field", 1, 32, 0]]);
    expect([trend.saturatedCells, trend.saturatedRois, trend.unfilled]).toEqual([1, ["whole field"], null]);
  });

  it("gives the observed counts as a percentage of the corrected counts, lowest where the counts are highest", () => {
    const percent = (pixels: number[]) => (100 * pixels.reduce((a, b) => a + b)) / pixels.map(correctedPixel).reduce((a, b) => a + b);
    expect(trend.observedPercentOfCorrected![0]).toBeCloseTo(percent(Array.from(frame0)), 9);
    expect(trend.observedPercentOfCorrected![1]).toBeCloseTo(percent(new Array(16).fill(2)), 9);
  });

  it("says there is no trend in a region without ROIs", () => {
    const other = deadTimeTrend({...analysis, stacks: [...analysis.stacks, {...stack, region: "q"}]}, {region: "q", ion: "7Li+"}, pulsesOf!);
    expect([other.rows, other.observedPercentOfCorrected, other.saturatedCells]).toEqual([[], null, 0]);
    expect(other.unfilled).toMatch(/no ROIs/);
  });

  it("charts the corrected or the observed counts per µm², numbered by observation point, saturated cells flagged", () => {
    const observed = deadTimeTrendPoints(analysis, trend.rows, false);
    expect(observed.map((p) => [p.observationName, p.value, p.flagged])).toEqual([["1", 34 / 16, true], ["2", 2, false]]);
    const corrected = deadTimeTrendPoints(analysis, trend.rows, true);
    expect(corrected[1].value).toBeCloseTo(correctedPixel(2), 9);
    expect(corrected[1].low).toBeLessThan(corrected[1].value);
    expect(corrected[1].high).toBeGreaterThan(corrected[1].value);
  });
});
