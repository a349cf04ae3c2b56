import {describe, expect, it} from "vitest";
import {rgbPixels} from "../../src/components/rgb-pixels.js";

describe("rgbPixels", () => {
  it("scales each channel between its own limits into its byte, clamped", () => {
    const red = {data: [0, 50, 100, 200], domain: [0, 100] as [number, number]};
    const green = {data: [10, 10, 20, 0], domain: [10, 20] as [number, number]};
    const packed = rgbPixels([red, green], 4);
    expect([...packed].map((v) => v.toString(16).padStart(6, "0"))).toEqual(["000000", "800000", "ffff00", "ff0000"]);
  });

  it("puts a third image in blue", () => {
    const zero = {data: [0], domain: [0, 1] as [number, number]};
    expect(rgbPixels([zero, zero, {data: [1], domain: [0, 1]}], 1)[0]).toBe(0x0000ff);
  });
});
