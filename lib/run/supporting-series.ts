// The supporting series (paper Figures S3-S14, S16): every frame of every ion of one region, one grid per cycle,
// with the observation points numbered as on the charge-discharge curve and one colour scale per ion shared by
// all frames of both cycles, so that a change between any two frames reads off the same colours.
import {binRaster} from "../imaging/bin.js";
import {colorDomain, type ColorScaleType} from "../imaging/color-limits.js";
import {histogramPercentiles, type CountHistogram} from "../imaging/count-histogram.js";
import type {ImageStack, Raster} from "../imaging/raster.js";
import type {PixelGrid} from "../roi/rasterise.js";
import type {Table} from "apache-arrow";
import {imageOf, observationsOf, type RunAnalysis} from "./analysis.js";
import {regionName} from "./region-name.js";
import {regionGeometry} from "./run-roles.js";
import {ionOrder, pointTitle} from "./series-labels.js";

/** One entry of the build's count-histograms.json: a stack's counts over all its frames, binned. */
export interface StackHistogram extends CountHistogram {
  region: string;
  ion: string;
  binFactor: number;
}

export interface SeriesOptions {
  /** 1 (raw pixels), 2 or 4: counts summed over factor x factor pixels (lib/imaging/bin). */
  binFactor: number;
  colorType: ColorScaleType;
  /** Percentile limits (0..100) of each ion's colour scale, over all its frames. */
  percentiles: [number, number];
}

/** The colour scale's percentile limits for an upper limit: a log scale starts higher (5), above the zeros of sparse ions. */
export function seriesPercentiles(colorType: ColorScaleType, upperPercentile: number): [number, number] {
  return [colorType === "log" ? 5 : 1, upperPercentile];
}

/** One ion's column of a cycle's grid, as the seriesGrid component draws it. */
export interface SeriesColumn {
  /** Column title, e.g. the ion. */
  title: string;
  /** Colour-bar label: quantity and unit. */
  quantity: string;
  domain: [number, number];
  /** One image per row; null leaves the cell empty. */
  images: (Raster | null)[];
}

export interface CycleGrid {
  cycle: number;
  /** The points' numbers on the charge–discharge curve, one per row. */
  numbers: number[];
  /** The frames of the points, one per row. */
  frames: number[];
  rowTitles: string[][];
}

export interface RegionSeries {
  region: string;
  /** Its name (the manifest's label, else its id). */
  label: string;
  /** The field of view's width (it sets the images' scale bar) and its height over its width. */
  fieldWidthUm: number;
  imageAspect: number;
  ions: string[];
  /** Colour domain of each ion (shared by the grids of all cycles). */
  domains: Map<string, [number, number]>;
  cycles: CycleGrid[];
  /** Size of a displayed (binned) pixel. */
  pixelSizeUm: [number, number];
  binFactor: number;
  unit: string;
}

/**
 * The layout of a region's series, before any image is fetched: its ions (those the build made histograms of),
 * one grid per cycle, and each ion's colour domain from the histogram of all its frames, so that a grid drawn on
 * its own has the colours of all of them.
 */
export function regionSeries(analysis: RunAnalysis, region: string, grid: PixelGrid, histograms: StackHistogram[],
  {binFactor, colorType, percentiles}: SeriesOptions): RegionSeries {
  const own = histograms.filter((h) => h.region === region && h.binFactor === binFactor);
  const ions = ionOrder([...new Set(own.map((h) => h.ion))], analysis.manifest.ions.map((i) => i.id));
  const domains = new Map(ions.map((ion) => [ion, colorDomain([], {type: colorType, domain: histogramPercentiles(own.find((h) => h.ion === ion)!, percentiles)})]));
  const points = observationsOf(analysis, region);
  const cycles = [...new Set(points.map((p) => p.cycle))].sort((a, b) => a - b);
  return {
    region, ions, domains, binFactor,
    label: regionName(analysis.manifest, region),
    fieldWidthUm: grid.width * grid.pixelWidthUm,
    imageAspect: (grid.height * grid.pixelHeightUm) / (grid.width * grid.pixelWidthUm),
    unit: binFactor > 1 ? `counts per ${binFactor}×${binFactor} px` : "counts per pixel",
    pixelSizeUm: [grid.pixelWidthUm * binFactor, grid.pixelHeightUm * binFactor],
    cycles: cycles.map((cycle) => {
      const ofCycle = points.filter((p) => p.cycle === cycle);
      return {cycle, numbers: ofCycle.map((p) => p.number), frames: ofCycle.map((p) => p.frame), rowTitles: ofCycle.map(pointTitle)};
    })
  };
}

/** The series of every region of the run, each on its pixel grid (the `images` table's). */
export function supportingSeries(analysis: RunAnalysis, images: Table, histograms: StackHistogram[], options: SeriesOptions): RegionSeries[] {
  return analysis.manifest.regions.map((r) => regionSeries(analysis, r.id, regionGeometry(images, r.id), histograms, options));
}

/** Each ion's colour limits of each region, as the page tabulates them. */
export function colorLimitRows(series: RegionSeries[]): {region: string; ion: string; low: number; high: number}[] {
  return series.flatMap((s) => s.ions.map((ion) => ({region: s.region, ion, low: s.domains.get(ion)![0], high: s.domains.get(ion)![1]})));
}

/**
 * A cycle's grid in parts of at most `rowsPerPart` rows, in order, so that each part is fetched and drawn when it
 * comes into view: a tall grid's first rows show after their own frames, not every frame of the cycle.
 */
export function gridParts(grid: CycleGrid, rowsPerPart: number): CycleGrid[] {
  const parts: CycleGrid[] = [];
  for (let start = 0; start < grid.frames.length; start += rowsPerPart) {
    const end = start + rowsPerPart;
    parts.push({cycle: grid.cycle, numbers: grid.numbers.slice(start, end), frames: grid.frames.slice(start, end), rowTitles: grid.rowTitles.slice(start, end)});
  }
  return parts;
}

/** The columns of one cycle's grid (one per ion, binned) from the region's stacks of at least that cycle's frames. */
export function cycleColumns(series: RegionSeries, grid: CycleGrid, stacks: ImageStack[]): SeriesColumn[] {
  return series.ions.map((ion) => {
    const stack = stacks.find((s) => s.region === series.region && s.ion === ion);
    return {
      title: ion,
      quantity: series.unit,
      domain: series.domains.get(ion)!,
      images: grid.frames.map((frame) => {
        if (!stack?.frames.includes(frame)) return null;
        const raw = imageOf(stack, frame);
        return series.binFactor > 1 ? binRaster(raw, series.binFactor) : raw;
      })
    };
  });
}
