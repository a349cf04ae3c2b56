// The state of the ROI editor and its edits, as pure functions (unit-tested in Node): each edit returns a new state.
import {nearestVertex, pointInRing, ringToFeature, type PointUm, type RoiFeature} from "@operando/lib/roi/ring";

export interface EditableRoi {
  name: string;
  ring: PointUm[];
  closed: boolean;
}

export interface RoiState {
  rois: EditableRoi[];
  /** Index of the ROI being drawn or edited, -1 for none. */
  active: number;
}

const copy = (state: RoiState): RoiState => ({active: state.active, rois: state.rois.map((roi) => ({...roi, ring: roi.ring.map(([x, y]): PointUm => [x, y])}))});

/** "region N" with the smallest N not yet taken. */
export function nextRoiName(state: RoiState): string {
  const names = new Set(state.rois.map((roi) => roi.name));
  let n = 1;
  while (names.has(`region ${n}`)) n++;
  return `region ${n}`;
}

/**
 * A click at `pointUm`: while an ROI is open, add a vertex, or close it when the click is on its first vertex
 * (within `toleranceUm`, with at least 3 vertices); otherwise select the closed ROI under the click, or start a
 * new ROI there.
 */
export function clickAt(state: RoiState, pointUm: PointUm, toleranceUm: number): RoiState {
  const next = copy(state);
  const active = next.rois[next.active];
  if (active && !active.closed) {
    const onFirst = active.ring.length >= 3 && Math.hypot(pointUm[0] - active.ring[0][0], pointUm[1] - active.ring[0][1]) <= toleranceUm;
    if (onFirst) active.closed = true;
    else active.ring.push(pointUm);
    return next;
  }
  for (let r = next.rois.length - 1; r >= 0; r--) {
    if (next.rois[r].closed && pointInRing(pointUm, next.rois[r].ring)) return {...next, active: r};
  }
  next.rois.push({name: nextRoiName(state), ring: [pointUm], closed: false});
  next.active = next.rois.length - 1;
  return next;
}

/** Close the active ROI (a double-click), if it has at least 3 vertices. */
export function closeActive(state: RoiState): RoiState {
  const active = state.rois[state.active];
  if (!active || active.closed || active.ring.length < 3) return state;
  const next = copy(state);
  next.rois[next.active].closed = true;
  return next;
}

/** The [roi, vertex] under the pointer, the active ROI first, so that a shared corner edits what you work on. */
export function vertexAt(state: RoiState, pointUm: PointUm, toleranceUm: number): [number, number] | null {
  const active = state.rois[state.active];
  const own = active ? nearestVertex([active.ring], pointUm, toleranceUm) : null;
  if (own) return [state.active, own[1]];
  return nearestVertex(state.rois.map((roi) => roi.ring), pointUm, toleranceUm);
}

export function moveVertex(state: RoiState, [roi, vertex]: [number, number], pointUm: PointUm): RoiState {
  const next = copy(state);
  next.rois[roi].ring[vertex] = pointUm;
  next.active = roi;
  return next;
}

export function renameActive(state: RoiState, name: string): RoiState {
  if (!state.rois[state.active] || name.trim() === "") return state;
  const next = copy(state);
  next.rois[next.active].name = name.trim();
  return next;
}

/** Remove the active ROI (its vertices and all). */
export function deleteActive(state: RoiState): RoiState {
  if (!state.rois[state.active]) return state;
  const next = copy(state);
  next.rois.splice(next.active, 1);
  next.active = next.rois.length - 1;
  return next;
}

/** The closed ROIs as GeoJSON features (docs/data-model.md), in drawing order. */
export function roiFeatures(state: RoiState, region: string): RoiFeature[] {
  return state.rois.filter((roi) => roi.closed && roi.ring.length >= 3).map((roi) => ringToFeature(roi.name, region, roi.ring));
}

/** Editable ROIs from features (the closing vertex dropped); the last one active. */
export function stateFromFeatures(features: RoiFeature[]): RoiState {
  const rois = features.map(({properties, geometry}) => {
    const ring = geometry.coordinates[0].map(([x, y]): PointUm => [x, y]);
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
    return {name: properties.name, ring, closed: true};
  });
  return {rois, active: rois.length - 1};
}
