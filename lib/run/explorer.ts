// What the explorer page shows besides its image (lib/run/explorer-image.ts): a region's ions, points and own ROIs,
// the stacks the image in view needs, the trend's inputs from the build's tables, and the RGB overlay's channels.
import type {Table} from "apache-arrow";
import type {Normalisation} from "../imaging/normalise.js";
import {TOTAL_ION, type Raster} from "../imaging/raster.js";
import type {RegionGrid} from "../roi/aggregate.js";
import {regionRoiFeatures} from "../roi/features.js";
import type {PixelGrid} from "../roi/rasterise.js";
import type {RoiFeature} from "../roi/ring.js";
import type {RoiTrendRow} from "../roi/trend.js";
import {roiTrendRowsFromTable} from "../roi/trend-table.js";
import {observationsOf, type RunAnalysis} from "./analysis.js";
import {explorerImage} from "./explorer-image.js";
import type {FigureRoles} from "./figure-roles.js";
import {imageCountTotals, regionGeometry} from "./run-roles.js";
import {ionOrder} from "./series-labels.js";

export interface ExplorerRegion {
  /** The region's ions with images, in the manifest's order, the total-ion image last. */
  ions: string[];
  /** Its observation points, numbered as on the charge–discharge curve. */
  points: ReturnType<typeof observationsOf>;
  /** The run's own ROIs of the region as the editor's features. */
  runFeatures: RoiFeature[];
  /** Its particle marker ion (roles.json), the one the page starts on; undefined when the region has none. */
  markerIon: string | undefined;
  /** Whether it has a total-ion image (the TIC normalisation needs it). */
  hasTotalIon: boolean;
}

/** A region as the explorer offers it, from the stacks' index (`ions`, before any image is fetched). */
export function explorerRegion(analysis: RunAnalysis, {ions, roles, roiFile}: {ions: string[]; roles: Pick<FigureRoles, "particles">;
  roiFile: Parameters<typeof regionRoiFeatures>[0]}, region: string): ExplorerRegion {
  return {
    ions: ionOrder(ions, analysis.manifest.ions.map((i) => i.id)),
    points: observationsOf(analysis, region),
    runFeatures: regionRoiFeatures(roiFile, region),
    markerIon: roles.particles.find((p) => p.region === region)?.markerIon,
    hasTotalIon: ions.includes(TOTAL_ION)
  };
}

/** The ions the image of `ion` needs: itself, and the total-ion image for the TIC normalisation. */
export function imageIons(ion: string, normalisation: Normalisation): string[] {
  return normalisation === "totalIonFraction" && ion !== TOTAL_ION ? [ion, TOTAL_ION] : [ion];
}

/** The region's stack of each ion, once each (the RGB channels may name one ion twice). */
export function regionStacks(region: string, ions: readonly string[]): {region: string; ion: string}[] {
  return [...new Set(ions)].map((ion) => ({region, ion}));
}

/** The field of view of a pixel grid, [x, y] in µm. */
export function fieldSizeUm(grid: PixelGrid): [number, number] {
  return [grid.width * grid.pixelWidthUm, grid.height * grid.pixelHeightUm];
}

export interface ExplorerTrendInputs {
  /** The region's pixel grid and the ion's frames: every frame the trend has a point of. */
  grid: RegionGrid;
  /** The build's trend rows of the region's own ROIs (roi-trends, every ion). */
  buildRows: RoiTrendRow[];
  /** The whole image's total-ion counts of each frame (the images table's), for the TIC normalisation. */
  totalIonCounts: Map<number, number>;
}

/**
 * The explorer trend's inputs for one (region, ion) from the build's `images` and `roi-trends` tables and the
 * stacks' index (`framesOf`: the frames with an image of a (region, ion)).
 */
export function explorerTrendInputs(images: Table, roiTrends: Table, stackIndex: {framesOf(region: string, ion: string): number[]},
  {region, ion}: {region: string; ion: string}): ExplorerTrendInputs {
  const imageTotal = imageCountTotals(images);
  return {
    grid: {region, ...regionGeometry(images, region), frames: stackIndex.framesOf(region, ion)},
    buildRows: roiTrendRowsFromTable(roiTrends).filter((r) => r.region === region),
    totalIonCounts: new Map(stackIndex.framesOf(region, TOTAL_ION).map((frame) => [frame, imageTotal(region, TOTAL_ION, frame)]))
  };
}

/**
 * The RGB overlay's channels at one frame: each ion's counts, binned and registered as the image above is; null
 * when two channels name the same ion (an overlay of one ion with itself says nothing).
 */
export function rgbChannels(analysis: RunAnalysis, {region, ions, frame, binFactor, registered}:
  {region: string; ions: readonly string[]; frame: number; binFactor: number; registered: boolean}): {ion: string; image: Raster}[] | null {
  if (new Set(ions).size !== ions.length) return null;
  return ions.map((ion) => ({ion, image: explorerImage(analysis, {region, ion, frame, normalisation: "counts", binFactor, registered}).image}));
}
