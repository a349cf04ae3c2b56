/**
 * A region's components as files of their own and back, so that the build decomposes each region once and its page
 * draws the loadings, per-frame scores and one frame's score images without the region's stacks, fetching only that
 * frame's scores (docs/data-model.md, "pixels/"): the summary (layout, loadings, explained variance, per-frame means
 * with their standard errors) as JSON, with the run's timeline as the page draws it around them (./components-view.ts
 * componentsContext), and per frame a table of one float32 column of scores per component, one row
 * per pixel of the matrix. The scores are float32, as the page draws them (lib/multivariate/frame-matrix.ts
 * scoreImage).
 */
import {Field, Float32, makeData, RecordBatch, Schema, Struct, Table} from "apache-arrow";
import {frameScores, type ComponentsSummary, type RegionComponents} from "./components.js";
import type {ComponentsContext} from "./components-view.js";

const FRAME_SCORES_KEY = "operando.component-scores";

const scoreColumn = (c: number) => `score_${c + 1}`;

/** The summary and its context as JSON (the matrix's pixel list as an array). */
export function componentsSummaryJson({scores: _scores, ...summary}: RegionComponents, context: ComponentsContext): string {
  return JSON.stringify({...summary, matrix: {...summary.matrix, pixels: Array.from(summary.matrix.pixels)}, context});
}

/** `file` names the file in errors. */
export function componentsSummaryFromJson(text: string, file: string): {summary: ComponentsSummary; context: ComponentsContext} {
  let saved: ComponentsSummary & {matrix: {pixels: number[]}; context: ComponentsContext};
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(saved?.matrix?.pixels) || !Array.isArray(saved.matrix.frames) || !(saved.components >= 1)) {
    throw new TypeError(`${file}: not a components summary (needs matrix.pixels, matrix.frames and components)`);
  }
  const {context, ...summary} = saved;
  if (!Array.isArray(context?.places) || !Array.isArray(context.pixelSizeUm) || !Array.isArray(context.unreliableDrifts)) {
    throw new TypeError(`${file}: the components summary has no context (needs context.places, context.pixelSizeUm and context.unreliableDrifts)`);
  }
  return {summary: {...summary, matrix: {...summary.matrix, pixels: Int32Array.from(summary.matrix.pixels)}}, context};
}

/** The scores of the frame in `slot` of the matrix, one float32 column per component. */
export function componentFrameTable(result: RegionComponents, slot: number): Table {
  const {components, matrix} = result;
  const scores = frameScores(result, slot);
  const length = matrix.pixels.length;
  const fields = Array.from({length: components}, (_, c) => new Field(scoreColumn(c), new Float32(), false));
  const children = fields.map((_, c) => {
    const column = new Float32Array(length);
    for (let row = 0; row < length; row++) column[row] = scores[row * components + c];
    return makeData({type: new Float32(), length, nullCount: 0, data: column});
  });
  const schema = new Schema(fields, new Map([[FRAME_SCORES_KEY, JSON.stringify({frame: matrix.frames[slot]})]]));
  return new Table(schema, [new RecordBatch(schema, makeData({type: new Struct(fields), length, nullCount: 0, children}))]);
}

/** One frame's scores (rows x components, as `scoreImage` reads slot 0), checked against the summary; `file` names it in errors. */
export function componentFrameScoresFromTable(table: Table, summary: ComponentsSummary, frame: number, file: string): Float32Array {
  const text = table.schema.metadata.get(FRAME_SCORES_KEY);
  if (!text) throw new RangeError(`${file}: not a table of component scores (no "${FRAME_SCORES_KEY}" metadata)`);
  const saved = (JSON.parse(text) as {frame: number}).frame;
  if (saved !== frame) throw new RangeError(`${file}: the scores of frame ${saved}, not of frame ${frame}`);
  const {components, matrix} = summary;
  if (table.numRows !== matrix.pixels.length) throw new RangeError(`${file}: ${table.numRows} rows where the matrix has ${matrix.pixels.length} pixels a frame`);
  const scores = new Float32Array(matrix.pixels.length * components);
  for (let c = 0; c < components; c++) {
    const column = table.getChild(scoreColumn(c))?.toArray();
    if (!(column instanceof Float32Array)) throw new RangeError(`${file}: needs a float32 column "${scoreColumn(c)}"`);
    for (let row = 0; row < column.length; row++) scores[row * components + c] = column[row];
  }
  return scores;
}
