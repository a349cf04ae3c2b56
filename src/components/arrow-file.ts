// Arrow IPC files for pages, read whole into the apache-arrow copy that @operando/lib uses (the one Framework
// bundles from node_modules). FileAttachment's own .arrow() streams the body into another copy and cancels the
// request after the end-of-stream marker, which the browser reports as a failed request.
import {tableFromIPC, type Table} from "apache-arrow";

export async function arrowTable(file: {arrayBuffer(): Promise<ArrayBuffer>}): Promise<Table> {
  return tableFromIPC(new Uint8Array(await file.arrayBuffer()));
}
