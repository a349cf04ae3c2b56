// Worker threads of the command lines start here (bin/registration-threads.ts, bin/dataset-threads.ts): threads do
// not inherit tsx's loader hooks (Node 20), so this plain module registers tsx for the thread and then runs the
// TypeScript entry named in workerData.entry (a path relative to bin/).
import {workerData} from "node:worker_threads";
import {tsImport} from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
