/**
 * Calibrates the two lithium-inventory parameters the paper does not give directly so that the simulated
 * protocol reproduces its capacities: the LTO capacity reached (cycle 1 charge, 29 µAh) and the lithium
 * trapped at each discharge (cycle 1 discharge 25 µAh, cycle 2 discharge 22 µAh). The cycle 2 charge then
 * follows from the bookkeeping (about 25 µAh), which the tests check against the paper.
 */
import type {CellParameters} from "./cell.js";
import {runProtocol, type ProtocolOptions} from "./cycling.js";

export interface CapacityTargets {
  /** Cycle 1 charge capacity (Ah). */
  firstChargeAh: number;
  /** Discharge capacity of cycles 1, 2, ... (Ah). */
  dischargeAh: number[];
}

function bisect(f: (x: number) => number, low: number, high: number): number {
  let fLow = f(low);
  for (let i = 0; i < 32; i++) {
    const mid = (low + high) / 2;
    const fMid = f(mid);
    if (Math.sign(fMid) === Math.sign(fLow)) {
      low = mid;
      fLow = fMid;
    } else {
      high = mid;
    }
  }
  return (low + high) / 2;
}

export function calibrateCell(base: CellParameters, targets: CapacityTargets, protocol: ProtocolOptions): CellParameters {
  const capacity = (parameters: CellParameters, halfCycle: number) =>
    runProtocol(parameters, {...protocol, record: false, halfCycleLimit: halfCycle + 1}).halfCycles[halfCycle].capacityAh;

  let parameters = {...base};
  const ltoCapacityAh = bisect(
    (capacityAh) => capacity({...parameters, ltoCapacityAh: capacityAh}, 0) - targets.firstChargeAh,
    0.5 * targets.firstChargeAh,
    1.5 * targets.firstChargeAh
  );
  parameters = {...parameters, ltoCapacityAh};
  const trapped: number[] = [];
  targets.dischargeAh.forEach((dischargeAh, cycle) => {
    const trappedAh = bisect(
      (t) => capacity({...parameters, trappedAhPerCycle: [...trapped, t]}, 2 * cycle + 1) - dischargeAh,
      0,
      0.5 * targets.firstChargeAh
    );
    trapped.push(trappedAh);
  });
  return {...parameters, trappedAhPerCycle: trapped};
}
