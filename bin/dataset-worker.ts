// One worker thread of bin/dataset-threads.ts: builds the model from the job's options (the same experiment as
// the command's, since the model is deterministic), writes the image files of its (point, region) pairs and sends
// back each pair's totals and expected counts as one message, then {done}; an error ends it with {error}.
import {parentPort, workerData} from "node:worker_threads";
import {buildExperiment} from "../lib/model/experiment.js";
import {writeFrameImages} from "./dataset-frames.js";
import type {DatasetThreadJob, DatasetThreadMessage} from "./dataset-threads.js";

const {target, tasks} = workerData.job as DatasetThreadJob;
const send = (message: DatasetThreadMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
try {
  const experiment = buildExperiment(target.options);
  for (const {index, task} of tasks) {
    const written = writeFrameImages(experiment, target, task);
    send({index, written}, written.expected.map((image) => image.values.buffer as ArrayBuffer));
  }
  send({done: true});
} catch (error) {
  send({error: error instanceof Error ? error.message : String(error)});
}
