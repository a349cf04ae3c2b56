/** ROI shapes. Coordinates are um from the top-left corner of the region's field of view, x right, y down. */
import {ringAreaUm2} from "./ring.js";

/** A closed ring of [xUm, yUm] vertices (the closing vertex may be repeated or not). */
export type Ring = [number, number][];

/** One polygon is an outer ring and its holes; a multipolygon is several. Inside = even-odd over all rings. */
export interface PolygonRoi {
  kind: "polygon";
  name: string;
  region: string;
  polygons: Ring[][];
}

export interface RectangleRoi {
  kind: "rectangle";
  name: string;
  region: string;
  xUm: number;
  yUm: number;
  widthUm: number;
  heightUm: number;
}

/** Every pixel with this label in a label map of the reference frame (e.g. a segmented particle). */
export interface ParticleRoi {
  kind: "particle";
  name: string;
  region: string;
  particle: number;
}

export type Roi = PolygonRoi | RectangleRoi | ParticleRoi;

/** The rings of a polygon or rectangle ROI (a rectangle is a 4-vertex ring). */
export function roiRings(roi: PolygonRoi | RectangleRoi): Ring[] {
  if (roi.kind === "polygon") return roi.polygons.flat();
  const {xUm, yUm, widthUm, heightUm} = roi;
  return [[[xUm, yUm], [xUm + widthUm, yUm], [xUm + widthUm, yUm + heightUm], [xUm, yUm + heightUm]]];
}

/** Geometric area in um2 under the even-odd rule for non-crossing rings: outer rings minus holes. */
export function polygonAreaUm2(roi: PolygonRoi | RectangleRoi): number {
  if (roi.kind === "rectangle") return Math.abs(roi.widthUm * roi.heightUm);
  let area = 0;
  for (const polygon of roi.polygons) {
    polygon.forEach((ring, i) => {
      area += (i === 0 ? 1 : -1) * ringAreaUm2(ring);
    });
  }
  return area;
}
