/**
 * Secondary-ion yields and matrix effects. Expected counts of ion i in a pixel =
 *   countsScale x pixel area x sum over phases of yield(i, phase) x phase fraction x matrix factor,
 * where the matrix factor is linear in the local state: 1 + slope x state (state of charge of NCA or LTO,
 * reduced fraction of LLTO). Because it is linear, every ion image is a fixed combination of a few
 * "basis fields" (phase fractions, and phase fraction x state), which are blurred once per frame.
 */

export type RegionId = "positive" | "negative";

/** Basis fields of each region. `NCAxSoC` = NCA fraction times its local state of charge. */
export const POSITIVE_FIELDS = ["electrolyte", "LiOH", "NCA", "NCAxSoC"] as const;
export const NEGATIVE_FIELDS = ["electrolyte", "LiOH", "LTO", "LLTO", "reducedLLTO"] as const;
export type PositiveField = (typeof POSITIVE_FIELDS)[number];
export type NegativeField = (typeof NEGATIVE_FIELDS)[number];

export interface IonSpec {
  id: string;
  massU: number;
}

/** Ions in the order `--ions N` takes them; the first four are those of the paper. */
export const IONS: Record<RegionId, IonSpec[]> = {
  positive: [
    {id: "6Li+", massU: 6.015}, {id: "7Li+", massU: 7.016}, {id: "58Ni+", massU: 57.935}, {id: "59Co+", massU: 58.933},
    {id: "27Al+", massU: 26.982}, {id: "1H+", massU: 1.008}, {id: "23Na+", massU: 22.99}, {id: "39K+", massU: 38.964}
  ],
  negative: [
    {id: "6Li+", massU: 6.015}, {id: "7Li+", massU: 7.016}, {id: "48Ti+", massU: 47.948}, {id: "139La+", massU: 138.906},
    {id: "27Al+", massU: 26.982}, {id: "1H+", massU: 1.008}, {id: "23Na+", massU: 22.99}, {id: "39K+", massU: 38.964}
  ]
};

/** Natural 7Li/6Li abundance ratio (92.41 % / 7.59 %). */
const LI7_PER_LI6 = 92.41 / 7.59;

/** Yields in counts per um2 per 1600 s frame at the paper's dose, for countsScale 1. */
type Yields = Record<string, number>;

const POSITIVE_YIELDS: Record<string, Yields> = {
  "6Li+": {electrolyte: 400, LiOH: 700, NCA: 150},
  "58Ni+": {electrolyte: 3, LiOH: 2, NCA: 250},
  "59Co+": {electrolyte: 1, LiOH: 1, NCA: 70},
  "27Al+": {electrolyte: 20, LiOH: 10, NCA: 40},
  "1H+": {electrolyte: 300, LiOH: 900, NCA: 60},
  "23Na+": {electrolyte: 15, LiOH: 15, NCA: 15},
  "39K+": {electrolyte: 8, LiOH: 8, NCA: 8},
  other: {electrolyte: 3000, LiOH: 2500, NCA: 2000}
};
/** Matrix-effect slopes in NCA: factor 1 + slope x SoC (58Ni+ x2.6 at full charge, 6Li+ x0.7). */
const NCA_SLOPES: Record<string, number> = {"6Li+": -0.3, "7Li+": -0.3, "58Ni+": 1.6, "59Co+": 1.4, "27Al+": 0.5};

const NEGATIVE_YIELDS: Record<string, Yields> = {
  "6Li+": {electrolyte: 400, LiOH: 700, LTO: 180, LLTO: 120},
  "48Ti+": {electrolyte: 1, LiOH: 1, LTO: 300, LLTO: 220},
  "139La+": {electrolyte: 0.3, LiOH: 0.3, LTO: 0.3, LLTO: 90},
  "27Al+": {electrolyte: 20, LiOH: 10, LTO: 15, LLTO: 10},
  "1H+": {electrolyte: 300, LiOH: 900, LTO: 80, LLTO: 60},
  "23Na+": {electrolyte: 15, LiOH: 15, LTO: 15, LLTO: 15},
  "39K+": {electrolyte: 8, LiOH: 8, LTO: 8, LLTO: 8},
  other: {electrolyte: 3000, LiOH: 2500, LTO: 2200, LLTO: 2400}
};
/** Matrix-effect slopes in LTO (state = lithiation on charge) and in reduced LLTO (state = reduced fraction). */
const LTO_SLOPES: Record<string, number> = {"6Li+": 0.04, "7Li+": 0.04, "48Ti+": -0.45};
const REDUCED_LLTO_SLOPES: Record<string, number> = {"6Li+": 0.1, "7Li+": 0.1, "48Ti+": -0.6};

function yieldsOf(table: Record<string, Yields>, ion: string): Yields {
  if (ion === "7Li+") return Object.fromEntries(Object.entries(table["6Li+"]).map(([k, v]) => [k, v * LI7_PER_LI6]));
  const yields = table[ion];
  if (!yields) throw new Error(`chemistry: no yields for ion ${ion}`);
  return yields;
}

/** The frame's state that the matrix factors depend on. */
export interface MatrixState {
  /** LTO lithiation (uniform in the anode), 0..1. */
  anodeSoc: number;
  /** Reduced fraction of the reduced LLTO particle, 0..1. */
  lltoReduced: number;
}

/**
 * Coefficients (counts per um2) of each basis field for `ion` (`other` = every species not imaged),
 * so that expected counts per um2 = sum over fields of coefficient x field.
 */
export function fieldCoefficients(region: RegionId, ion: string, state: MatrixState): number[] {
  if (region === "positive") {
    const y = yieldsOf(POSITIVE_YIELDS, ion);
    return [y.electrolyte, y.LiOH, y.NCA, y.NCA * (NCA_SLOPES[ion] ?? 0)];
  }
  const y = yieldsOf(NEGATIVE_YIELDS, ion);
  const lto = y.LTO * (1 + (LTO_SLOPES[ion] ?? 0) * state.anodeSoc);
  const reduced = y.LLTO * (1 + (REDUCED_LLTO_SLOPES[ion] ?? 0) * state.lltoReduced);
  return [y.electrolyte, y.LiOH, lto, y.LLTO, reduced];
}

/** Parameters written into truth.json. */
export const CHEMISTRY_PARAMETERS = {
  li7PerLi6: LI7_PER_LI6,
  positiveYieldsPerUm2: POSITIVE_YIELDS,
  negativeYieldsPerUm2: NEGATIVE_YIELDS,
  ncaMatrixSlopes: NCA_SLOPES,
  ltoMatrixSlopes: LTO_SLOPES,
  reducedLltoMatrixSlopes: REDUCED_LLTO_SLOPES
};
