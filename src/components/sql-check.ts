// The explorer's ROI aggregate as SQL (lib/roi/sql.ts) on DuckDB-WASM, run on a button press on the ROIs as they
// are: the masks go in as tables (lib/roi/mask-tables.ts), the fixed query text is shown, and every cell is
// compared with the TypeScript numbers of the same masks over the same stacks.
import {html} from "npm:htl";
import type {RoiFrameMask} from "@operando/lib/roi/aggregate";
import {roiCountsQuery, trendRowsFromSql, type SqlTrendRow} from "@operando/lib/roi/sql";
import type {RoiTrendRow} from "@operando/lib/roi/trend";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {compareSqlRows} from "@operando/lib/roi/sql-compare";

export interface SqlClient {
  query(sql: string): Promise<Iterable<Record<string, unknown>>>;
}

export interface SqlCheckSource {
  masks: RoiFrameMask[];
  rows: RoiTrendRow[];
  stacks: ImageStack[];
}

/** `source()` gives the TypeScript trend of the ROIs as they are; `client(masks, stacks)` opens DuckDB with those stacks' pixels, the images and the masks as tables. */
export function sqlCheck(source: () => Promise<SqlCheckSource>, client: (masks: RoiFrameMask[], stacks: ImageStack[]) => Promise<SqlClient>, {run}: {run: string}): HTMLDivElement {
  const query = html`<pre class="operando-sql" style="max-height:260px;overflow:auto;font-size:12px;white-space:pre;max-width:none"></pre>` as HTMLPreElement;
  const status = html`<p class="operando-sql-status" style="max-width:none"></p>` as HTMLParagraphElement;
  const button = html`<button type="button">Run this SQL on DuckDB-WASM</button>` as HTMLButtonElement;
  const sql = roiCountsQuery(undefined, {pixelsTable: "pixels", imagesTable: "images", run});
  query.textContent = sql;
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Loading the pixels and the masks into DuckDB-WASM, then running…";
    try {
      const {masks, rows: trendRows, stacks} = await source();
      const db = await client(masks, stacks);
      const started = performance.now();
      // The images table lists every ion of the run; the page compares the ions whose stacks it loaded.
      const ions = new Set(trendRows.map((row) => row.ion));
      const rows = ([...(await db.query(sql))] as unknown as SqlTrendRow[]).filter((row) => ions.has(row.ion));
      const elapsedMs = performance.now() - started;
      const result = compareSqlRows(trendRows, trendRowsFromSql(rows, masks));
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
