import {describe, expect, it} from "vitest";
import {sampleProfile} from "@operando/lib/imaging/profile";

// 20 x 4 pixels whose value is the column index: a ramp along x.
const ramp = {data: Float64Array.from({length: 80}, (_, i) => i % 20), width: 20, height: 4};

describe("sampleProfile", () => {
  it("recovers a linear ramp exactly between pixel centres (bilinear)", () => {
    // Pixel size 0.5 um: centre of pixel 0 at 0.25 um, of pixel 10 at 5.25 um.
    const samples = sampleProfile(ramp, [0.5, 0.5], [0.25, 1], [5.25, 1]);
    expect(samples).toHaveLength(11);
    samples.forEach((sample, i) => {
      expect(sample.value).toBeCloseTo(i, 12);
      expect(sample.distanceUm).toBeCloseTo(0.5 * i, 12);
    });
  });

  it("interpolates half-way between centres bilinearly, and takes the covering pixel for nearest", () => {
    const at = (method: "bilinear" | "nearest") => sampleProfile(ramp, [0.5, 0.5], [1.0, 1], [1.0, 1.5], method)[0].value;
    expect(at("bilinear")).toBeCloseTo(1.5, 12); // x = 1.0 um lies between the centres of pixels 1 and 2
    expect(at("nearest")).toBe(2); // [1.0, 1.5) um is pixel 2
  });

  it("spaces samples by at most one pixel, with distances in um for non-square pixels", () => {
    const samples = sampleProfile(ramp, [1, 2], [0, 0], [3, 4]);
    const lengthPx = Math.hypot(3 / 1, 4 / 2);
    expect(samples.length).toBe(Math.ceil(lengthPx) + 1);
    expect(samples.at(-1)!.distanceUm).toBeCloseTo(5, 12);
    expect(samples.at(-1)!.xUm).toBe(3);
  });

  it("clamps outside the image to the edge pixels", () => {
    const [first, last] = [sampleProfile(ramp, [1, 1], [-5, 1], [30, 1])[0], sampleProfile(ramp, [1, 1], [-5, 1], [30, 1]).at(-1)!];
    expect(first.value).toBe(0);
    expect(last.value).toBe(19);
  });
});
