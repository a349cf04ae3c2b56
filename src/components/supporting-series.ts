// The supporting series (paper Figures S3-S14, S16): every frame of every ion of one region, one grid per cycle,
// with the observation points numbered as on the charge-discharge curve and one colour scale per ion shared by
// all frames of both cycles, so that a change between any two frames reads off the same colours.
import {binRaster} from "@operando/lib/imaging/bin";
import {colorDomain, countPercentileLimits, type ColorScaleType} from "./color-limits.js";
import type {IonImage} from "./image-panel.js";
import {imageOf, observationsOf, type RunAnalysis} from "@operando/lib/run/analysis";
import type {SeriesColumn} from "./series-grid.js";
import {ionOrder, pointTitle} from "./series-labels.js";

export interface SeriesOptions {
  /** 1 (raw pixels), 2 or 4: counts summed over factor x factor pixels (lib/imaging/bin). */
  binFactor: number;
  colorType: ColorScaleType;
  /** Percentile limits (0..100) of each ion's colour scale, over all its frames. */
  percentiles: [number, number];
}

export interface CycleGrid {
  cycle: number;
  /** The points' numbers on the charge–discharge curve, one per row. */
  numbers: number[];
  rowTitles: string[][];
  /** One column per ion. */
  columns: SeriesColumn[];
}

export interface RegionSeries {
  region: string;
  ions: string[];
  /** Colour domain of each ion (shared by the grids of all cycles). */
  domains: Map<string, [number, number]>;
  cycles: CycleGrid[];
  /** Size of a displayed (binned) pixel. */
  pixelSizeUm: [number, number];
  unit: string;
}

export function regionSeries(analysis: RunAnalysis, region: string, {binFactor, colorType, percentiles}: SeriesOptions): RegionSeries {
  const stacks = analysis.stacks.filter((s) => s.region === region);
  const ions = ionOrder(stacks.map((s) => s.ion), analysis.manifest.ions.map((i) => i.id));
  const points = observationsOf(analysis, region);
  const cycles = [...new Set(points.map((p) => p.cycle))].sort((a, b) => a - b);
  const images = new Map<string, Map<number, IonImage>>();
  const domains = new Map<string, [number, number]>();
  for (const ion of ions) {
    const stack = stacks.find((s) => s.ion === ion)!;
    const byFrame = new Map<number, IonImage>();
    for (const frame of stack.frames) {
      const raw = imageOf(stack, frame);
      byFrame.set(frame, binFactor > 1 ? binRaster(raw, binFactor) : raw);
    }
    images.set(ion, byFrame);
    domains.set(ion, colorDomain([], {type: colorType, domain: countPercentileLimits([...byFrame.values()].map((image) => image.data), percentiles)}));
  }
  const unit = binFactor > 1 ? `counts per ${binFactor}×${binFactor} px` : "counts per pixel";
  return {
    region,
    ions,
    domains,
    unit,
    pixelSizeUm: [stacks[0].pixelWidthUm * binFactor, stacks[0].pixelHeightUm * binFactor],
    cycles: cycles.map((cycle) => {
      const ofCycle = points.filter((p) => p.cycle === cycle);
      return {
        cycle,
        numbers: ofCycle.map((p) => p.number),
        rowTitles: ofCycle.map(pointTitle),
        columns: ions.map((ion) => ({
          title: ion,
          quantity: unit,
          domain: domains.get(ion)!,
          images: ofCycle.map((p) => images.get(ion)!.get(p.frame) ?? null)
        }))
      };
    })
  };
}
