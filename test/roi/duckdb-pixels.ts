/** Test helper: the `images` and `pixels` tables of a run, copied from Arrow into an in-memory DuckDB (node-api). */
import {DuckDBConnection, DuckDBDataChunk, DuckDBInstance, INTEGER, UINTEGER, UTINYINT, VARCHAR, type DuckDBType} from "@duckdb/node-api";
import type {Table} from "apache-arrow";
import {PIXEL_KEY_COLUMNS, stringColumnKeys} from "@operando/lib/imaging/stack";

const CHUNK_ROWS = 2048;

async function copyTable(connection: DuckDBConnection, name: string, table: Table, columns: [string, DuckDBType][]): Promise<void> {
  await connection.run(`CREATE TABLE ${name} (${columns.map(([c, t]) => `"${c}" ${t.toString()}`).join(", ")})`);
  const values = columns.map(([column, type]) => {
    const vector = table.getChild(column);
    if (!vector) throw new Error(`table has no column ${column}`);
    if (type === VARCHAR) {
      const {keys, names} = stringColumnKeys(vector);
      return (i: number) => names[keys[i]];
    }
    const numbers = vector.toArray() as ArrayLike<number>;
    return vector.nullCount > 0 ? (i: number) => (vector.isValid(i) ? Number(numbers[i]) : null) : (i: number) => Number(numbers[i]);
  });
  const appender = await connection.createAppender(name);
  const types = columns.map(([, type]) => type);
  for (let start = 0; start < table.numRows; start += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, table.numRows - start);
    const chunk = DuckDBDataChunk.create(types, rows);
    values.forEach((get, c) => chunk.setColumnValues(c, Array.from({length: rows}, (_, k) => get(start + k))));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

export async function duckdbWithRun(images: Table, pixels: Table): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await copyTable(connection, "images", images, [["run", VARCHAR], ["region", VARCHAR], ["region_id", UTINYINT], ["ion", VARCHAR], ["frame", INTEGER]]);
  const ions = pixels.schema.fields.map((f) => f.name).filter((name) => !(PIXEL_KEY_COLUMNS as readonly string[]).includes(name));
  await copyTable(connection, "pixels", pixels, [["region_id", UTINYINT], ["frame", INTEGER], ["y", INTEGER], ["x", INTEGER], ["line", UINTEGER],
    ...ions.map((ion): [string, DuckDBType] => [ion, UINTEGER])]);
  return connection;
}
