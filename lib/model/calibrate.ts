/**
 * Calibrates the two lithium-inventory parameters the paper does not give directly so that the simulated
 * protocol reproduces its capacities: the LTO capacity reached (cycle 1 charge, 29 uAh) and the lithium
 * trapped at each discharge (cycle 1 discharge 25 uAh, cycle 2 discharge 22 uAh). The cycle 2 charge then
 * follows from the bookkeeping (about 25 uAh), which the tests check against the paper.
 */
import type {CellParameters} from "./cell.js";
import {runProtocol, type ProtocolOptions} from "./cycling.js";

export interface CapacityTargets {
  /** Cycle 1 charge capacity (uAh). */
  firstChargeUah: number;
  /** Discharge capacity of cycles 1, 2, ... (uAh). */
  dischargeUah: number[];
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
    runProtocol(parameters, {...protocol, record: false, halfCycleLimit: halfCycle + 1}).halfCycles[halfCycle].capacityUah;

  let parameters = {...base};
  const ltoCapacityUah = bisect(
    (capacityUah) => capacity({...parameters, ltoCapacityUah: capacityUah}, 0) - targets.firstChargeUah,
    0.5 * targets.firstChargeUah,
    1.5 * targets.firstChargeUah
  );
  parameters = {...parameters, ltoCapacityUah};
  const trapped: number[] = [];
  targets.dischargeUah.forEach((dischargeUah, cycle) => {
    const trappedUah = bisect(
      (t) => capacity({...parameters, trappedUahPerCycle: [...trapped, t]}, 2 * cycle + 1) - dischargeUah,
      0,
      0.5 * targets.firstChargeUah
    );
    trapped.push(trappedUah);
  });
  return {...parameters, trappedUahPerCycle: trapped};
}
