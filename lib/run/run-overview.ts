// The overview page of a run: each region's field of view as its images were read, how many observation points
// it has, its frames as table rows, and what each figure of the run shows, in words.
import type {Table} from "apache-arrow";
import type {FigureRoles, RegionFigure} from "./figure-roles.js";
import {regionName} from "./region-name.js";
import {regionGeometry} from "./run-roles.js";

export interface RegionField {
  region: string;
  name: string;
  /** The region's field of view, null when the run has no image of it. */
  size: {widthPx: number; heightPx: number; widthUm: number; heightUm: number} | null;
}

/** Each region of the manifest with its field of view from the images table: a manifest may leave sizes to the files' headers. */
export function regionFields(manifest: {regions: {id: string; label?: string}[]}, images: Table): RegionField[] {
  const imaged = new Set(Array.from({length: images.numRows}, (_, i) => images.getChild("region")!.get(i)));
  return manifest.regions.map(({id}) => {
    if (!imaged.has(id)) return {region: id, name: regionName(manifest, id), size: null};
    const {width, height, pixelWidthUm, pixelHeightUm} = regionGeometry(images, id);
    return {region: id, name: regionName(manifest, id), size: {widthPx: width, heightPx: height, widthUm: width * pixelWidthUm, heightUm: height * pixelHeightUm}};
  });
}

/** "Positive electrode (80.0 × 30.0 µm, 256 × 96 pixels); …", each region as `regionFields` gives it. */
export function regionFieldsText(fields: RegionField[]): string {
  return fields.map(({name, size}) => `${name} (${size
    ? `${size.widthUm.toFixed(1)} × ${size.heightUm.toFixed(1)} µm, ${size.widthPx} × ${size.heightPx} pixels`
    : "no images"})`).join("; ");
}

/** Observation points: the distinct frame indices of the frames table (one row per region and frame). */
export function observationPointCount(frames: Table): number {
  return new Set(frames.getChild("frame")!.toArray()).size;
}

/** The frames table as rows, its times as dates (UTC), each frame's acquisition time and primary ion dose. */
export function frameRows(frames: Table): {region: string; frame: number; label: string; start: Date; end: Date; "duration (s)": number; "dose (ions/cm²)": number | null}[] {
  return frames.toArray().map((row) => ({
    region: row.region,
    frame: row.frame,
    label: row.label,
    start: new Date(row.start_unix_s * 1000),
    end: new Date(row.end_unix_s * 1000),
    "duration (s)": row.end_unix_s - row.start_unix_s,
    "dose (ions/cm²)": row.dose_ions_per_cm2
  }));
}

function roiFigureText(manifest: {regions: {id: string; label?: string}[]}, figure: RegionFigure | null, unfilled: string | undefined): string {
  if (!figure) return unfilled ?? "";
  const rois = [...figure.rois, ...figure.electrolyteRois];
  return `${figure.ions.join(", ")} in ${regionName(manifest, figure.region)}${rois.length ? `, ROIs ${rois.join(", ")}` : ""}`;
}

/** What Figures 2, 3 and 4 and the heterogeneity page show of this run, in words, or why they show nothing. */
export function figureContents(manifest: {regions: {id: string; label?: string}[]}, roles: FigureRoles): {figure2: string; figure3: string; figure4: string; particles: string} {
  return {
    figure2: roles.figure2.rows.map((row) => `${row.ion} (${row.region})`).join(", ") || (roles.unfilled.figure2 ?? ""),
    figure3: roiFigureText(manifest, roles.figure3, roles.unfilled.figure3),
    figure4: roiFigureText(manifest, roles.figure4, roles.unfilled.figure4),
    particles: roles.particles.map((p) => `${p.markerIon} (${p.region})`).join(", ") || "no ion"
  };
}
