// A run's figure roles from its tables, as the build writes them (roles.json) and the pages read them.
import type {Table} from "apache-arrow";
import type {Roi} from "../roi/types.js";
import {figureRoles, type DeclaredFigureRoles, type FigureRoles} from "./figure-roles.js";

export interface RoleManifest {
  regions: {id: string; label?: string}[];
  ions: {id: string; regions?: string[]}[];
  figures?: DeclaredFigureRoles;
}

/** Total counts per region and ion from the `images` table (docs/data-model.md). */
export function countTotals(images: Table): Map<string, number> {
  const totals = new Map<string, number>();
  const region = images.getChild("region")!;
  const ion = images.getChild("ion")!;
  const counts = images.getChild("total_counts")!;
  for (let i = 0; i < images.numRows; i++) {
    const key = `${region.get(i)}\u0000${ion.get(i)}`;
    totals.set(key, (totals.get(key) ?? 0) + Number(counts.get(i)));
  }
  return totals;
}

/** The total counts of each image (region, ion, frame) from the `images` table; NaN for an image it lacks. */
export function imageCountTotals(images: Table): (region: string, ion: string, frame: number) => number {
  const totals = new Map<string, number>();
  const [region, ion, frame, counts] = ["region", "ion", "frame", "total_counts"].map((name) => images.getChild(name)!);
  for (let i = 0; i < images.numRows; i++) totals.set(`${region.get(i)}\u0000${ion.get(i)}\u0000${frame.get(i)}`, Number(counts.get(i)));
  return (r, n, f) => totals.get(`${r}\u0000${n}\u0000${f}`) ?? NaN;
}

/** The pixel grid of a region's images (its first image's, as every image of a region shares it), from the `images` table. */
export function regionGeometry(images: Table, region: string): {width: number; height: number; pixelWidthUm: number; pixelHeightUm: number} {
  const regions = images.getChild("region")!;
  let row = 0;
  while (row < images.numRows && regions.get(row) !== region) row++;
  if (row === images.numRows) throw new RangeError(`the images table has no image of region "${region}"`);
  const at = (name: string) => Number(images.getChild(name)!.get(row));
  return {width: at("width"), height: at("height"), pixelWidthUm: at("pixel_width_um"), pixelHeightUm: at("pixel_height_um")};
}

/**
 * Without the images table (a build whose images could not all be read) the declared roles are checked all the
 * same, so that their problems come in the same round; only the defaults' brightest ions need the counts.
 */
export function runRoles(manifest: RoleManifest, images: Table | undefined, rois: readonly Roi[]): FigureRoles {
  const totals = images ? countTotals(images) : new Map<string, number>();
  return figureRoles(manifest.figures, {
    regions: manifest.regions,
    ions: manifest.ions,
    rois: rois.map((roi) => ({name: roi.name, region: roi.region})),
    totalCounts: (region, ion) => totals.get(`${region}\u0000${ion}`) ?? 0
  });
}
