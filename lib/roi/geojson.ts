/**
 * ROIs from a parsed GeoJSON FeatureCollection (docs/data-model.md, "ROI file"). No file I/O: the caller parses
 * the JSON. Every feature is checked and every problem reported at once, each naming the feature's index.
 *
 * - `Polygon` / `MultiPolygon` in um: a polygon ROI; with `properties.shape = "rectangle"` and one axis-aligned
 *   4-corner ring, a rectangle ROI.
 * - `geometry: null` with `properties.particle` (a positive integer): a particle-label ROI.
 * Each feature needs `properties.name` (unique in the file) and `properties.region`.
 */
import type {ParticleRoi, PolygonRoi, RectangleRoi, Ring, Roi} from "./types.js";
import {roiRings} from "./types.js";

export class RoiFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`ROI file: ${problems.join("; ")}`);
    this.name = "RoiFileError";
    this.problems = problems;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function readRing(value: unknown, where: string, problems: string[]): Ring | undefined {
  if (!Array.isArray(value)) return void problems.push(`${where}: a ring must be an array of positions`);
  const ring: Ring = [];
  for (const [i, position] of value.entries()) {
    if (!Array.isArray(position) || position.length !== 2 || !position.every((v) => typeof v === "number" && Number.isFinite(v))) {
      return void problems.push(`${where}, position ${i}: expected [x, y] with two finite numbers (um), got ${JSON.stringify(position)}`);
    }
    ring.push([position[0], position[1]]);
  }
  if (ring.length < 4) return void problems.push(`${where}: a ring needs at least 4 positions (closed), got ${ring.length}`);
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) return void problems.push(`${where}: ring is not closed (last position differs from the first)`);
  return ring.slice(0, -1);
}

function readPolygon(value: unknown, where: string, problems: string[]): Ring[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return void problems.push(`${where}: a polygon must be a non-empty array of rings`);
  const rings = value.map((ring, i) => readRing(ring, `${where}, ring ${i}`, problems));
  return rings.every((ring) => ring !== undefined) ? (rings as Ring[]) : undefined;
}

function readFeature(feature: unknown, where: string, problems: string[]): Roi | undefined {
  if (!isObject(feature) || feature.type !== "Feature") return void problems.push(`${where}: not a GeoJSON Feature`);
  const properties = feature.properties;
  if (!isObject(properties)) return void problems.push(`${where}: missing properties (name, region)`);
  const {name, region} = properties;
  const before = problems.length;
  if (typeof name !== "string" || name.trim() === "") problems.push(`${where}: properties.name must be a non-empty string`);
  if (typeof region !== "string" || region.trim() === "") problems.push(`${where}: properties.region must be a non-empty string`);
  const label = typeof name === "string" ? `${where} ("${name}")` : where;
  const geometry = feature.geometry;
  if (geometry === null || geometry === undefined) {
    const particle = properties.particle;
    if (!(typeof particle === "number" && Number.isInteger(particle) && particle > 0)) {
      return void problems.push(`${label}: no geometry, so properties.particle must be a positive integer label`);
    }
    return problems.length === before ? ({kind: "particle", name, region, particle} as ParticleRoi) : undefined;
  }
  if (!isObject(geometry)) return void problems.push(`${label}: geometry must be an object or null`);
  let polygons: (Ring[] | undefined)[];
  if (geometry.type === "Polygon") {
    polygons = [readPolygon(geometry.coordinates, `${label}, geometry`, problems)];
  } else if (geometry.type === "MultiPolygon") {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      return void problems.push(`${label}: MultiPolygon coordinates must be a non-empty array of polygons`);
    }
    polygons = geometry.coordinates.map((polygon, i) => readPolygon(polygon, `${label}, polygon ${i}`, problems));
  } else {
    return void problems.push(`${label}: geometry type ${JSON.stringify(geometry.type)} is not Polygon or MultiPolygon`);
  }
  if (problems.length !== before || polygons.some((p) => p === undefined)) return undefined;
  const roi: PolygonRoi = {kind: "polygon", name: name as string, region: region as string, polygons: polygons as Ring[][]};
  if (properties.shape === "rectangle") return asRectangle(roi, label, problems);
  return roi;
}

function asRectangle(roi: PolygonRoi, label: string, problems: string[]): RectangleRoi | undefined {
  const rings = roi.polygons.flat();
  const ring = rings[0];
  const xs = [...new Set(ring.map((p) => p[0]))];
  const ys = [...new Set(ring.map((p) => p[1]))];
  if (rings.length !== 1 || ring.length !== 4 || xs.length !== 2 || ys.length !== 2) {
    return void problems.push(`${label}: shape "rectangle" needs one ring of 4 axis-aligned corners`);
  }
  const [xUm, yUm] = [Math.min(...xs), Math.min(...ys)];
  return {kind: "rectangle", name: roi.name, region: roi.region, xUm, yUm, widthUm: Math.max(...xs) - xUm, heightUm: Math.max(...ys) - yUm};
}

/** ROIs of a parsed GeoJSON FeatureCollection; `regions`, when given, lists the region ids allowed. */
export function roisFromGeoJson(collection: unknown, regions?: readonly string[]): Roi[] {
  if (!isObject(collection) || collection.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new RoiFileError(["not a GeoJSON FeatureCollection with a features array"]);
  }
  const problems: string[] = [];
  const rois: Roi[] = [];
  const names = new Map<string, number>();
  collection.features.forEach((feature, index) => {
    const roi = readFeature(feature, `feature ${index}`, problems);
    if (!roi) return;
    if (names.has(roi.name)) problems.push(`feature ${index}: name "${roi.name}" is already used by feature ${names.get(roi.name)}`);
    if (regions && !regions.includes(roi.region)) {
      problems.push(`feature ${index} ("${roi.name}"): region "${roi.region}" is not one of ${regions.join(", ")}`);
    }
    names.set(roi.name, index);
    rois.push(roi);
  });
  if (collection.features.length === 0) problems.push("the FeatureCollection has no features");
  if (problems.length > 0) throw new RoiFileError(problems);
  return rois;
}

/** The GeoJSON Feature of an ROI (rectangles as polygons with `shape: "rectangle"`), e.g. to save drawn ROIs. */
export function roiToFeature(roi: Roi): Record<string, unknown> {
  if (roi.kind === "particle") {
    return {type: "Feature", properties: {name: roi.name, region: roi.region, particle: roi.particle}, geometry: null};
  }
  const close = (ring: Ring): Ring => [...ring, ring[0]];
  const properties: Record<string, unknown> = {name: roi.name, region: roi.region};
  if (roi.kind === "rectangle") {
    properties.shape = "rectangle";
    return {type: "Feature", properties, geometry: {type: "Polygon", coordinates: roiRings(roi).map(close)}};
  }
  const coordinates = roi.polygons.map((polygon) => polygon.map(close));
  return coordinates.length === 1
    ? {type: "Feature", properties, geometry: {type: "Polygon", coordinates: coordinates[0]}}
    : {type: "Feature", properties, geometry: {type: "MultiPolygon", coordinates}};
}
