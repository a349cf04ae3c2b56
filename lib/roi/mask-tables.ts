/**
 * The ROI masks as the four Arrow tables the ROI query reads by name (`MASK_TABLES`, `roiCountsQuery` in
 * lib/roi/sql.ts), so that a page registers them in DuckDB and shows a short, fixed query instead of one with
 * every span written into it.
 */
import {Float64, Table, Uint16, Uint32, Utf8, vectorFromArray} from "apache-arrow";
import type {RoiFrameMask} from "./aggregate.js";
import {MASK_TABLES, maskRows, type MaskRelations} from "./sql.js";

export function roiMaskTables(masks: RoiFrameMask[]): Record<MaskRelations[keyof MaskRelations], Table> {
  const rows = maskRows(masks);
  const uint = (values: number[]) => vectorFromArray(values, new Uint32());
  const short = (values: number[]) => vectorFromArray(values, new Uint16());
  const double = (values: number[]) => vectorFromArray(values, new Float64());
  return {
    [MASK_TABLES.rois]: new Table({roi_index: uint(rows.rois.roi_index), roi: vectorFromArray(rows.rois.roi, new Utf8()), region: vectorFromArray(rows.rois.region, new Utf8())}),
    [MASK_TABLES.cells]: new Table({cell: uint(rows.cells.cell), roi_index: uint(rows.cells.roi_index), frame: uint(rows.cells.frame),
      area_um2: double(rows.cells.area_um2), drift_x_px: double(rows.cells.drift_x_px), drift_y_px: double(rows.cells.drift_y_px)}),
    [MASK_TABLES.spans]: new Table({cell: uint(rows.spans.cell), line: uint(rows.spans.line), x0: short(rows.spans.x0), x1: short(rows.spans.x1)}),
    [MASK_TABLES.boundary]: new Table({cell: uint(rows.boundary.cell), line: uint(rows.boundary.line), x: short(rows.boundary.x), weight: double(rows.boundary.weight)})
  };
}
