import {createRequire} from "node:module";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {tableToIPC} from "apache-arrow";
import {loadRun} from "@operando/loaders/sims/run";
import {makeRun} from "./helpers.js";

const require = createRequire(import.meta.url);
const dist = fileURLToPath(new URL("../../node_modules/@duckdb/duckdb-wasm/dist/", import.meta.url));

interface Row {
  toJSON(): Record<string, unknown>;
}
interface Connection {
  insertArrowFromIPCStream(bytes: Uint8Array, options: {name: string}): void;
  query(sql: string): {toArray(): Row[]};
}

async function duckdbConnection(): Promise<Connection> {
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const bundles = {
    mvp: {mainModule: `${dist}duckdb-mvp.wasm`, mainWorker: `${dist}duckdb-node-mvp.worker.cjs`},
    eh: {mainModule: `${dist}duckdb-eh.wasm`, mainWorker: `${dist}duckdb-node-eh.worker.cjs`}
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  return db.connect();
}

describe("the run tables in DuckDB-WASM 1.29", () => {
  it("load from Arrow IPC with their small types, and sums of pixels equal the images' total counts", async () => {
    const run = makeRun();
    const tables = await loadRun(run.manifest, run.readFile);
    const connection = await duckdbConnection();
    for (const name of ["frames", "images", "pixels"] as const) connection.insertArrowFromIPCStream(tableToIPC(tables[name], "stream"), {name});
    const types = connection.query("DESCRIBE pixels").toArray().map((r) => `${r.toJSON().column_name} ${r.toJSON().column_type}`);
    expect(types).toEqual(["run VARCHAR", "region VARCHAR", "ion VARCHAR", "frame UTINYINT", "x UTINYINT", "y UTINYINT", "counts USMALLINT"]);
    const mismatches = connection.query(`
      SELECT i.region, i.ion, i.frame FROM images i
      JOIN (SELECT region, ion, frame, sum(counts) AS total, count(*) AS n FROM pixels GROUP BY ALL) p USING (region, ion, frame)
      WHERE p.total <> i.total_counts OR p.n <> i.width * i.height`).toArray();
    expect(mismatches).toEqual([]);
    const counted = connection.query("SELECT count(*)::INTEGER AS n FROM images").toArray()[0].toJSON().n;
    expect(counted).toBe(tables.images.numRows);
  });
});
