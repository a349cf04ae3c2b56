import {describe, expect, it} from "vitest";
import {CELL_PARAMETERS, PAPER_CAPACITIES_AH, PROTOCOL} from "@operando/lib/model/experiment";
import {calibrateCell} from "@operando/lib/model/calibrate";
import {runProtocol} from "@operando/lib/model/cycling";
import {ltoPotentialV, ncaPotentialV} from "@operando/lib/model/ocv";

const protocol = {cycles: 2, ...PROTOCOL};
const cell = calibrateCell(CELL_PARAMETERS, {firstChargeAh: PAPER_CAPACITIES_AH.charge[0], dischargeAh: PAPER_CAPACITIES_AH.discharge}, protocol);
const run = runProtocol(cell, protocol);

describe("open-circuit curves", () => {
  it("put LTO on its 1.55 V plateau over most of its lithiation and off it at the ends", () => {
    for (const y of [0.2, 0.5, 0.8]) expect(Math.abs(ltoPotentialV(y) - 1.55)).toBeLessThan(0.04);
    expect(ltoPotentialV(0.001)).toBeGreaterThan(2);
    expect(ltoPotentialV(0.999)).toBeLessThan(1.2);
  });

  it("raise NCA from about 3.5 V to about 4.1 V over the 40 % of its capacity the cell uses", () => {
    expect(ncaPotentialV(0.02)).toBeGreaterThan(3.45);
    expect(ncaPotentialV(0.02)).toBeLessThan(3.6);
    expect(ncaPotentialV(0.45)).toBeGreaterThan(4);
    expect(ncaPotentialV(0.45)).toBeLessThan(4.2);
    for (let s = 0.02; s < 0.6; s += 0.01) expect(ncaPotentialV(s + 0.01)).toBeGreaterThan(ncaPotentialV(s));
  });
});

describe("the cycled cell", () => {
  it("reproduces the paper's capacities within 1 %", () => {
    const charge = run.halfCycles.filter((h) => h.direction === "charge").map((h) => h.capacityAh);
    const discharge = run.halfCycles.filter((h) => h.direction === "discharge").map((h) => h.capacityAh);
    charge.forEach((q, i) => expect(Math.abs(q / PAPER_CAPACITIES_AH.charge[i] - 1)).toBeLessThan(0.01));
    discharge.forEach((q, i) => expect(Math.abs(q / PAPER_CAPACITIES_AH.discharge[i] - 1)).toBeLessThan(0.01));
    expect(100 * (1 - discharge[0] / charge[0])).toBeCloseTo(13.8, 1);
  });

  it("charges at 6 uA (0.03 mA/cm2 on 0.2 cm2), holds the charge cut-off for 1 h and rests between steps", () => {
    const kinds = run.steps.map((s) => `${s.kind}${s.sequence}`);
    expect(kinds).toEqual(["rest0", "cc1", "cv1", "rest1", "cc2", "rest2", "cc1", "cv1", "rest1", "cc2", "rest2"]);
    for (const step of run.steps.filter((s) => s.kind === "cv")) expect(step.endS - step.startS).toBe(3600);
    const cc = run.records.filter((r) => run.steps[r.step].kind === "cc");
    for (const r of cc) expect(Math.abs(Math.abs(r.currentA) - 6e-6)).toBeLessThan(1e-12);
  });

  it("stays within its cut-off voltages, which end the constant-current steps", () => {
    for (const r of run.records) {
      expect(r.voltageV).toBeLessThanOrEqual(cell.chargeCutoffV + 0.01);
      const step = run.steps[r.step];
      if (step.kind === "cc" && step.sequence === 2) expect(r.voltageV).toBeGreaterThanOrEqual(cell.dischargeCutoffV - 0.01);
    }
    for (const step of run.steps.filter((s) => s.kind === "cc")) {
      const last = run.records.filter((r) => run.steps[r.step] === step).at(-1)!;
      if (step.sequence === 1) expect(last.voltageV).toBeGreaterThanOrEqual(cell.chargeCutoffV);
      else expect(last.voltageV).toBeLessThanOrEqual(cell.dischargeCutoffV);
    }
  });

  it("lets the hold current decay", () => {
    const hold = run.records.filter((r) => run.steps[r.step].kind === "cv" && run.steps[r.step].cycle === 0);
    expect(hold[0].currentA).toBeGreaterThan(10 * hold.at(-1)!.currentA);
    for (let i = 1; i < hold.length; i++) expect(hold[i].currentA).toBeLessThanOrEqual(hold[i - 1].currentA + 1e-12);
  });

  it("reduces the LLTO particle on the first charge only, and it stays reduced", () => {
    const endOfFirstCharge = run.records.filter((r) => run.steps[r.step].sequence === 1 && run.steps[r.step].cycle === 0).at(-1)!;
    expect(endOfFirstCharge.state.lltoReducedAh / cell.lltoReductionAh).toBeGreaterThan(0.99);
    expect(run.records.at(-1)!.state.lltoReducedAh - endOfFirstCharge.state.lltoReducedAh).toBeLessThan(0.01 * cell.lltoReductionAh);
  });

  it("records every 10 s or less", () => {
    for (let i = 1; i < run.records.length; i++) {
      expect(run.records[i].timeS - run.records[i - 1].timeS).toBeLessThanOrEqual(PROTOCOL.recordIntervalS);
    }
  });
});
