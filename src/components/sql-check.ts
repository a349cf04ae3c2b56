// The explorer's ROI aggregate as SQL (lib/roi/sql.ts) on DuckDB-WASM, run on a button press on the ROIs as they
// are: the masks go in as tables (lib/roi/mask-tables.ts), the fixed query text is shown, and every cell is
// compared with the TypeScript numbers of the same masks.
import {html} from "npm:htl";
import type {RoiFrameMask} from "@operando/lib/roi/aggregate";
import {roiCountsQuery, trendRowsFromSql, type SqlTrendRow} from "@operando/lib/roi/sql";
import type {RoiTrendRow} from "@operando/lib/roi/trend";
import {compareSqlRows} from "@operando/lib/roi/sql-compare";

export interface SqlClient {
  query(sql: string): Promise<Iterable<Record<string, unknown>>>;
}

export interface SqlCheckSource {
  masks: RoiFrameMask[];
  value: RoiTrendRow[];
}

/** `client(masks)` opens DuckDB with the pixels, the images and these masks as tables. */
export function sqlCheck(source: () => SqlCheckSource, client: (masks: RoiFrameMask[]) => Promise<SqlClient>, {run}: {run: string}): HTMLDivElement {
  const query = html`<pre class="operando-sql" style="max-height:260px;overflow:auto;font-size:12px;white-space:pre;max-width:none"></pre>` as HTMLPreElement;
  const status = html`<p class="operando-sql-status" style="max-width:none"></p>` as HTMLParagraphElement;
  const button = html`<button type="button">Run this SQL on DuckDB-WASM</button>` as HTMLButtonElement;
  const sql = roiCountsQuery(undefined, {pixelsTable: "pixels", imagesTable: "images", run});
  query.textContent = sql;
  button.addEventListener("click", async () => {
    const {masks, value} = source();
    button.disabled = true;
    status.textContent = "Loading the pixels and the masks into DuckDB-WASM, then running…";
    try {
      const db = await client(masks);
      const started = performance.now();
      // The images table lists every ion of the run; the page compares the ions whose stacks it loaded.
      const ions = new Set(value.map((row) => row.ion));
      const rows = ([...(await db.query(sql))] as unknown as SqlTrendRow[]).filter((row) => ions.has(row.ion));
      const elapsedMs = performance.now() - started;
      const result = compareSqlRows(value, trendRowsFromSql(rows, masks));
      status.dataset.cells = String(result.cells);
      status.dataset.equal = String(result.equal);
      status.textContent = result.equal
        ? `DuckDB-WASM returned ${rows.length} (ROI, ion, frame) cells in ${(elapsedMs / 1000).toFixed(1)} s: every count, area and counts/µm² equals the TypeScript trend exactly, ${result.maxIntervalRelativeDifference === 0 ? "and so does every 95% interval." : `and the 95% intervals agree to ${result.maxIntervalRelativeDifference.toExponential(1)} (relative; the registration term is summed in another order).`}`
        : `DuckDB-WASM returned ${rows.length} cells; ${result.mismatches.length} differ from the TypeScript trend, e.g. ${result.mismatches.slice(0, 3).join("; ")}.`;
    } catch (error) {
      status.textContent = `The query failed: ${(error as Error).message}`;
    } finally {
      button.disabled = false;
    }
  });
  return html`<div class="operando-sql-check">${button}${status}${query}</div>` as HTMLDivElement;
}
