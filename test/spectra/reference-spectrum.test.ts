// The reference dataset's spectrum (the forward model's Figure S2) read back by our spectrum reader: each imaged
// ion's peak holds the counts of its pristine images, at the model's resolution, with natural Ni and Ti isotopes.
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {DEFAULT_HALF_WIDTH_U, isotopeCheck, peakIn} from "@operando/lib/spectra/peaks";
import {SPECTRUM_OPTIONS} from "@operando/lib/model/spectrum";
import {readSpectrumText} from "@operando/loaders/spectra/read-spectrum-text";
import {makeDataset} from "../model/generate.js";

describe("the reference dataset's spectrum", () => {
  const folder = join(mkdtempSync(join(tmpdir(), "operando-spectrum-")), "run");

  it("holds each ion's pristine counts in its peak, resolves it at the model's m/Δm, and has natural Ni and Ti isotopes", () => {
    expect(makeDataset(["--out", folder, "--pixels", "64x24"]).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf-8"));
    const path = join(folder, manifest.spectrum);
    const spectrum = readSpectrumText(new Uint8Array(readFileSync(path)), path);
    const truth = JSON.parse(readFileSync(join(folder, "truth", "truth.json"), "utf-8"));
    const pristine = new Map<string, number>();
    for (const t of truth.images) if (t.frame === 0 && t.ion !== "total") pristine.set(t.ion, (pristine.get(t.ion) ?? 0) + t.totalCounts);
    for (const ion of manifest.ions.filter((i: {massU?: number}) => i.massU !== undefined)) {
      const peak = peakIn(spectrum, {ion: ion.id, lowU: ion.massU - DEFAULT_HALF_WIDTH_U, highU: ion.massU + DEFAULT_HALF_WIDTH_U});
      const expected = pristine.get(ion.id)!;
      // The window also holds the background: 0.5 counts in each of its channels.
      const channels = spectrum.mzU.filter((m) => m >= peak.window.lowU && m <= peak.window.highU).length;
      const mean = expected + SPECTRUM_OPTIONS.backgroundPerChannel * channels;
      expect(Math.abs(peak.counts - mean), ion.id).toBeLessThan(5 * Math.sqrt(mean) + 2);
      if (expected > 1e4) expect(peak.resolution / SPECTRUM_OPTIONS.resolution, ion.id).toBeGreaterThan(0.85);
      if (expected > 1e4) expect(peak.resolution / SPECTRUM_OPTIONS.resolution, ion.id).toBeLessThan(1.15);
    }
    for (const [light, heavy] of [["58Ni", "60Ni"], ["46Ti", "48Ti"]]) {
      const check = isotopeCheck(spectrum, light!, heavy!)!;
      expect(check.low, `${light}/${heavy}`).toBeLessThan(check.natural);
      expect(check.high, `${light}/${heavy}`).toBeGreaterThan(check.natural);
    }
  }, 120_000);
});
