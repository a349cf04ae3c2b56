// The image files of a synthetic run written on worker threads, as many at once as the machine has cores: drawing
// and writing the images is nearly all of the dataset command's time, and its (point, region) pairs do not depend
// on each other. Thread k takes pairs k, k + threads, ..., so results come back about in order; they reach
// `onWritten` in the order of `tasks`, so the expected counts' stream and the totals are the same as in one thread.
import {availableParallelism} from "node:os";
import {Worker} from "node:worker_threads";
import type {Experiment} from "../lib/model/experiment.js";
import {writeFrameImages, type DatasetTarget, type FrameTask, type FrameWritten} from "./dataset-frames.js";

// A thread starts in a plain module that loads tsx first (bin/thread-boot.mjs).
const THREAD_BOOT = new URL("./thread-boot.mjs", import.meta.url);

export interface DatasetThreadJob {
  target: DatasetTarget;
  tasks: {index: number; task: FrameTask}[];
}

export type DatasetThreadMessage = {index: number; written: FrameWritten} | {done: true} | {error: string};

export async function writeFramesOnThreads(experiment: Experiment, target: DatasetTarget, tasks: FrameTask[], onWritten: (index: number, written: FrameWritten) => void,
  maxThreads = availableParallelism()): Promise<void> {
  const threads = Math.min(maxThreads, tasks.length);
  if (threads <= 1) {
    tasks.forEach((task, index) => onWritten(index, writeFrameImages(experiment, target, task)));
    return;
  }
  const waiting = new Map<number, FrameWritten>();
  let next = 0;
  const arrived = (index: number, written: FrameWritten) => {
    waiting.set(index, written);
    for (let ready = waiting.get(next); ready !== undefined; ready = waiting.get(next)) {
      waiting.delete(next);
      onWritten(next++, ready);
    }
  };
  const workers: Worker[] = [];
  const runThread = (thread: number) => new Promise<void>((resolve, reject) => {
    const job: DatasetThreadJob = {target, tasks: tasks.map((task, index) => ({index, task})).filter(({index}) => index % threads === thread)};
    const worker = new Worker(THREAD_BOOT, {workerData: {entry: "./dataset-worker.ts", job}});
    workers.push(worker);
    let done = false;
    worker.on("message", (message: DatasetThreadMessage) => {
      if ("error" in message) reject(new Error(message.error));
      else if ("done" in message) {
        done = true;
        resolve();
      } else arrived(message.index, message.written);
    });
    worker.once("error", reject);
    // A thread that ends without finishing (killed, out of memory) fails the command rather than hanging it.
    worker.once("exit", (code) => {
      if (!done) reject(new Error(`a dataset thread stopped (exit code ${code}) before writing its images`));
    });
  });
  try {
    await Promise.all(Array.from({length: threads}, (_, thread) => runThread(thread)));
  } catch (error) {
    // The other threads stop before the command removes its half-written folder.
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
}
