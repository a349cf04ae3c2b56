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
  it("load from Arrow IPC with their small types, and per-ion sums of the pixels equal the images' total counts", async () => {
    const run = makeRun();
    const tables = await loadRun(run.manifest, run.readFile);
    const connection = await duckdbConnection();
    for (const name of ["frames", "images", "pixels"] as const) connection.insertArrowFromIPCStream(tableToIPC(tables[name], "stream"), {name});
    const types = connection.query("DESCRIBE pixels").toArray().map((r) => `${r.toJSON().column_name} ${r.toJSON().column_type}`);
    expect(types).toEqual(["region_id UTINYINT", "frame UTINYINT", "y UTINYINT", "x UTINYINT", "line UINTEGER",
      "58Ni+ USMALLINT", "6Li+ USMALLINT", "total USMALLINT"]);
    const sums = connection.query(`
      UNPIVOT (SELECT region_id, frame, sum(COLUMNS(* EXCLUDE (region_id, frame, y, x, line))), count(*) AS n FROM pixels GROUP BY ALL)
      ON COLUMNS(* EXCLUDE (region_id, frame, n)) INTO NAME ion VALUE total`).toArray().map((r) => r.toJSON());
    const byImage = new Map(sums.map((r) => [`${r.region_id}|${r.frame}|${r.ion}`, r]));
    const images = connection.query("SELECT region_id, frame, ion, total_counts, width * height AS n FROM images").toArray().map((r) => r.toJSON());
    expect(byImage.size).toBe(images.length); // a null column (58Ni+ in the negative region) sums to NULL, which UNPIVOT drops
    for (const image of images) {
      const sum = byImage.get(`${image.region_id}|${image.frame}|${image.ion}`)!;
      expect([Number(sum.total), Number(sum.n)]).toEqual([Number(image.total_counts), Number(image.n)]);
    }
    const counted = connection.query("SELECT count(*)::INTEGER AS n FROM images").toArray()[0].toJSON().n;
    expect(counted).toBe(tables.images.numRows);
  });
});
