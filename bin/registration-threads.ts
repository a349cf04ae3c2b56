// Registration of a run's regions on worker threads, one region per thread, as many at once as the machine has
// cores: registration is most of the build's time, and the regions do not depend on each other. Each thread runs
// `registerRegion` (lib/imaging/drift.ts) on a copy of its region's registration stack, so the drifts are the ones
// `registerRegions` gives in one thread.
import {availableParallelism} from "node:os";
import {Worker} from "node:worker_threads";
import {registerRegion, registrationJobs, type RegionDrift, type RegionRegistrationJob, type RegionRegistrationOptions} from "@operando/lib/imaging/drift";
import type {ImageStack} from "@operando/lib/imaging/raster";

// A thread starts in a plain module that loads tsx first (bin/thread-boot.mjs).
const THREAD_BOOT = new URL("./thread-boot.mjs", import.meta.url);

function registerOnThread(job: RegionRegistrationJob): Promise<RegionDrift> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD_BOOT, {workerData: {entry: "./registration-worker.ts", job}});
    worker.once("message", (message: {drift: RegionDrift} | {error: string}) => {
      if ("error" in message) reject(new RangeError(message.error));
      else resolve(message.drift);
      void worker.terminate();
    });
    worker.once("error", reject);
    // A thread that ends without its message (killed, out of memory) fails the registration rather than hanging it.
    worker.once("exit", (code) => reject(new Error(`registration: the thread of region "${job.stack.region}" stopped (exit code ${code}) without its drifts`)));
  });
}

/** `registerRegions` with each region on a thread of its own (in this thread when there is one region or one core). */
export async function registerRegionsOnThreads(stacks: ImageStack[], ion = "total", options: RegionRegistrationOptions = {}): Promise<RegionDrift[]> {
  const jobs = registrationJobs(stacks, ion, options);
  const threads = Math.min(availableParallelism(), jobs.length);
  if (threads <= 1) return jobs.map(registerRegion);
  const drifts: RegionDrift[] = new Array(jobs.length);
  let next = 0;
  const runThread = async (): Promise<void> => {
    while (next < jobs.length) {
      const k = next++;
      drifts[k] = await registerOnThread(jobs[k]);
    }
  };
  await Promise.all(Array.from({length: threads}, runThread));
  return drifts;
}
