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
  cathodeCapacityAh: number;
  /** LTO capacity actually reached (calibrated so cycle 1 charges 29 µAh; the design value is 26 µAh). */
  ltoCapacityAh: number;
  /** Charge consumed by reducing the LLTO particle next to the anode on the first charge. */
  lltoReductionAh: number;
  /** Share of the charging current that goes into LLTO while it is still unreduced. */
  lltoReductionShare: number;
  /** Lithium trapped in the anode at the start of discharge n (index n-1); cycles beyond the list trap none. */
  trappedAhPerCycle: number[];
  /** Cathode delithiation before the first charge (fraction). */
  initialDelithiation: number;
  ohmicResistanceOhm: number;
  polarisationResistanceOhm: number;
  polarisationTimeS: number;
  chargeCutoffV: number;
  dischargeCutoffV: number;
  holdS: number;
}

/** Everything that changes while the cell cycles. Charges in Ah. */
export interface CellState {
  timeS: number;
  anodeLithiumAh: number;
  anodeAccessibleAh: number;
  lltoReducedAh: number;
  netChargeAh: number;
  polarisationV: number;
}

export function initialCellState(parameters: CellParameters): CellState {
  return {
    timeS: 0,
    anodeLithiumAh: 0,
    anodeAccessibleAh: parameters.ltoCapacityAh,
    lltoReducedAh: 0,
    netChargeAh: 0,
    polarisationV: 0
  };
}

export function anodeLithiation(state: CellState): number {
  return state.anodeLithiumAh / state.anodeAccessibleAh;
}

export function openCircuitV(parameters: CellParameters, state: CellState): number {
  const cathodeDelithiation = parameters.initialDelithiation + state.netChargeAh / parameters.cathodeCapacityAh;
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
  const chargeAh = (currentA * stepS) / 3600; // A s -> Ah
  let lltoAh = 0;
  if (chargeAh > 0 && state.lltoReducedAh < parameters.lltoReductionAh) {
    const remaining = 1 - state.lltoReducedAh / parameters.lltoReductionAh;
    lltoAh = Math.min(chargeAh * parameters.lltoReductionShare * remaining, parameters.lltoReductionAh - state.lltoReducedAh);
  }
  const decay = Math.exp(-stepS / parameters.polarisationTimeS);
  const target = currentA * parameters.polarisationResistanceOhm;
  return {
    timeS: state.timeS + stepS,
    anodeLithiumAh: state.anodeLithiumAh + chargeAh - lltoAh,
    anodeAccessibleAh: state.anodeAccessibleAh,
    lltoReducedAh: state.lltoReducedAh + lltoAh,
    netChargeAh: state.netChargeAh + chargeAh,
    polarisationV: target + (state.polarisationV - target) * decay
  };
}

/** At the start of a discharge, `trappedAh` of the anode's lithium becomes inaccessible with its sites. */
export function trapLithium(state: CellState, trappedAh: number): CellState {
  const trapped = Math.min(trappedAh, state.anodeLithiumAh);
  return {
    ...state,
    anodeLithiumAh: state.anodeLithiumAh - trapped,
    anodeAccessibleAh: state.anodeAccessibleAh - trapped
  };
}
