/**
 * Detector saturation in the forward model and its dead-time correction (issue 15 item 1): with 400 pulses a
 * pixel, 7Li+ fills most pulses; the corrected ROI counts recover the model's true counts within their
 * intervals, the uncorrected ones do not.
 */
import {describe, expect, it} from "vitest";
import {MAX_CORRECTABLE_SATURATION, deadTimeCorrectImage, deadTimeCorrectedInterval, roiDeadTime, roiDeadTimeInterval} from "@operando/lib/imaging/dead-time";
import {DEFAULT_OPTIONS, SATURATING_PULSES_PER_PIXEL, buildExperiment, renderFrame} from "@operando/lib/model/experiment";
import type {RegionId} from "@operando/lib/model/chemistry";
import {buildRois} from "@operando/lib/model/run-files";
import {roiFrameMasks, sumSpans, type RegionGrid} from "@operando/lib/roi/aggregate";
import {roisFromGeoJson} from "@operando/lib/roi/geojson";
import {poissonInterval} from "@operando/lib/roi/interval";
import {manifestPulses, roiDeadTimeTrends} from "@operando/lib/roi/dead-time-trend";
import {roiTrendTable} from "@operando/lib/roi/trend-table";
import type {ImageStack} from "@operando/lib/imaging/raster";

const pulses = SATURATING_PULSES_PER_PIXEL;
const frames = [0, 2, 4, 6, 8];
const experiment = buildExperiment({...DEFAULT_OPTIONS, pulsesPerPixel: pulses});
const {width, height, fieldOfViewUm} = experiment.grid;
const grids: RegionGrid[] = (["positive", "negative"] as const).map((region) => ({region, width, height,
  pixelWidthUm: fieldOfViewUm[0] / width, pixelHeightUm: fieldOfViewUm[1] / height, frames}));
const rois = roisFromGeoJson(buildRois(experiment), ["positive", "negative"]);
// Masks moved by the model's true drift: this test is about the detector, not the registration.
const masks = roiFrameMasks(rois, grids, (_region, frame) => experiment.driftPx[frame]);
const images = new Map<string, ReturnType<typeof renderFrame>>(frames.flatMap((frame) => (["positive", "negative"] as RegionId[]).map((region) =>
  [`${region}/${frame}`, renderFrame(experiment, region, frame)] as const)));

describe("forward model with saturation", () => {
  it("is unchanged without pulses: same counts as the reference dataset's model", () => {
    const plain = buildExperiment(DEFAULT_OPTIONS);
    const a = renderFrame(plain, "positive", 2).find((i) => i.ion === "7Li+")!;
    const b = renderFrame(buildExperiment({...DEFAULT_OPTIONS, pulsesPerPixel: undefined}), "positive", 2).find((i) => i.ion === "7Li+")!;
    expect(b.counts).toEqual(a.counts);
    // With pulses the counts saturate: never more than the pulses, well below the expected on 7Li+.
    const saturated = images.get("positive/2")!.find((i) => i.ion === "7Li+")!;
    expect(Math.max(...saturated.counts)).toBeLessThanOrEqual(pulses);
    expect(saturated.totalCounts).toBeLessThan(0.8 * a.totalCounts);
  });

  it("per pixel: corrected intervals (ends transformed) hold the true counts; saturated pixels are flagged", () => {
    const image = images.get("positive/4")!.find((i) => i.ion === "7Li+")!;
    const corrected = deadTimeCorrectImage({data: image.counts, width, height}, pulses);
    let inside = 0;
    let checked = 0;
    for (let p = 0; p < width * height; p++) {
      if (corrected.saturated[p]) continue;
      const {low, high} = deadTimeCorrectedInterval(poissonInterval(image.counts[p]), pulses);
      checked++;
      if (low <= image.expected[p] && image.expected[p] <= high) inside++;
    }
    console.log("7Li+ pixels: flagged", corrected.saturatedCount, "coverage of the others", inside / checked);
    expect(inside / checked).toBeGreaterThanOrEqual(0.95);
    for (let p = 0; p < width * height; p++) expect(corrected.saturated[p]).toBe(image.counts[p] > MAX_CORRECTABLE_SATURATION * pulses ? 1 : 0);
  });

  it("flags pixels above 90% of the pulses, and a pixel that counted on every pulse has no finite correction", () => {
    const image = {data: [0, 200, 360, 361, 400], width: 5, height: 1};
    const corrected = deadTimeCorrectImage(image, 400);
    expect(Array.from(corrected.saturated)).toEqual([0, 0, 0, 1, 1]);
    expect(corrected.data[1]).toBeCloseTo(-400 * Math.log(0.5), 9);
    expect(corrected.data[4]).toBe(Infinity);
    expect(deadTimeCorrectedInterval({low: 350, high: 420}, 400).high).toBe(Infinity);
    const spans = {width: 5, height: 1, y: Int32Array.of(0), x0: Int32Array.of(0), x1: Int32Array.of(4)};
    expect(roiDeadTime(image.data, 0, spans, 400).saturatedPixels).toBe(1);
    const whole = {...spans, x1: Int32Array.of(5)};
    expect(roiDeadTime(image.data, 0, whole, 400).correctedCounts).toBe(Infinity);
  });

  it("per ROI: corrected 7Li+ counts hold the truth within their intervals, the uncorrected ones do not", () => {
    const result = {corrected: 0, uncorrected: 0, cells: 0, meanRatio: 0, flaggedCells: 0, rmsZ: 0};
    for (const mask of masks) {
      const image = images.get(`${mask.region}/${mask.frame}`)!.find((i) => i.ion === "7Li+")!;
      const truth = sumSpans(image.expected, 0, mask.spans);
      const observed = poissonInterval(sumSpans(image.counts, 0, mask.spans));
      const roi = roiDeadTime(image.counts, 0, mask.spans, pulses);
      const interval = roiDeadTimeInterval(roi, observed);
      result.cells++;
      if (roi.saturatedPixels > 0) result.flaggedCells++;
      if (interval.low <= truth && truth <= interval.high) result.corrected++;
      if (observed.low <= truth && truth <= observed.high) result.uncorrected++;
      result.meanRatio += roi.observedCounts / truth / masks.length;
      result.rmsZ += ((roi.correctedCounts - truth) / (roi.gain * Math.sqrt(roi.observedCounts))) ** 2 / masks.length;
    }
    result.rmsZ = Math.sqrt(result.rmsZ);
    console.log("7Li+ ROI cells", result);
    expect(result.cells).toBe(rois.length * frames.length);
    expect(result.corrected / result.cells).toBeGreaterThanOrEqual(0.95);
    expect(result.uncorrected).toBe(0);
    expect(result.meanRatio).toBeLessThan(0.8);
    // The corrected spread is the right size, not merely wide: (corrected - truth) / sd has RMS near 1.
    expect(result.rmsZ).toBeGreaterThan(0.5);
    expect(result.rmsZ).toBeLessThan(1.5);
  });

  it("as ROI trend rows (what npm run roi writes): corrected intervals hold the truth, observed ones do not; unknown pulses give nulls", () => {
    const stacks: ImageStack[] = grids.map((grid) => {
      const data = new Uint32Array(frames.length * width * height);
      frames.forEach((frame, slot) => data.set(images.get(`${grid.region}/${frame}`)!.find((i) => i.ion === "7Li+")!.counts, slot * width * height));
      return {run: "saturating", region: grid.region, ion: "7Li+", width, height, pixelWidthUm: grid.pixelWidthUm, pixelHeightUm: grid.pixelHeightUm, frames, data};
    });
    // The detector key of a manifest, with one frame's own count overriding it and one frame unknown.
    const pulsesOf = manifestPulses({detector: {pulsesPerPixel: pulses}, frames: [{index: 8, region: "negative", pulsesPerPixel: pulses}]});
    const rows = roiDeadTimeTrends(stacks, masks, pulsesOf);
    expect(rows).toHaveLength(masks.length);
    let inside = 0;
    let observedInside = 0;
    for (const row of rows) {
      const mask = masks.find((m) => m.roi === row.roi && m.frame === row.frame)!;
      const truth = sumSpans(images.get(`${row.region}/${row.frame}`)!.find((i) => i.ion === "7Li+")!.expected, 0, mask.spans);
      if (row.correctedCountsPerUm2Low * row.areaUm2 <= truth && truth <= row.correctedCountsPerUm2High * row.areaUm2) inside++;
      if (row.countsPerUm2Low * row.areaUm2 <= truth && truth <= row.countsPerUm2High * row.areaUm2) observedInside++;
      expect(row.pulsesPerPixel).toBe(pulses);
      expect(row.correctedCounts).toBeGreaterThan(row.counts);
    }
    expect(inside / rows.length).toBeGreaterThanOrEqual(0.95);
    expect(observedInside).toBe(0);

    const unknown = roiDeadTimeTrends(stacks, masks, manifestPulses({frames: []}));
    const table = roiTrendTable(unknown);
    expect(table.schema.fields.map((f) => f.name).slice(-6)).toEqual(["pulses_per_pixel", "dead_time_corrected_counts",
      "dead_time_corrected_counts_per_um2", "dead_time_corrected_counts_per_um2_low", "dead_time_corrected_counts_per_um2_high", "saturated_pixels"]);
    expect(table.getChild("dead_time_corrected_counts")!.nullCount).toBe(rows.length);
    expect(Number(table.getChild("counts")!.get(0))).toBe(rows[0].counts);
  });
});
