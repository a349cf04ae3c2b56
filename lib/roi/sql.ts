/**
 * The ROI aggregate as SQL over the `pixels` table of docs/data-model.md (one row per pixel of every (region,
 * frame), one counts column per ion), so that DuckDB (DuckDB-WASM 1.29 in a page, @duckdb/node-api in Node) gives
 * the same counts as `roiTrends`. Each (ROI, frame) mask is a "cell"; its row spans join the pixels on integers,
 * `region_id` and `line = frame * height + y` by equality with `x0 <= x < x1` on the matches, and every ion
 * column is summed in the same pass (`SUM(COLUMNS(...))`, then UNPIVOT to one row per ion).
 * Why this shape (docs/benchmarks/roi.md): in DuckDB-WASM the hash-join probe costs about 20 ns a row, so one
 * probe per pixel for all ions instead of one per ion is the largest gain; string keys cost about 5x; a span list
 * written as VALUES takes longer to parse than the join takes to run, so the spans and cells come as
 * comma-separated integer lists split and unnested in SQL.
 * Every (ROI, ion, frame) cell of an existing image comes out, 0 counts for an empty mask.
 *
 * The registration term (lib/roi/drift-uncertainty.ts) comes along as the boundary pixels of each cell with
 * their weights, summed as weight * counts^2.
 *
 * Output columns: roi_index, roi, region, ion, frame, counts (BIGINT), area_um2, counts_per_um2 (NULL for an
 * empty mask), drift_x_px, drift_y_px, registration_variance. The 95% interval is computed from `counts` and
 * `registration_variance` in TypeScript (`trendRow` in lib/roi/trend.ts), since DuckDB has no gamma quantile.
 *
 * The same query also reads the pixels as `npm run export` writes them (bin/export.ts: one row per pixel and ion,
 * many runs), for a facility's archive queried where it is stored; see `exportedPixels`.
 */
import {PIXEL_KEY_COLUMNS} from "../imaging/stack.js";
import type {RoiFrameMask} from "./aggregate.js";
import {trendRow, type RoiTrendRow} from "./trend.js";

export interface RoiSqlOptions {
  pixelsTable?: string;
  imagesTable?: string;
  /** Only the images of this run (the `images` table's `run`); the `pixels` table holds one run. */
  run?: string;
  /**
   * Reads the pixels from this relation instead of `pixelsTable`: SQL of a table, view or table function in the
   * layout of `npm run export`, one row per pixel and ion with columns run, region, ion, frame, y, x, line,
   * counts; e.g. `read_parquet` of the export's `pixels` folder with hive partitioning (README, "Past one
   * machine"). It holds many runs, so `run` is required with it.
   */
  exportedPixels?: string;
}

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const identifier = (name: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) throw new RangeError(`roiCountsSql: table name ${JSON.stringify(name)} is not a plain identifier`);
  return name;
};

/**
 * Columns given as number lists: one string literal per column, split and unnested side by side (a few ms even
 * for 100k rows, where a VALUES list of the same rows takes DuckDB-WASM 20-70 ms to parse). Doubles are printed
 * as the shortest round trip, which DuckDB parses back to the same value.
 */
function unnestedColumns(columns: [name: string, type: string, values: number[]][]): string {
  if (columns[0][2].length === 0) return `SELECT ${columns.map(([name, type]) => `NULL::${type} AS ${name}`).join(", ")} WHERE false`;
  return `SELECT ${columns.map(([name, type, values]) => `unnest(string_split('${values.join(",")}', ',')::${type}[]) AS ${name}`).join(", ")}`;
}

/** The CTEs `roi_sums` (cell, ion, counts) and `roi_registration` (cell, ion, variance) over one pixel layout. */
interface PixelSums {
  regionKey: "region_id" | "region";
  sums: string;
  registration: string;
}

/** Over the `pixels` table of one run, a counts column per ion: every ion summed in one pass, then one row per ion. */
function sumsOverIonColumns(pixels: string): PixelSums {
  const ionColumns = `COLUMNS(p.* EXCLUDE (${PIXEL_KEY_COLUMNS.join(", ")}))`;
  return {
    regionKey: "region_id",
    sums: `roi_sums_by_ion AS (
  SELECT s.cell, SUM(${ionColumns}) FROM ${pixels} p
  JOIN roi_spans s ON p.region_id = s.region_id AND p.line = s.line AND p.x >= s.x0 AND p.x < s.x1
  GROUP BY s.cell
), roi_sums AS (
  UNPIVOT roi_sums_by_ion ON COLUMNS(* EXCLUDE (cell)) INTO NAME ion VALUE counts
)`,
    registration: `roi_registration_by_ion AS (
  SELECT b.cell, SUM(b.weight * CAST(${ionColumns} AS DOUBLE) * CAST(${ionColumns} AS DOUBLE)) FROM ${pixels} p
  JOIN roi_boundary b ON p.region_id = b.region_id AND p.line = b.line AND p.x = b.x
  GROUP BY b.cell
), roi_registration AS (
  UNPIVOT roi_registration_by_ion ON COLUMNS(* EXCLUDE (cell)) INTO NAME ion VALUE variance
)`
  };
}

/** Over the export's pixels (one row per pixel and ion, runs and regions by name): one run's rows, grouped by ion. */
function sumsOverIonRows(pixels: string, run: string): PixelSums {
  const ofRun = `p.run = ${quote(run)}`;
  return {
    regionKey: "region",
    sums: `roi_sums AS (
  SELECT s.cell, p.ion, SUM(p.counts) AS counts FROM ${pixels} p
  JOIN roi_spans s ON p.region = s.region AND p.line = s.line AND p.x >= s.x0 AND p.x < s.x1
  WHERE ${ofRun}
  GROUP BY s.cell, p.ion
)`,
    registration: `roi_registration AS (
  SELECT b.cell, p.ion, SUM(b.weight * CAST(p.counts AS DOUBLE) * CAST(p.counts AS DOUBLE)) AS variance FROM ${pixels} p
  JOIN roi_boundary b ON p.region = b.region AND p.line = b.line AND p.x = b.x
  WHERE ${ofRun}
  GROUP BY b.cell, p.ion
)`
  };
}

function pixelSums(options: RoiSqlOptions): PixelSums {
  if (options.exportedPixels === undefined) return sumsOverIonColumns(identifier(options.pixelsTable ?? "pixels"));
  if (options.run === undefined) throw new RangeError("roiCountsSql: exportedPixels holds many runs; give the run");
  return sumsOverIonRows(options.exportedPixels, options.run);
}

/** Where the query finds the masks: a table name each, or the SQL of a subquery with the same columns. */
export interface MaskRelations {
  /** roi_index, roi, region. */
  rois: string;
  /** cell, roi_index, frame, area_um2, drift_x_px, drift_y_px. */
  cells: string;
  /** cell, line, x0, x1: the row spans of each cell's mask (`line = frame * height + y`). */
  spans: string;
  /** cell, line, x, weight: the boundary pixels of each cell with their registration weights. */
  boundary: string;
}

/** The names of the mask tables a page registers in DuckDB (`roiMaskTables`) for `roiCountsQuery`. */
export const MASK_TABLES: MaskRelations = {rois: "mask_rois", cells: "mask_cells", spans: "mask_spans", boundary: "mask_boundary"};

/** The masks as rows of the four mask relations, in the order `roiCountsSql` numbers them. */
export function maskRows(masks: RoiFrameMask[]) {
  const rois = new Map<string, {index: number; region: string}>();
  for (const mask of masks) if (!rois.has(mask.roi)) rois.set(mask.roi, {index: rois.size, region: mask.region});
  const spans = {cell: [] as number[], line: [] as number[], x0: [] as number[], x1: [] as number[]};
  const boundary = {cell: [] as number[], line: [] as number[], x: [] as number[], weight: [] as number[]};
  masks.forEach((mask, cell) => {
    const {y, x0, x1, width, height} = mask.spans;
    for (let i = 0; i < y.length; i++) {
      spans.cell.push(cell);
      spans.line.push(mask.frame * height + y[i]);
      spans.x0.push(x0[i]);
      spans.x1.push(x1[i]);
    }
    const {index, weight} = mask.boundary;
    for (let i = 0; i < index.length; i++) {
      boundary.cell.push(cell);
      boundary.line.push(mask.frame * height + Math.floor(index[i] / width));
      boundary.x.push(index[i] % width);
      boundary.weight.push(weight[i]);
    }
  });
  const cells = {cell: masks.map((_, cell) => cell), roi_index: masks.map((m) => rois.get(m.roi)!.index), frame: masks.map((m) => m.frame),
    area_um2: masks.map((m) => m.areaUm2), drift_x_px: masks.map((m) => m.driftPx[0]), drift_y_px: masks.map((m) => m.driftPx[1])};
  const roiTable = {roi_index: [...rois.values()].map((r) => r.index), roi: [...rois.keys()], region: [...rois.values()].map((r) => r.region)};
  return {rois: roiTable, cells, spans, boundary};
}

/** The mask relations written into the query itself, so that it runs with nothing but the pixels and images tables. */
function inlinedMasks(masks: RoiFrameMask[]): MaskRelations {
  const rows = maskRows(masks);
  const roiRows = rows.rois.roi.map((roi, i) => `(${rows.rois.roi_index[i]}, ${quote(roi)}, ${quote(rows.rois.region[i])})`);
  return {
    rois: roiRows.length > 0
      ? `(SELECT * FROM (VALUES ${roiRows.join(", ")}) AS t(roi_index, roi, region))`
      : "(SELECT 0 AS roi_index, ''::VARCHAR AS roi, ''::VARCHAR AS region WHERE false)",
    cells: `(${unnestedColumns([["cell", "UINTEGER", rows.cells.cell], ["roi_index", "UINTEGER", rows.cells.roi_index], ["frame", "UINTEGER", rows.cells.frame],
      ["area_um2", "DOUBLE", rows.cells.area_um2], ["drift_x_px", "DOUBLE", rows.cells.drift_x_px], ["drift_y_px", "DOUBLE", rows.cells.drift_y_px]])})`,
    spans: `(${unnestedColumns([["cell", "UINTEGER", rows.spans.cell], ["line", "UINTEGER", rows.spans.line], ["x0", "USMALLINT", rows.spans.x0], ["x1", "USMALLINT", rows.spans.x1]])})`,
    boundary: `(${unnestedColumns([["cell", "UINTEGER", rows.boundary.cell], ["line", "UINTEGER", rows.boundary.line], ["x", "USMALLINT", rows.boundary.x], ["weight", "DOUBLE", rows.boundary.weight]])})`
  };
}

/** The ROI aggregate over mask relations (`MASK_TABLES`, or subqueries), the pixels and the images. */
export function roiCountsQuery(masks: MaskRelations = MASK_TABLES, options: RoiSqlOptions = {}): string {
  const {regionKey, sums, registration} = pixelSums(options);
  const images = identifier(options.imagesTable ?? "images");
  const runFilter = options.run === undefined ? "" : ` AND run = ${quote(options.run)}`;
  return `WITH roi_cells AS (
  SELECT c.cell, c.roi_index, n.roi, n.region, c.frame, c.area_um2, c.drift_x_px, c.drift_y_px, r.region_id
  FROM ${masks.cells} c JOIN ${masks.rois} n USING (roi_index)
  LEFT JOIN (SELECT DISTINCT region, region_id FROM ${images} WHERE true${runFilter}) r ON r.region = n.region
), roi_spans AS (
  SELECT c.${regionKey}, s.* FROM ${masks.spans} s JOIN roi_cells c USING (cell)
), ${sums}, roi_boundary AS (
  SELECT c.${regionKey}, b.* FROM ${masks.boundary} b JOIN roi_cells c USING (cell)
), ${registration}, roi_images AS (
  SELECT DISTINCT region, ion, frame FROM ${images} WHERE true${runFilter}
)
SELECT CAST(c.roi_index AS INTEGER) AS roi_index, c.roi, c.region, i.ion, CAST(c.frame AS INTEGER) AS frame,
  CAST(COALESCE(r.counts, 0) AS BIGINT) AS counts, c.area_um2,
  CASE WHEN c.area_um2 > 0 THEN CAST(COALESCE(r.counts, 0) AS DOUBLE) / c.area_um2 END AS counts_per_um2,
  c.drift_x_px, c.drift_y_px, COALESCE(g.variance, 0.0) AS registration_variance
FROM roi_cells c
JOIN roi_images i ON i.region = c.region AND i.frame = c.frame
LEFT JOIN roi_sums r ON r.cell = c.cell AND r.ion = i.ion
LEFT JOIN roi_registration g ON g.cell = c.cell AND g.ion = i.ion
ORDER BY c.roi_index, i.ion, c.frame`;
}

/** The same query with the masks written into it: one self-contained statement (tests, benchmarks, the archive). */
export function roiCountsSql(masks: RoiFrameMask[], options: RoiSqlOptions = {}): string {
  return roiCountsQuery(inlinedMasks(masks), options);
}

/** A row of roiCountsSql's result as DuckDB returns it (BIGINT columns may come as bigint). */
export interface SqlTrendRow {
  roi: string;
  ion: string;
  frame: number | bigint;
  counts: number | bigint;
  registration_variance: number;
}

/** Rows of `roiCountsSql`'s result as trend rows, each with its 95% interval (computed here, as in lib/roi). */
export function trendRowsFromSql(result: Iterable<SqlTrendRow>, masks: RoiFrameMask[]): RoiTrendRow[] {
  const maskOf = new Map(masks.map((m) => [`${m.roi}\u0000${m.frame}`, m]));
  return Array.from(result, (row) => {
    const mask = maskOf.get(`${row.roi}\u0000${Number(row.frame)}`);
    if (!mask) throw new RangeError(`the query returned ROI "${row.roi}" frame ${row.frame}, which has no mask`);
    return trendRow(mask, row.ion, Number(row.counts), Number(row.registration_variance));
  });
}
