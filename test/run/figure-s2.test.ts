// Figure S2 of a run on a spectrum with known peaks: Gaussian 6Li and 7Li peaks of the same width, one channel
// every 0.001 u from 5 to 65 u.
import {describe, expect, it} from "vitest";
import {tableFromArrays} from "apache-arrow";
import {isotopeFileRows, peakFileRows, spectrumFigure, spectrumFileColumns, spectrumFromTable} from "@operando/lib/run/figure-s2";

const SIGMA_U = 0.01;
const peaks = [{massU: 6.015123, height: 100}, {massU: 7.016003, height: 1217}];
const mzU = Float64Array.from({length: 60_001}, (_, i) => (5000 + i) / 1000);
const counts = Float64Array.from(mzU, (m) => peaks.reduce((sum, p) => sum + p.height * Math.exp(-((m - p.massU) ** 2) / (2 * SIGMA_U ** 2)), 0));
const spectrumTable = tableFromArrays({mz_u: mzU, counts});
const ions = [{id: "6Li+", massU: 6.015}, {id: "7Li+", massU: 7.016, windowU: [6.9, 7.1] as [number, number]}, {id: "total"}];

describe("spectrumFigure", () => {
  const figure = spectrumFigure(spectrumTable, ions);

  it("gives a window to every ion with a mass (the manifest's own, else ±0.3 u) and measures each peak", () => {
    expect(figure.windows).toEqual([{ion: "6Li+", lowU: expect.closeTo(5.715, 9), highU: expect.closeTo(6.315, 9)}, {ion: "7Li+", lowU: 6.9, highU: 7.1}]);
    expect(figure.peaks.map((p) => p.ion)).toEqual(["6Li+", "7Li+"]);
    for (const [i, peak] of figure.peaks.entries()) {
      expect(peak.apexU).toBeCloseTo(peaks[i].massU, 2);
      // A Gaussian's FWHM is 2 sqrt(2 ln 2) sigma.
      expect(peak.fwhmU / (2 * Math.sqrt(2 * Math.LN2) * SIGMA_U)).toBeCloseTo(1, 2);
    }
  });

  it("checks the Li isotope ratio against natural abundance, and no pair whose isotopes have no counts", () => {
    expect(figure.isotopeChecks.map((c) => `${c.light}/${c.heavy}`)).toEqual(["6Li/7Li"]);
    // Peaks of one width: the ratio of their sums is the ratio of their heights.
    expect(figure.isotopeChecks[0].ratio).toBeCloseTo(100 / 1217, 4);
    expect(figure.unfilled).toEqual({});
  });

  it("offers the spectrum up to its last channel, and first shows up to 70 u or past the last window, within the spectrum", () => {
    expect(figure.lastU).toBe(65);
    expect(figure.initialToU).toBe(65);
    const wide = spectrumFigure(spectrumTable, [{id: "far", massU: 50}, {id: "Li", windowU: [6.9, 7.1]}]);
    expect(wide.initialToU).toBe(65);
    const short = spectrumFigure(tableFromArrays({mz_u: mzU.subarray(0, 50_001), counts: counts.subarray(0, 50_001)}), [{id: "x", massU: 30}]);
    expect([short.lastU, short.initialToU]).toEqual([55, 55]);
  });

  it("says why there is no figure for a run without a spectrum, and why there is no isotope check", () => {
    const none = spectrumFigure(tableFromArrays({mz_u: new Float64Array(), counts: new Float64Array()}), ions);
    expect(none.spectrum).toBeNull();
    expect([none.peaks, none.isotopeChecks]).toEqual([[], []]);
    expect(none.unfilled.spectrum).toMatch(/no mass spectrum/);
    expect([none.lastU, none.initialToU]).toEqual([100, 70]);
    const noLi = spectrumFigure(tableFromArrays({mz_u: mzU.subarray(30_000), counts: counts.subarray(30_000)}), ions);
    expect(noLi.unfilled).toEqual({isotopes: expect.stringMatching(/no isotope ratio to check/)});
  });
});

describe("spectrumFromTable", () => {
  it("reads the spectrum's columns as Float64Arrays, whatever their stored type", () => {
    const spectrum = spectrumFromTable(tableFromArrays({mz_u: Float32Array.from([1, 2]), counts: Int32Array.from([5, 7])}))!;
    expect(spectrum.mzU).toBeInstanceOf(Float64Array);
    expect(Array.from(spectrum.counts)).toEqual([5, 7]);
  });
});

describe("the downloads' rows", () => {
  const figure = spectrumFigure(spectrumTable, ions);

  it("keep the channels of the range shown, both ends included", () => {
    const columns = spectrumFileColumns(figure.spectrum!, 6, 6.005);
    expect(Array.from(columns.mz_u)).toEqual([6, 6.001, 6.002, 6.003, 6.004, 6.005]);
    expect(columns.counts[1]).toBe(counts[1001]);
  });

  it("hold each peak's window, counts, apex, width and resolution, and each isotope ratio with its interval", () => {
    const [row] = peakFileRows(figure.peaks);
    const peak = figure.peaks[0];
    expect(row).toEqual({ion: "6Li+", window_low_u: peak.window.lowU, window_high_u: peak.window.highU, counts: peak.counts, apex_u: peak.apexU, fwhm_u: peak.fwhmU, resolution: peak.resolution});
    const check = figure.isotopeChecks[0];
    expect(isotopeFileRows(figure.isotopeChecks)).toEqual([{light: "6Li", heavy: "7Li", ratio: check.ratio, low_95: check.low, high_95: check.high, natural: check.natural}]);
    expect(check.low).toBeLessThan(check.ratio);
  });
});
