/**
 * Test helper: DuckDB-WASM 1.29 (DuckDB 1.1.1, the version Framework pages use) run in Node through its
 * blocking bindings, with the run's tables inserted as Arrow IPC streams, as a page does.
 */
import {createRequire} from "node:module";
import {tableToIPC, type Table} from "apache-arrow";

interface WasmConnection {
  query(sql: string): {toArray(): {toJSON(): Record<string, unknown>}[]};
  insertArrowFromIPCStream(buffer: Uint8Array, options: {name: string}): void;
  close(): void;
}
interface WasmBindings {
  instantiate(): Promise<unknown>;
  connect(): WasmConnection;
}

export async function duckdbWasmWithRun(tables: Record<string, Table>): Promise<WasmConnection> {
  const require = createRequire(import.meta.url);
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const dist = new URL("../../node_modules/@duckdb/duckdb-wasm/dist/", import.meta.url).pathname;
  const db: WasmBindings = await duckdb.createDuckDB(
    {mvp: {mainModule: `${dist}duckdb-mvp.wasm`, mainWorker: ""}, eh: {mainModule: `${dist}duckdb-eh.wasm`, mainWorker: ""}},
    new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const connection = db.connect();
  for (const [name, table] of Object.entries(tables)) connection.insertArrowFromIPCStream(tableToIPC(table, "stream"), {name});
  return connection;
}
