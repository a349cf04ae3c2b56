// Every figure component rendered from fixed data, bundled for Chromium by figures.test.ts. Nothing here is
// random or read from a file: the same code gives the same figures on any machine.
import {chargeDischarge, type CyclingRow} from "../../src/components/charge-discharge.js";
import {colorBar} from "../../src/components/color-bar.js";
import {imageGrid} from "../../src/components/image-grid.js";
import {imagePanel, type IonImage} from "../../src/components/image-panel.js";
import {lineProfile} from "../../src/components/line-profile.js";
import {massSpectrum} from "../../src/components/mass-spectrum.js";
import {mechanismSchematic} from "../../src/components/mechanism-schematic.js";
import type {ParticleTrendRow} from "@operando/lib/run/particles";
import {particleTrend} from "../../src/components/particle-trend.js";
import {rgbOverlay} from "../../src/components/rgb-overlay.js";
import {horizontalColorBar, seriesGrid} from "../../src/components/series-grid.js";
import {swatchLegend} from "../../src/components/swatch-legend.js";
import {trendChart, type TrendRow} from "../../src/components/trend-chart.js";

/** Counts of two round particles on a sloping background, `scale` times brighter; 48 x 24 px. */
function particlesImage(scale: number, shiftPx = 0): IonImage {
  const width = 48;
  const height = 24;
  const data = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const particle = (cx: number, cy: number, r: number) => Math.max(0, 1 - Math.hypot(x - cx - shiftPx, y - cy) / r);
      data[y * width + x] = Math.round(scale * (2 + x / 8 + 40 * particle(14, 12, 7) + 25 * particle(34, 10, 5)));
    }
  }
  return {data, width, height};
}

const ring = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

function trendRows(charged58Ni = 40): TrendRow[] {
  const observationNames = ["pristine", "charged", "discharged"];
  return ["region 1", "region 2"].flatMap((roi, r) =>
    ["6Li+", "58Ni+"].flatMap((ion, i) =>
      observationNames.map((observationName, frame) => {
        const value = 100 + (i === 1 ? [0, charged58Ni, 8][frame]! : [0, -6, -2][frame]!) * (r === 0 ? 1 : 0.5);
        return {roi, ion, frame, observationName, value, low: value - 4 - frame, high: value + 4 + frame};
      })
    )
  );
}

function cyclingRows(): CyclingRow[] {
  const rows: CyclingRow[] = [];
  for (const cycle of [1, 2]) {
    for (let k = 0; k <= 20; k++) {
      const capacityAh = k * 2.5e-6;
      rows.push({cycle, direction: "charge", mode: k < 17 ? "CC" : "CV", capacityAh, voltageV: 1.6 + 1.1 * (k / 20) ** 0.5, testTimeS: k * 180 + cycle * 8000});
      rows.push({cycle, direction: "discharge", mode: "CC", capacityAh: capacityAh * 0.9, voltageV: 2.6 - 1.0 * (k / 20) ** 2, testTimeS: k * 180 + cycle * 8000 + 4000});
    }
  }
  return rows;
}

function particleTrendRows(): ParticleTrendRow[] {
  const particles = [
    {id: "P1", classification: "reversible" as const, change: [1, 1.4, 1.05]},
    {id: "P2", classification: "irreversible" as const, change: [1, 1.5, 1.45]},
    {id: "P3", classification: "inactive" as const, change: [1, 1.02, 0.99]}
  ];
  return particles.flatMap(({id, classification, change}) =>
    change.map((value, frame) => ({id, classification, frame, number: frame + 1, observationName: ["pristine", "charged", "discharged"][frame]!, value, low: value - 0.05, high: value + 0.05}))
  );
}

/** Each figure by name; a promise for the ones that draw progressively. */
export function figures(): Record<string, () => Element | Promise<Element>> {
  const pixelSizeUm: [number, number] = [80 / 48, 40 / 24];
  return {
    "image-panel-linear": () =>
      imagePanel(particlesImage(1), {width: 480, pixelSizeUm, quantity: "58Ni+ counts per pixel", overlays: [{kind: "roi", ring: ring(10, 8, 40, 30), name: "region 1", color: "#ff5ab4"}, {kind: "particle", ring: ring(50, 5, 65, 25)}]}),
    "image-panel-log": () => imagePanel(particlesImage(10), {width: 480, pixelSizeUm, colorType: "log", quantity: "6Li+ counts per pixel", scaleBarUm: 20}),
    // A NanoSIMS-size field (7 um): the scale bar shrinks to fit (1 um).
    "image-panel-small-field": () => imagePanel(particlesImage(1), {width: 480, pixelSizeUm: 7 / 48, quantity: "12C counts per pixel"}),
    "image-grid": () =>
      imageGrid(
        [
          {title: ["58Ni+", "positive"], quantity: "58Ni+ counts per pixel", images: [particlesImage(1), particlesImage(1.4, 1), null], pixelSizeUm},
          {title: ["6Li+", "positive"], quantity: "6Li+ counts per pixel", images: [particlesImage(3), particlesImage(2.6), particlesImage(2.9)], pixelSizeUm, overlays: [{kind: "llto", ring: ring(20, 10, 60, 20)}]}
        ],
        {width: 900, columns: ["before charging", "after the first charge", "after discharge"]}
      ),
    "rgb-overlay": () =>
      rgbOverlay([{ion: "58Ni+", image: particlesImage(1)}, {ion: "48Ti+", image: particlesImage(2, 6)}, {ion: "6Li+", image: particlesImage(0.5, -4)}], {width: 480, pixelSizeUm}),
    "line-profile": () => lineProfile(particlesImage(1), [5, 20], [75, 20], {width: 480, pixelSizeUm, quantity: "58Ni+ counts per pixel", series: [{name: "charged", image: particlesImage(1.4)}]}),
    "trend-chart": () => trendChart(trendRows(), {width: 640, quantity: "counts per um2", roiColors: {"region 1": "#1f77b4", "region 2": "#ff5ab4"}}),
    // The dead-time page rings the values whose masks hold saturated pixels.
    "trend-chart-flagged": () => trendChart(trendRows().map((row) => ({...row, flagged: row.roi === "region 1" && row.observationName === "charged"})), {width: 640, quantity: "counts per um2"}),
    "charge-discharge": () => chargeDischarge(cyclingRows(), {width: 640, points: [{number: 1, capacityAh: 0, voltageV: 1.6}, {number: 2, capacityAh: 50e-6, voltageV: 2.7}]}),
    "charge-discharge-time": () => chargeDischarge(cyclingRows(), {width: 640, x: "time"}),
    "particle-trend": () => particleTrend(particleTrendRows(), {width: 640, quantity: "58Ni+ counts per um2 relative to pristine"}),
    "mechanism-schematic": () => mechanismSchematic({width: 640}),
    "mass-spectrum": () => {
      const mzU = Float64Array.from({length: 700}, (_, i) => 5 + i * 0.1);
      const counts = Float64Array.from(mzU, (m) => 3 + 900 * Math.exp(-(((m - 7.016) / 0.05) ** 2)) + 60 * Math.exp(-(((m - 6.015) / 0.05) ** 2)) + 400 * Math.exp(-(((m - 57.935) / 0.08) ** 2)));
      return massSpectrum({mzU, counts}, {width: 640, windows: [{ion: "6Li+", lowU: 5.715, highU: 6.315}, {ion: "58Ni+", lowU: 57.635, highU: 58.235}], fromU: 5, toU: 70, scale: "log"});
    },
    "color-bar": () => colorBar({type: "log", domain: [1, 1000], label: "6Li+ counts per pixel", heightPx: 200}),
    "horizontal-color-bar": () => horizontalColorBar({type: "linear", domain: [0, 42], label: "48Ti+ counts per pixel", widthPx: 300}),
    "swatch-legend": () => swatchLegend([{name: "region 1", color: "#1f77b4"}, {name: "region 2", color: "#ff5ab4", shape: "square"}], {width: 300}),
    "series-grid": async () => {
      const grid = seriesGrid(
        [
          {title: "58Ni+", quantity: "58Ni+ counts per pixel", domain: [0, 50], images: [particlesImage(1), particlesImage(1.3), particlesImage(1.1)]},
          {title: "48Ti+", quantity: "48Ti+ counts per pixel", domain: [0, 100], images: [particlesImage(2), null, particlesImage(1.8)]}
        ],
        {width: 640, rows: [["1", "pristine"], ["2", "charged"], ["3", "discharged"]], pixelSizeUm}
      );
      document.body.append(grid);
      while (grid.dataset.complete !== "true") await new Promise((resolve) => requestAnimationFrame(resolve));
      return grid;
    }
  };
}

/** Figures that differ from one of `figures()` in one number, to show that a comparison notices. */
export function variants(): Record<string, () => Element> {
  return {"trend-chart-one-value-changed": () => trendChart(trendRows(41), {width: 640, quantity: "counts per um2", roiColors: {"region 1": "#1f77b4", "region 2": "#ff5ab4"}})};
}
