// The ROI editor's GeoJSON features as lib/roi ROIs: names made unique, every feature of the region.
import {roisFromGeoJson} from "./geojson.js";
import type {PolygonRoi} from "./types.js";
import type {RoiFeature} from "./ring.js";

/**
 * Polygon ROIs of the features, all of `region`. Names are made unique ("region 1 (2)" for a second
 * "region 1"), since the editor lets two ROIs share a name and lib/roi keys its rows by name.
 */
export function featuresToRois(features: RoiFeature[], region: string): PolygonRoi[] {
  if (features.length === 0) return [];
  const seen = new Map<string, number>();
  const unique = features.map((f) => {
    const count = (seen.get(f.properties.name) ?? 0) + 1;
    seen.set(f.properties.name, count);
    return {...f, properties: {...f.properties, name: count > 1 ? `${f.properties.name} (${count})` : f.properties.name}};
  });
  return roisFromGeoJson({type: "FeatureCollection", features: unique}, [region]) as PolygonRoi[];
}

/** The run's own ROIs of a region as the editor's features: the polygons of its ROI file (none without one). */
export function regionRoiFeatures(roiFile: {features?: unknown[]} | null | undefined, region: string): RoiFeature[] {
  return ((roiFile?.features ?? []) as Partial<RoiFeature>[])
    .filter((f): f is RoiFeature => f.properties?.region === region && f.geometry?.type === "Polygon");
}
