/**
 * A region's particle segmentation as tables of its own and back, so that the build segments each region once
 * and the pages draw its particles without the stack it was made from (docs/data-model.md, "pixels/"): the
 * particle `label` of each pixel (row by row, x fastest; 0 outside) with the rest of the segmentation in the
 * schema metadata; in a table of its own, the registered sum it was segmented on (`summed`, float32, whose 24 bits
 * hold the sum to a few parts in 10^8), for other tools (no page fetches it); and in a third, the grey levels a
 * particle map draws of that sum (`grey`, one byte a pixel: ./particle-background.ts), which only a page that
 * draws the map fetches.
 */
import {Field, Float32, Int32, makeData, RecordBatch, Schema, Struct, Table, Uint8, type Data} from "apache-arrow";
import {particleBackground, type ParticleBackground} from "./particle-background.js";
import type {Raster} from "./raster.js";
import type {Segmentation} from "./segment.js";

const SEGMENTATION_KEY = "operando.segmentation";
const REGISTERED_SUM_KEY = "operando.registered-sum";
const BACKGROUND_KEY = "operando.particle-background";

/** A region's particles: the labels of its pixels and where they came from. */
export interface RegionLabels {
  region: string;
  /** The ion segmented (its frames summed after moving each by its drift). */
  ion: string;
  pixelWidthUm: number;
  pixelHeightUm: number;
  segmentation: Segmentation;
}

/** The labels and the registered sum they were made on, as the build has them. */
export interface SummedRegion extends RegionLabels {
  summed: Raster<Float32Array | Float64Array>;
}

/** The labels and the grey image a particle map draws under them, as a page fetches them. */
export interface RegionSegmentation extends RegionLabels {
  background: ParticleBackground;
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

function oneColumnTable(name: string, column: Data<Int32 | Float32 | Uint8>, key: string, metadata: object): Table {
  const fields = [new Field(name, column.type, false)];
  const schema = new Schema(fields, new Map([[key, JSON.stringify(metadata)]]));
  return new Table(schema, [new RecordBatch(schema, makeData({type: new Struct(fields), length: column.length, nullCount: 0, children: [column]}))]);
}

/** The three tables of a segmentation: its labels, the registered sum it was made on, and that sum's grey levels in a particle map. */
export function segmentationTables({region, ion, pixelWidthUm, pixelHeightUm, summed, segmentation}: SummedRegion): {labels: Table; summed: Table; background: Table} {
  const {width, height, count, threshold, pixelCounts} = segmentation;
  const metadata: SegmentationMetadata = {region, ion, pixelWidthUm, pixelHeightUm, width, height, count, threshold, pixelCounts};
  const background = particleBackground(summed, segmentation);
  return {
    labels: oneColumnTable("label", makeData({type: new Int32(), length: width * height, nullCount: 0, data: segmentation.data}), SEGMENTATION_KEY, metadata),
    summed: oneColumnTable("summed", makeData({type: new Float32(), length: width * height, nullCount: 0, data: Float32Array.from(summed.data)}), REGISTERED_SUM_KEY, {region, ion, width, height}),
    background: oneColumnTable("grey", makeData({type: new Uint8(), length: width * height, nullCount: 0, data: background.data}), BACKGROUND_KEY, {region, ion, width, height, sumLimits: background.sumLimits})
  };
}

/** The labels a segmentation table holds; `file` names it in errors. */
export function segmentationFromTable(table: Table, file: string): RegionLabels {
  const text = table.schema.metadata.get(SEGMENTATION_KEY);
  if (!text) throw new RangeError(`${file}: not a segmentation table (no "${SEGMENTATION_KEY}" metadata)`);
  const {region, ion, pixelWidthUm, pixelHeightUm, width, height, count, threshold, pixelCounts} = JSON.parse(text) as SegmentationMetadata;
  const labels = table.getChild("label")?.toArray();
  if (!(labels instanceof Int32Array)) throw new RangeError(`${file}: needs an int32 column "label"`);
  if (labels.length !== width * height) throw new RangeError(`${file}: ${labels.length} pixels where ${width} x ${height} need ${width * height}`);
  return {region, ion, pixelWidthUm, pixelHeightUm, segmentation: {width, height, data: labels, count, threshold, pixelCounts}};
}

/** The particle map's grey image of a segmentation's own table, checked against its labels; `file` names it in errors. */
export function backgroundFromTable(table: Table, labels: RegionLabels, file: string): RegionSegmentation {
  const text = table.schema.metadata.get(BACKGROUND_KEY);
  if (!text) throw new RangeError(`${file}: not a particle-background table (no "${BACKGROUND_KEY}" metadata)`);
  const {region, ion, width, height, sumLimits} = JSON.parse(text) as {region: string; ion: string; width: number; height: number; sumLimits: [number, number]};
  if (region !== labels.region || ion !== labels.ion || width !== labels.segmentation.width || height !== labels.segmentation.height) {
    throw new RangeError(`${file}: the background of ${ion} in "${region}" (${width} x ${height}), not of the segmentation's ${labels.ion} in "${labels.region}" (${labels.segmentation.width} x ${labels.segmentation.height})`);
  }
  const grey = table.getChild("grey")?.toArray();
  if (!(grey instanceof Uint8Array) || grey.length !== width * height) throw new RangeError(`${file}: needs a uint8 column "grey" of ${width} x ${height} values`);
  return {...labels, background: {width, height, data: grey, sumLimits}};
}
