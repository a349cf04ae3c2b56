// The worker threads of bin/registration-threads.ts start here: threads do not inherit tsx's loader hooks (Node 20),
// so this plain module registers tsx for the thread and then runs the TypeScript entry.
import {tsImport} from "tsx/esm/api";

await tsImport("./registration-worker.ts", import.meta.url);
