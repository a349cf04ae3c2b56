/**
 * Open-circuit potentials (V vs Li/Li+) of the two electrodes, as smooth analytic curves with the shapes of
 * the published ones: NCA rises from about 3.5 V to 4.1 V over the 40 % of its capacity this anode-limited
 * cell uses; LTO is flat at 1.55 V and falls or rises steeply only at the ends of its two-phase plateau.
 */

/** NCA potential (V vs Li) at delithiation fraction `delithiated` (0 = LiNi0.8Co0.15Al0.05O2). */
export function ncaPotentialV(delithiated: number): number {
  const s = clamp(delithiated, 1e-4, 0.95);
  return 3.62 + 1.0 * s + 0.03 * Math.log(s / (1 - s));
}

/** LTO potential (V vs Li) at lithiation fraction `lithiated` (0 = Li4Ti5O12, 1 = Li7Ti5O12). */
export function ltoPotentialV(lithiated: number): number {
  const y = clamp(lithiated, 1e-6, 1 - 1e-6);
  return 1.55 + 0.02 * Math.log((1 - y) / y) + 0.8 * Math.exp(-y / 0.01) - 0.4 * Math.exp(-(1 - y) / 0.015);
}

export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
