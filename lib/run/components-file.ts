/**
 * A region's components as a table of their own and back, so that the build decomposes each region once and its
 * page draws the loadings, score images and per-frame scores without the region's stacks (docs/data-model.md,
 * "pixels/"): one float32 column of scores per component, one row per (frame, pixel) row of the matrix, and the
 * rest of the result (layout, loadings, explained variance, per-frame means with their standard errors) in the
 * schema metadata. The scores are float32, as the page draws them (lib/multivariate/frame-matrix.ts scoreImage).
 */
import {Field, Float32, makeData, RecordBatch, Schema, Struct, Table} from "apache-arrow";
import type {FrameScore} from "../multivariate/frame-matrix.js";
import type {ComponentMatrixLayout, ComponentMethod, RegionComponents} from "./components.js";

const COMPONENTS_KEY = "operando.components";

interface ComponentsMetadata {
  method: ComponentMethod;
  components: number;
  loadings: number[][];
  explainedVariance?: number[];
  perFrame: FrameScore[][];
  converged?: boolean;
  matrix: Omit<ComponentMatrixLayout, "pixels"> & {pixels: number[]};
}

const scoreColumn = (c: number) => `score_${c + 1}`;

export function componentsTable(result: RegionComponents): Table {
  const {method, components, loadings, explainedVariance, perFrame, converged, matrix, scores} = result;
  const metadata: ComponentsMetadata = {method, components, loadings, explainedVariance, perFrame, converged, matrix: {...matrix, pixels: Array.from(matrix.pixels)}};
  const fields = Array.from({length: components}, (_, c) => new Field(scoreColumn(c), new Float32(), false));
  const length = matrix.rows;
  const children = fields.map((_, c) => {
    const column = new Float32Array(length);
    for (let row = 0; row < length; row++) column[row] = scores[row * components + c];
    return makeData({type: new Float32(), length, nullCount: 0, data: column});
  });
  const schema = new Schema(fields, new Map([[COMPONENTS_KEY, JSON.stringify(metadata)]]));
  return new Table(schema, [new RecordBatch(schema, makeData({type: new Struct(fields), length, nullCount: 0, children}))]);
}

/** The components a components table holds; `file` names it in errors. */
export function componentsFromTable(table: Table, file: string): RegionComponents {
  const text = table.schema.metadata.get(COMPONENTS_KEY);
  if (!text) throw new RangeError(`${file}: not a components table (no "${COMPONENTS_KEY}" metadata)`);
  const {matrix, components, ...rest} = JSON.parse(text) as ComponentsMetadata;
  if (table.numRows !== matrix.rows) throw new RangeError(`${file}: ${table.numRows} rows where the matrix has ${matrix.rows}`);
  const scores = new Float32Array(matrix.rows * components);
  for (let c = 0; c < components; c++) {
    const column = table.getChild(scoreColumn(c))?.toArray();
    if (!(column instanceof Float32Array)) throw new RangeError(`${file}: needs a float32 column "${scoreColumn(c)}"`);
    for (let row = 0; row < matrix.rows; row++) scores[row * components + c] = column[row];
  }
  return {...rest, components, matrix: {...matrix, pixels: Int32Array.from(matrix.pixels)}, scores};
}
