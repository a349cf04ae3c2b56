/** The dataset command writes its images on worker threads (bin/dataset-threads.ts): the same files and truth as in one thread. */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {buildExperiment, DEFAULT_OPTIONS} from "@operando/lib/model/experiment";
import {REGIONS} from "@operando/lib/model/run-files";
import type {FrameWritten} from "../../bin/dataset-frames.js";
import {writeFramesOnThreads} from "../../bin/dataset-threads.js";
import {filesOf} from "./generate.js";

const scratch = mkdtempSync(join(tmpdir(), "dataset-threads-"));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

const options = {...DEFAULT_OPTIONS, width: 64, height: 32, frames: 3, ionsPerRegion: 2};
const experiment = buildExperiment(options);
const tasks = experiment.points.slice(0, 3).flatMap((point) => REGIONS.map((region) => ({point: point.index, region})));

async function written(threads: number): Promise<{files: Map<string, Buffer>; results: {index: number; written: FrameWritten}[]}> {
  const folder = join(scratch, `threads-${threads}`);
  const results: {index: number; written: FrameWritten}[] = [];
  await writeFramesOnThreads(experiment, {folder, options, expected: true, imzml: true}, tasks, (index, frame) => results.push({index, written: frame}), threads);
  return {files: filesOf(folder), results};
}

describe("writeFramesOnThreads", () => {
  it("writes the same bytes, totals and expected counts on two threads as in one, handed on in the tasks' order", async () => {
    const inline = await written(1);
    const threaded = await written(2);
    expect(threaded.results.map((r) => r.index)).toEqual(tasks.map((_, index) => index));
    expect(threaded.results).toEqual(inline.results);
    expect([...threaded.files.keys()].sort()).toEqual([...inline.files.keys()].sort());
    expect(inline.files.size).toBe(tasks.length * (2 + 1 + 2)); // 2 ions and the total as text, an .imzML and its .ibd
    for (const [path, bytes] of inline.files) expect(Buffer.compare(bytes, threaded.files.get(path)!), path).toBe(0);
  });
});
