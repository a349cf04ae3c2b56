import {describe, expect, it} from "vitest";
import {labelOutline} from "@operando/lib/imaging/outline";
import {classifyParticle, particleOutlines, registeredSum} from "@operando/lib/imaging/particles";
import {roiRings} from "@operando/lib/roi/types";
import {connectedComponents} from "@operando/lib/imaging/connected";
import {otsuThreshold, segmentParticles} from "@operando/lib/imaging/segment";
import {distanceTransform, splitTouching} from "@operando/lib/imaging/watershed";
import {rasteriseRings} from "@operando/lib/roi/rasterise";
import {spansToMask} from "@operando/lib/roi/spans";
import {poissonImage} from "./synthetic.js";
import {seededRandom} from "../seeded-random.js";

const width = 120;
const height = 60;
const disks = [
  {x: 20, y: 20, r: 9}, {x: 55, y: 15, r: 7}, {x: 90, y: 30, r: 12}, {x: 30, y: 45, r: 6}, {x: 62, y: 44, r: 10}
];
function diskImage(perPixel: (disk: number) => number, background: number): Float64Array {
  const image = new Float64Array(width * height).fill(background);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      disks.forEach((d, k) => {
        if ((x + 0.5 - d.x) ** 2 + (y + 0.5 - d.y) ** 2 < d.r ** 2) image[y * width + x] = perPixel(k);
      });
    }
  }
  return image;
}

describe("segmentParticles", () => {
  it("finds each particle of a noisy image once, with about its true area", () => {
    const random = seededRandom(8);
    const image = {data: poissonImage(diskImage(() => 12, 2), random), width, height};
    const segmentation = segmentParticles(image);
    expect(segmentation.count).toBe(disks.length);
    disks.forEach((d) => {
      const label = segmentation.data[Math.floor(d.y) * width + Math.floor(d.x)];
      expect(label).toBeGreaterThan(0);
      const area = segmentation.data.filter((v) => v === label).length;
      expect(Math.abs(area - Math.PI * d.r ** 2) / (Math.PI * d.r ** 2)).toBeLessThan(0.15);
    });
  });

  it("Otsu's threshold separates two populations between their means", () => {
    const values = [...Array(500).fill(2), ...Array(300).fill(10)].map((v, i) => v + (i % 5) * 0.1);
    const threshold = otsuThreshold(values);
    expect(threshold).toBeGreaterThan(2.4);
    expect(threshold).toBeLessThanOrEqual(10);
  });

  it("connects 4-neighbours only and drops components under the minimum area", () => {
    const mask = Uint8Array.from([1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1]);
    expect(connectedComponents(mask, 4, 3).count).toBe(4); // diagonal contacts do not connect
    const segmentation = segmentParticles({data: Float64Array.from(mask), width: 4, height: 3}, {smoothSigmaPx: 0, minAreaPx: 2, threshold: 0.5});
    expect(segmentation.count).toBe(1);
    expect(segmentation.pixelCounts).toEqual([2]);
  });
});

describe("labelOutline", () => {
  it("gives rings in um that rasterise back to exactly the particle's pixels, holes included", () => {
    const labels = new Int32Array(width * height);
    const image = diskImage(() => 1, 0);
    for (let i = 0; i < image.length; i++) labels[i] = image[i] ? 3 : 0;
    // A hole in the largest disk and a diagonal-only contact inside it.
    for (let y = 27; y < 32; y++) for (let x = 88; x < 93; x++) labels[y * width + x] = 0;
    labels[26 * width + 87] = 0;
    labels[25 * width + 86] = 0;
    const grid = {width, height, pixelWidthUm: 0.3125, pixelHeightUm: 0.5};
    const rings = labelOutline({data: labels, width, height}, 3, grid.pixelWidthUm, grid.pixelHeightUm);
    const mask = spansToMask(rasteriseRings(rings, grid));
    for (let i = 0; i < labels.length; i++) expect(mask[i]).toBe(labels[i] === 3 ? 1 : 0);
    expect(rings.length).toBeGreaterThanOrEqual(disks.length + 1);
  });
});

describe("particleOutlines", () => {
  it("gives one polygon ROI per segmented particle that rasterises back to its pixels", () => {
    const random = seededRandom(12);
    const segmentation = segmentParticles({data: poissonImage(diskImage(() => 12, 2), random), width, height});
    const grid = {width, height, pixelWidthUm: 0.3125, pixelHeightUm: 0.3125};
    const outlines = particleOutlines(segmentation, segmentation.count, "positive", 0.3125, 0.3125);
    expect(outlines.map((o) => o.name)).toEqual(Array.from({length: segmentation.count}, (_, i) => `particle ${i + 1}`));
    outlines.forEach((roi, i) => {
      const mask = spansToMask(rasteriseRings(roiRings(roi), grid));
      for (let p = 0; p < mask.length; p++) expect(mask[p]).toBe(segmentation.data[p] === i + 1 ? 1 : 0);
    });
  });
});

describe("classifyParticle", () => {
  const options = {pristineFrame: 0, chargedFrame: 1, dischargedFrame: 2};
  const trend = (rates: number[], areaUm2 = 50) => rates.map((r, frame) => ({frame, counts: Math.round(r * areaUm2), areaUm2}));

  it("calls a particle that keeps its charged signal after discharge irreversible", () => {
    expect(classifyParticle(trend([100, 140, 135]), options).classification).toBe("irreversible");
  });

  it("calls one that returns reversible, and one with no measurable response inactive", () => {
    expect(classifyParticle(trend([100, 140, 103]), options).classification).toBe("reversible");
    expect(classifyParticle(trend([100, 101, 101]), options).classification).toBe("inactive");
  });

  it("follows the ion's direction: a falling ion with direction -1", () => {
    const result = classifyParticle(trend([100, 60, 65]), {...options, direction: -1});
    expect(result.classification).toBe("irreversible");
    expect(result.retainedFraction).toBeCloseTo(35 / 40, 6);
  });

  it("needs every named frame in the trend", () => {
    expect(() => classifyParticle(trend([1, 2]), options)).toThrow(/no frame 2/);
  });
});

describe("registeredSum", () => {
  it("sums frames on the reference grid, moving each back by its rounded drift", () => {
    const data = new Uint16Array(2 * 5 * 4);
    data[1 * 5 + 1] = 7; // frame 0: (1, 1)
    data[20 + 2 * 5 + 3] = 5; // frame 1 drifted by (2, 1): (3, 2)
    const stack = {run: "r", region: "p", ion: "58Ni+", width: 5, height: 4, pixelWidthUm: 1, pixelHeightUm: 1, frames: [0, 1], data};
    const sum = registeredSum(stack, (frame) => (frame === 0 ? [0, 0] : [2.2, 0.9]));
    expect(sum.data[1 * 5 + 1]).toBe(12);
    expect(Array.from(sum.data).reduce((a, b) => a + b, 0)).toBe(12);
  });
});

describe("splitTouching (distance-transform watershed)", () => {
  const disk = (w: number, h: number, circles: {x: number; y: number; r: number}[]) =>
    Uint8Array.from({length: w * h}, (_, i) => (circles.some((c) => ((i % w) + 0.5 - c.x) ** 2 + (Math.floor(i / w) + 0.5 - c.y) ** 2 < c.r ** 2) ? 1 : 0));

  it("measures the Euclidean distance to the nearest background pixel, the image border included", () => {
    const mask = new Uint8Array(9 * 7).fill(1);
    mask[3 * 9 + 4] = 0;
    const distance = distanceTransform(mask, 9, 7);
    expect(distance[3 * 9 + 4]).toBe(0);
    expect(distance[3 * 9 + 5]).toBe(1);
    expect(distance[2 * 9 + 5]).toBeCloseTo(Math.SQRT2, 12);
    expect(distance[0]).toBe(1);
  });

  it("splits two touching disks into two particles along the neck and leaves a single disk whole", () => {
    const two = disk(80, 40, [{x: 25, y: 20, r: 11}, {x: 43, y: 21, r: 9}]);
    expect(connectedComponents(two, 80, 40).count).toBe(1);
    const {labels, count} = splitTouching(two, 80, 40);
    expect(count).toBe(2);
    expect(labels[20 * 80 + 25]).not.toBe(labels[21 * 80 + 43]);
    expect(splitTouching(disk(80, 40, [{x: 40, y: 20, r: 12}]), 80, 40).count).toBe(1);
  });

  it("is what segmentParticles does by default, and can be turned off", () => {
    const image = {data: Float64Array.from(disk(80, 40, [{x: 25, y: 20, r: 11}, {x: 43, y: 21, r: 9}]), (v) => 10 * v + 1), width: 80, height: 40};
    expect(segmentParticles(image).count).toBe(2);
    expect(segmentParticles(image, {split: false}).count).toBe(1);
  });
});
