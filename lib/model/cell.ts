/**
 * The cell as a lumped two-electrode model: cell voltage = NCA potential - LTO potential + ohmic drop
 * + one relaxing polarisation (RC element). Lithium bookkeeping follows the paper's reading of the
 * irreversible capacity: part of the first charge reduces an LLTO particle next to the anode, and part of
 * the lithium put into the anode is trapped there at each discharge (isolated particles).
 */
import {ltoPotentialV, ncaPotentialV} from "./ocv.js";

export interface CellParameters {
  areaCm2: number;
  currentDensityMaPerCm2: number;
  cathodeCapacityUah: number;
  /** LTO capacity actually reached (calibrated so cycle 1 charges 29 uAh; the design value is 26 uAh). */
  ltoCapacityUah: number;
  /** Charge consumed by reducing the LLTO particle next to the anode on the first charge. */
  lltoReductionUah: number;
  /** Share of the charging current that goes into LLTO while it is still unreduced. */
  lltoReductionShare: number;
  /** Lithium trapped in the anode at the start of discharge n (index n-1); cycles beyond the list trap none. */
  trappedUahPerCycle: number[];
  /** Cathode delithiation before the first charge (fraction). */
  initialDelithiation: number;
  ohmicResistanceOhm: number;
  polarisationResistanceOhm: number;
  polarisationTimeS: number;
  chargeCutoffV: number;
  dischargeCutoffV: number;
  holdS: number;
}

/** Everything that changes while the cell cycles. Charges in uAh. */
export interface CellState {
  timeS: number;
  anodeLithiumUah: number;
  anodeAccessibleUah: number;
  lltoReducedUah: number;
  netChargeUah: number;
  polarisationV: number;
}

export function initialCellState(parameters: CellParameters): CellState {
  return {
    timeS: 0,
    anodeLithiumUah: 0,
    anodeAccessibleUah: parameters.ltoCapacityUah,
    lltoReducedUah: 0,
    netChargeUah: 0,
    polarisationV: 0
  };
}

export function anodeLithiation(state: CellState): number {
  return state.anodeLithiumUah / state.anodeAccessibleUah;
}

export function openCircuitV(parameters: CellParameters, state: CellState): number {
  const cathodeDelithiation = parameters.initialDelithiation + state.netChargeUah / parameters.cathodeCapacityUah;
  return ncaPotentialV(cathodeDelithiation) - ltoPotentialV(anodeLithiation(state));
}

export function cellVoltageV(parameters: CellParameters, state: CellState, currentA: number): number {
  return openCircuitV(parameters, state) + currentA * parameters.ohmicResistanceOhm + state.polarisationV;
}

/** Current (A) that holds the cell at `voltageV` (constant-voltage step). */
export function holdCurrentA(parameters: CellParameters, state: CellState, voltageV: number): number {
  return (voltageV - openCircuitV(parameters, state) - state.polarisationV) / parameters.ohmicResistanceOhm;
}

/** Advances the state by `stepS` at `currentA` (positive on charge). Returns a new state. */
export function advance(parameters: CellParameters, state: CellState, currentA: number, stepS: number): CellState {
  const chargeUah = (currentA * stepS) / 3.6e-3; // A s -> uAh
  let lltoUah = 0;
  if (chargeUah > 0 && state.lltoReducedUah < parameters.lltoReductionUah) {
    const remaining = 1 - state.lltoReducedUah / parameters.lltoReductionUah;
    lltoUah = Math.min(chargeUah * parameters.lltoReductionShare * remaining, parameters.lltoReductionUah - state.lltoReducedUah);
  }
  const decay = Math.exp(-stepS / parameters.polarisationTimeS);
  const target = currentA * parameters.polarisationResistanceOhm;
  return {
    timeS: state.timeS + stepS,
    anodeLithiumUah: state.anodeLithiumUah + chargeUah - lltoUah,
    anodeAccessibleUah: state.anodeAccessibleUah,
    lltoReducedUah: state.lltoReducedUah + lltoUah,
    netChargeUah: state.netChargeUah + chargeUah,
    polarisationV: target + (state.polarisationV - target) * decay
  };
}

/** At the start of a discharge, `trappedUah` of the anode's lithium becomes inaccessible with its sites. */
export function trapLithium(state: CellState, trappedUah: number): CellState {
  const trapped = Math.min(trappedUah, state.anodeLithiumUah);
  return {
    ...state,
    anodeLithiumUah: state.anodeLithiumUah - trapped,
    anodeAccessibleUah: state.anodeAccessibleUah - trapped
  };
}
