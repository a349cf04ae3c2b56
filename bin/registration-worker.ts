// One region's registration on a worker thread (bin/registration-threads.ts): the job comes as workerData.job, the
// drift (or the error's message) goes back as one message.
import {parentPort, workerData} from "node:worker_threads";
import {registerRegion, type RegionRegistrationJob} from "@operando/lib/imaging/drift";

try {
  parentPort!.postMessage({drift: registerRegion(workerData.job as RegionRegistrationJob)});
} catch (error) {
  parentPort!.postMessage({error: error instanceof Error ? error.message : String(error)});
}
