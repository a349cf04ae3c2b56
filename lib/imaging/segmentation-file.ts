/**
 * A region's particle segmentation as a table of its own and back, so that the build segments each region once
 * and the pages draw its particles without the stack it was made from (docs/data-model.md, "pixels/"): one row per
 * pixel (row by row, x fastest) with the particle `label` (0 outside) and the registered sum it was segmented on,
 * and the rest of the segmentation in the schema metadata.
 */
import {Field, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table} from "apache-arrow";
import type {Raster} from "./raster.js";
import type {Segmentation} from "./segment.js";

const SEGMENTATION_KEY = "operando.segmentation";

export interface RegionSegmentation {
  region: string;
  /** The ion segmented (its frames summed after moving each by its drift). */
  ion: string;
  pixelWidthUm: number;
  pixelHeightUm: number;
  summed: Raster<Float64Array>;
  segmentation: Segmentation;
}

interface SegmentationMetadata {
  region: string;
  ion: string;
  pixelWidthUm: number;
  pixelHeightUm: number;
  width: number;
  height: number;
  count: number;
  threshold: number;
  pixelCounts: number[];
}

export function segmentationTable({region, ion, pixelWidthUm, pixelHeightUm, summed, segmentation}: RegionSegmentation): Table {
  const {width, height, count, threshold, pixelCounts} = segmentation;
  const metadata: SegmentationMetadata = {region, ion, pixelWidthUm, pixelHeightUm, width, height, count, threshold, pixelCounts};
  const fields = [new Field("label", new Int32(), false), new Field("summed", new Float64(), false)];
  const length = width * height;
  const schema = new Schema(fields, new Map([[SEGMENTATION_KEY, JSON.stringify(metadata)]]));
  const children = [makeData({type: new Int32(), length, nullCount: 0, data: segmentation.data}), makeData({type: new Float64(), length, nullCount: 0, data: summed.data})];
  return new Table(schema, [new RecordBatch(schema, makeData({type: new Struct(fields), length, nullCount: 0, children}))]);
}

/** The segmentation a segmentation table holds; `file` names it in errors. */
export function segmentationFromTable(table: Table, file: string): RegionSegmentation {
  const text = table.schema.metadata.get(SEGMENTATION_KEY);
  if (!text) throw new RangeError(`${file}: not a segmentation table (no "${SEGMENTATION_KEY}" metadata)`);
  const {region, ion, pixelWidthUm, pixelHeightUm, width, height, count, threshold, pixelCounts} = JSON.parse(text) as SegmentationMetadata;
  const labels = table.getChild("label")?.toArray();
  const summed = table.getChild("summed")?.toArray();
  if (!(labels instanceof Int32Array) || !(summed instanceof Float64Array)) throw new RangeError(`${file}: needs an int32 column "label" and a float64 column "summed"`);
  if (labels.length !== width * height) throw new RangeError(`${file}: ${labels.length} pixels where ${width} x ${height} need ${width * height}`);
  return {region, ion, pixelWidthUm, pixelHeightUm, summed: {width, height, data: summed}, segmentation: {width, height, data: labels, count, threshold, pixelCounts}};
}
