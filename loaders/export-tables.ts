// The tables of a run as `npm run export` writes them (bin/export.ts), for engines that read a folder of Parquet
// files as one table over many runs (DuckDB, Spark, Trino). Two differences from the tables the pages read:
// every integer column is a signed 64-bit integer, so that the files of runs whose smallest types differ (an 8-bit
// frame index in one, a 16-bit one in another) share one schema; and the pixels come one table per (region, ion)
// with a single `counts` column, so that their schema does not depend on which ions a run measured.
// Tables in, tables out: no file I/O.
import {DataType, Field, Int64, makeData, Schema, Table, Utf8, vectorFromArray, type Data, type Int} from "apache-arrow";
import {PIXEL_KEY_COLUMNS, stringColumnKeys} from "@operando/lib/imaging/stack";
import type {RegionDrift} from "@operando/lib/imaging/drift";
import {roiToFeature} from "@operando/lib/roi/geojson";
import type {Roi} from "@operando/lib/roi/types";
import {batchOf} from "./sims/arrow-columns.js";

const narrowerThan64Bits = (type: DataType): type is Int => DataType.isInt(type) && type.bitWidth < 64;

/** An integer column as Int64: exact for every integer type narrower than 64 bits. */
function int64Data(data: Data<Int>): Data<Int64> {
  const values = data.values as ArrayLike<number>;
  const wide = new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) wide[i] = BigInt(values[i]);
  return makeData({type: new Int64(), offset: data.offset, length: data.length, nullCount: data.nullCount, nullBitmap: data.nullBitmap, data: wide});
}

/** The table with every integer column as Int64; other columns, and field and schema metadata, as they are. */
export function withInt64Integers(table: Table): Table {
  const fields = table.schema.fields.map((f) => (narrowerThan64Bits(f.type) ? new Field(f.name, new Int64(), f.nullable, f.metadata) : f));
  const schema = new Schema(fields, table.schema.metadata);
  return new Table(schema, table.batches.map((batch) => batchOf(schema,
    batch.data.children.map((child) => (narrowerThan64Bits(child.type) ? int64Data(child as Data<Int>) : child)))));
}

/** The table with a first column `run` (e.g. a cycling table, which holds no run name of its own). */
export function withRunColumn(table: Table, run: string): Table {
  const schema = new Schema([new Field("run", new Utf8(), false), ...table.schema.fields], table.schema.metadata);
  return new Table(schema, table.batches.map((batch) =>
    batchOf(schema, [vectorFromArray(new Array<string>(batch.numRows).fill(run), new Utf8()).data[0], ...batch.data.children])));
}

export interface PixelPartition {
  region: string;
  ion: string;
  /** `frame`, `y`, `x`, `line`, `counts`: the pixels of every frame imaged in this ion, sorted by frame, y, x. */
  pixels: Table;
}

/**
 * A run's `pixels` table (docs/data-model.md: a counts column per ion, one record batch per (region, frame), as
 * `buildRunTables` makes it) as one table per (region, ion). The counts columns are the run's own arrays.
 */
export function pixelsByRegionAndIon(images: Table, pixels: Table): PixelPartition[] {
  const regions = stringColumnKeys(images.getChild("region")!);
  const regionIds = images.getChild("region_id")!.toArray() as ArrayLike<number>;
  const regionOfId = new Map<number, string>();
  for (let i = 0; i < images.numRows; i++) regionOfId.set(Number(regionIds[i]), regions.names[regions.keys[i]]);
  // The region is the partition, by name; the other keys stay.
  const keyFields = pixels.schema.fields.filter((f) => f.name !== "region_id" && (PIXEL_KEY_COLUMNS as readonly string[]).includes(f.name));
  const ions = pixels.schema.fields.map((f) => f.name).filter((name) => !(PIXEL_KEY_COLUMNS as readonly string[]).includes(name));
  const partitions: PixelPartition[] = [];
  for (const [regionId, region] of [...regionOfId].sort((a, b) => a[0] - b[0])) {
    const batchesOfRegion = pixels.batches.filter((b) => b.numRows > 0 && Number(b.getChild("region_id")!.get(0)) === regionId);
    for (const ion of ions) {
      // A frame without an image in this ion has a column of nulls in `pixels`; it has no rows here.
      const imaged = batchesOfRegion.filter((b) => b.getChild(ion)!.nullCount < b.numRows);
      if (imaged.length === 0) continue;
      const fields = [...keyFields, new Field("counts", pixels.schema.fields.find((f) => f.name === ion)!.type, imaged.some((b) => b.getChild(ion)!.nullCount > 0))];
      const schema = new Schema(fields, pixels.schema.metadata);
      const batches = imaged.map((b) => batchOf(schema, [...keyFields.map((f) => b.getChild(f.name)!.data[0]), b.getChild(ion)!.data[0]]));
      partitions.push({region, ion, pixels: withInt64Integers(new Table(schema, batches))});
    }
  }
  return partitions;
}

/** One row per ROI of the run's ROI file: its geometry as GeoJSON in um (top-left origin, y down), null for a particle label. */
export function roiTable(run: string, rois: Roi[]): Table {
  const strings = (values: (string | null)[]) => vectorFromArray(values, new Utf8());
  return new Table({
    run: strings(rois.map(() => run)),
    roi: strings(rois.map((r) => r.name)),
    region: strings(rois.map((r) => r.region)),
    kind: strings(rois.map((r) => r.kind)),
    particle: vectorFromArray(rois.map((r) => (r.kind === "particle" ? BigInt(r.particle) : null)), new Int64()),
    geometry_geojson: strings(rois.map((r) => {
      const {geometry} = roiToFeature(r);
      return geometry === null ? null : JSON.stringify(geometry);
    }))
  });
}

/** One row per (region, frame): the stage drift the pages apply (docs/data-model.md) and how sure registration is of it. */
export function driftTable(run: string, drifts: RegionDrift[]): Table {
  const rows = drifts.flatMap((d) => [...d.byFrame].map(([frame, estimate]) => ({region: d.region, ion: d.ion, frame, estimate})));
  const strings = (values: string[]) => vectorFromArray(values, new Utf8());
  const numbers = (values: number[]) => Float64Array.from(values);
  return new Table({
    run: strings(rows.map(() => run)),
    region: strings(rows.map((r) => r.region)),
    frame: vectorFromArray(rows.map((r) => BigInt(r.frame)), new Int64()),
    registration_ion: strings(rows.map((r) => r.ion)),
    drift_x_px: vectorFromArray(numbers(rows.map((r) => r.estimate.driftPx[0]))),
    drift_y_px: vectorFromArray(numbers(rows.map((r) => r.estimate.driftPx[1]))),
    drift_sd_px: vectorFromArray(numbers(rows.map((r) => r.estimate.sdPx))),
    source: strings(rows.map((r) => r.estimate.source)),
    reliable: vectorFromArray(rows.map((r) => r.estimate.reliable)),
    reason: strings(rows.map((r) => r.estimate.reason))
  });
}
