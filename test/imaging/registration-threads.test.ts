/** The build registers regions on worker threads (bin/registration-threads.ts): the same drifts as in one thread. */
import {describe, expect, it} from "vitest";
import {registerRegions} from "@operando/lib/imaging/drift";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {registerRegionsOnThreads} from "../../bin/registration-threads.js";
import {syntheticRun} from "../roi/synthetic-run.js";

describe("registerRegionsOnThreads", () => {
  const driftPx: [number, number][] = [[0, 0], [2.5, -1.5], [-3.2, 2.1]];
  const run = syntheticRun({seed: 8, width: 96, height: 64, driftPx});
  const stacks = stacksFromTables(run.images, run.pixels);
  const options = {manualDriftPx: [{region: "negative", frame: 2, driftPx: [7, -4] as [number, number]}]};

  it("gives every region's drifts, uncertainties and reasons exactly as registerRegions, in the same order", async () => {
    const onThreads = await registerRegionsOnThreads(stacks, "total", options);
    expect(onThreads.map((d) => d.region)).toEqual(["positive", "negative"]);
    expect(onThreads).toEqual(registerRegions(stacks, "total", options));
    expect(onThreads[1].byFrame.get(2)!.source).toBe("manual");
  });

  it("refuses a hand-given drift for an unknown frame before starting a thread", async () => {
    await expect(registerRegionsOnThreads(stacks, "total", {manualDriftPx: [{region: "positive", frame: 9, driftPx: [1, 1]}]})).rejects.toThrow(/no frame 9/);
  });
});
