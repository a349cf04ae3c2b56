import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {ISOTOPES, isotopeCheck, peakIn} from "@operando/lib/spectra/peaks";
import {readSpectrumText, SpectrumTextError, sniffSpectrumText} from "@operando/loaders/spectra/read-spectrum-text";
import {LoaderError} from "@operando/loaders/errors";
import {createRandom} from "@operando/lib/model/random";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

/** Gaussian peaks of resolution m/Δm on a flat background, sampled every `stepU`, as Poisson counts if `random`. */
function spectrumOf(peaks: {massU: number; counts: number}[], resolution: number, stepU = 0.001, random?: ReturnType<typeof createRandom>) {
  const mzU = Float64Array.from({length: Math.round(70 / stepU)}, (_, i) => 0.5 + i * stepU);
  const counts = Float64Array.from(mzU, (m) => {
    let mean = 0.2;
    for (const p of peaks) {
      const sigma = p.massU / resolution / 2.3548;
      mean += (p.counts * stepU) / (sigma * Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * ((m - p.massU) / sigma) ** 2);
    }
    return random ? random.poisson(mean) : mean;
  });
  return {mzU, counts};
}

describe("peakIn", () => {
  it("finds a peak's apex and its mass resolution m/Δm from the half-maximum width", () => {
    const spectrum = spectrumOf([{massU: 57.935, counts: 1e6}], 4000);
    const peak = peakIn(spectrum, {ion: "58Ni+", lowU: 57.635, highU: 58.235});
    expect(peak.apexU).toBeCloseTo(57.935, 3);
    expect(peak.resolution / 4000).toBeGreaterThan(0.97);
    expect(peak.resolution / 4000).toBeLessThan(1.03);
    expect(peak.counts / 1e6).toBeCloseTo(1, 2);
  });
});

describe("isotopeCheck", () => {
  it("holds the natural 6Li/7Li and 58Ni/60Ni ratios within its interval on Poisson counts of natural abundance", () => {
    const random = createRandom(7);
    const total = {Li: 2e5, Ni: 5e4};
    const peaks = [["6Li", total.Li], ["7Li", total.Li], ["58Ni", total.Ni], ["60Ni", total.Ni]].map(([name, n]) => ({massU: ISOTOPES[name as string]!.massU, counts: (n as number) * ISOTOPES[name as string]!.abundance}));
    const spectrum = spectrumOf(peaks, 2000, 0.0005, random);
    for (const [light, heavy] of [["6Li", "7Li"], ["58Ni", "60Ni"]] as const) {
      const check = isotopeCheck(spectrum, light, heavy)!;
      expect(check.low).toBeLessThan(check.natural * 1.01);
      expect(check.high).toBeGreaterThan(check.natural * 0.99);
      expect(check.high / check.low).toBeLessThan(1.2);
    }
  });

  it("is null when the spectrum does not reach both isotopes", () => {
    expect(isotopeCheck({mzU: Float64Array.of(1, 2, 3), counts: Float64Array.of(1, 1, 1)}, "58Ni", "60Ni")).toBeNull();
  });
});

describe("readSpectrumText on a real SurfaceLab spectrum export", () => {
  const path = `${SHARED_FIXTURES}sims/spectrum/surfacelab_spectrum_N_HEA19_Bi1.txt`;
  const bytes = new Uint8Array(readFileSync(path));

  it("reads its settings and every channel", () => {
    expect(sniffSpectrumText(bytes)).toBe(true);
    const spectrum = readSpectrumText(bytes, path);
    expect(spectrum.settings).toEqual({"Binning": "200 channels", "Deadtime Correction": "on"});
    expect(spectrum.mzU.length).toBe(4950);
    expect([spectrum.channel[0], spectrum.mzU[0], spectrum.counts[0]]).toEqual([100, 0.000202, 2]);
    expect(spectrum.mzU.at(-1)).toBeCloseTo(901.278719, 6);
  });

  it("cut anywhere, gives an error naming the line or exactly the rows before the cut", () => {
    const whole = readSpectrumText(bytes, path);
    const random = createRandom(11);
    for (let k = 0; k < 60; k++) {
      const cut = bytes.subarray(0, Math.floor(random.uniform() * bytes.length));
      try {
        const part = readSpectrumText(cut, path);
        expect(Array.from(part.counts)).toEqual(Array.from(whole.counts.subarray(0, part.counts.length)));
        expect(Array.from(part.mzU)).toEqual(Array.from(whole.mzU.subarray(0, part.mzU.length)));
      } catch (error) {
        expect(error).toBeInstanceOf(SpectrumTextError);
        expect((error as LoaderError).message).toMatch(/\(line \d+\)$/);
      }
    }
  });
});
