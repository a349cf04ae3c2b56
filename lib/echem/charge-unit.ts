/**
 * The unit a charge is shown in. The library's charges are in Ah (the cycling table's `_ah` columns); a figure or
 * table shows them with the prefix that puts the run's largest charge between 1 and 1000, so that a thin-film cell
 * reads in µAh and a pouch cell in mAh or Ah, without zeros or exponents.
 */
export interface ChargeUnit {
  /** The unit's symbol, as axis labels and column headings show it. */
  symbol: "nAh" | "µAh" | "mAh" | "Ah";
  /** The charge in this unit of a charge in Ah. */
  of(chargeAh: number): number;
}

const UNITS: {symbol: ChargeUnit["symbol"]; perAh: number}[] = [
  {symbol: "Ah", perAh: 1},
  {symbol: "mAh", perAh: 1e3},
  {symbol: "µAh", perAh: 1e6},
  {symbol: "nAh", perAh: 1e9}
];

/** The unit for charges up to `largestChargeAh` (µAh when there is no charge to go by). */
export function chargeUnitFor(largestChargeAh: number): ChargeUnit {
  const largest = Math.abs(largestChargeAh);
  const chosen = !(largest > 0) || !Number.isFinite(largest)
    ? UNITS[2]
    : UNITS.find((unit) => largest * unit.perAh >= 1) ?? UNITS[UNITS.length - 1];
  return {symbol: chosen.symbol, of: (chargeAh) => chargeAh * chosen.perAh};
}

/** The unit for a curve: the one that suits its largest capacity (NaN capacities skipped; µAh for no point). */
export function chargeUnitForCurve(points: readonly {capacityAh: number}[]): ChargeUnit {
  // A loop, not Math.max(...): a long record has more points than a call takes arguments.
  let largestAh = -Infinity;
  for (const {capacityAh} of points) if (capacityAh > largestAh) largestAh = capacityAh;
  return chargeUnitFor(largestAh);
}
