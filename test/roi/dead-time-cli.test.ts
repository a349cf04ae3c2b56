// npm run roi on a run whose manifest gives the pulses per pixel: the dead-time columns beside the trend table.
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "dead-time-cli-"));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));
const run = (script: string, ...args: string[]) => spawnSync("npx", ["tsx", script, ...args], {cwd: root, encoding: "utf8"});

describe("npm run roi with detector.pulsesPerPixel in the manifest", () => {
  it("adds the corrected counts, their interval and the saturated pixels; 7Li+ corrected above observed", () => {
    const folder = join(scratch, "saturating");
    expect(run("bin/make-dataset.ts", "--out", folder, "--pulses", "400", "--quiet").status).toBe(0);
    expect(JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")).detector).toEqual({pulsesPerPixel: 400});
    const out = join(scratch, "trends.csv");
    const result = run("bin/roi.ts", folder, join(folder, "rois.geojson"), out);
    expect(result.status, result.stderr).toBe(0);
    const [header, ...lines] = readFileSync(out, "utf8").trim().split("\n");
    const names = header.split(",");
    expect(names).toEqual(["roi", "region", "ion", "frame", "counts", "area_um2", "counts_per_um2", "counts_per_um2_low", "counts_per_um2_high",
      "drift_x_px", "drift_y_px", "drift_sd_px", "registration_sd_counts", "pulses_per_pixel", "dead_time_corrected_counts", "dead_time_corrected_counts_per_um2",
      "dead_time_corrected_counts_per_um2_low", "dead_time_corrected_counts_per_um2_high", "saturated_pixels"]);
    const rows = lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i], v])));
    const lithium = rows.filter((r) => r.ion === "7Li+" && Number(r.counts) > 0);
    expect(lithium.length).toBeGreaterThan(0);
    for (const r of lithium) {
      expect(Number(r.pulses_per_pixel)).toBe(400);
      expect(Number(r.dead_time_corrected_counts)).toBeGreaterThan(Number(r.counts));
      expect(Number(r.dead_time_corrected_counts_per_um2_low)).toBeLessThan(Number(r.dead_time_corrected_counts_per_um2));
      expect(Number(r.dead_time_corrected_counts_per_um2_high)).toBeGreaterThan(Number(r.dead_time_corrected_counts_per_um2));
    }
    // 7Li+ fills 70% of the pulses in the electrolyte (lib/model/experiment.ts): the correction is large there.
    expect(Math.min(...lithium.map((r) => Number(r.counts) / Number(r.dead_time_corrected_counts)))).toBeLessThan(0.8);
    for (const r of rows.filter((r) => r.ion !== "total")) expect(Number.isInteger(Number(r.saturated_pixels)) && r.saturated_pixels !== "").toBe(true);
    // The total-ion image sums many masses, each with its own dead time: it is not corrected.
    for (const r of rows.filter((r) => r.ion === "total")) expect([r.pulses_per_pixel, r.dead_time_corrected_counts]).toEqual(["", ""]);
  }, 120_000);
});
