/**
 * The EC-Lab .mpr column-ID table, kept as data. Each data column of a `VMP data` module is declared by a
 * 16-bit ID; its name is given as EC-Lab's text export writes it, so .mpr and .mpt columns share names.
 *
 * Only the low byte of an ID names the quantity: EC-Lab sets higher bits on some IDs (295 = 0x127 is I Range
 * = 39, 467 = 0x1d3 is Q charge/discharge = 211, 981 = 0x3d5 is z cycle = 213), as dgbowl/yadg found and adopted
 * ("MPR column id modulo 256", dgbowl/yadg#237; table `src/yadg/extractors/eclab/mpr_columns.py`). The entries
 * are the union of that table and echemdata/galvani's (`galvani/BioLogic.py`, `VMPdata_colID_dtype_map` and
 * `VMPdata_colID_flag_map`), galvani's IDs above 255 taken by their low byte. Where the two disagree the
 * choice is noted on the entry; our fixtures' EC-Lab text exports settle some (211 holds mA.h, not C; 185 and
 * 441 are `<Ece>/V`). A wrong size still cannot shift the columns after it: the record size must fill the
 * data module exactly (see mpr.ts). A few IDs above 255 are kept whole (MPR_WIDE_COLUMNS).
 */
export type MprValueType = "f4" | "f8" | "u1" | "u2" | "u4";

export interface MprColumnSpec {
  /** The low byte of the IDs that declare this column. */
  id: number;
  name: string;
  unit: string;
  type: MprValueType;
}

/** Flag columns share one packed byte per record, placed where the first flag column is declared. */
export interface MprFlagSpec {
  id: number;
  name: string;
  mask: number;
}

// Both sources agree on the flags; yadg notes that 0b0100_0000 sometimes appears on the last record.
export const MPR_FLAG_COLUMNS: readonly MprFlagSpec[] = [
  {id: 1, name: "mode", mask: 0b0000_0011},
  {id: 2, name: "ox/red", mask: 0b0000_0100},
  {id: 3, name: "error", mask: 0b0000_1000},
  {id: 21, name: "control changes", mask: 0b0001_0000},
  {id: 31, name: "Ns changes", mask: 0b0010_0000},
  {id: 65, name: "counter inc.", mask: 0b1000_0000}
];

const column = (id: number, name: string, type: MprValueType, unit = unitOf(name)): MprColumnSpec => ({id, name, unit, type});

function unitOf(name: string): string {
  if (name === "control/V/mA") return "V/mA";
  const slash = name.lastIndexOf("/");
  return slash < 0 ? "" : name.slice(slash + 1);
}

const harmonics = (first: number, quantity: string, unit: string) =>
  [2, 3, 4, 5, 6, 7].map((h, k) => column(first + k, `|${quantity} h${h}|/${unit}`, "f4"));

// y = yadg only, g = galvani only (by its ID or that ID's low byte); unmarked entries are in both.
export const MPR_DATA_COLUMNS: readonly MprColumnSpec[] = [
  column(4, "time/s", "f8"),
  column(5, "control/V/mA", "f4"),
  column(6, "Ewe/V", "f4"),
  column(7, "dq/mA.h", "f8"),
  column(8, "I/mA", "f4"),
  column(9, "Ece/V", "f4"),
  column(11, "<I>/mA", "f8"),
  column(13, "(Q-Qo)/mA.h", "f8"),
  column(15, "Phase(Z1)/deg", "f4"), // y; galvani 271
  column(16, "Analog IN 1/V", "f4"),
  column(17, "Analog IN 2/V", "f4"),
  column(19, "control/V", "f4"),
  column(20, "control/mA", "f4"),
  column(23, "dQ/mA.h", "f8"),
  column(24, "cycle number", "f8"),
  column(26, "Rapp/Ohm", "f4"), // g
  column(27, "Ewe-Ece/V", "f4"), // g
  column(32, "freq/Hz", "f4"),
  column(33, "|Ewe|/V", "f4"),
  column(34, "|I|/A", "f4"),
  column(35, "Phase(Z)/deg", "f4"),
  column(36, "|Z|/Ohm", "f4"),
  column(37, "Re(Z)/Ohm", "f4"),
  column(38, "-Im(Z)/Ohm", "f4"),
  column(39, "I Range", "u2"),
  column(45, "|Z1|/Ohm", "f4"), // y; galvani 301
  column(46, "|Z2|/Ohm", "f4"), // y; galvani 302
  column(50, "E0/V", "f4"), // g
  column(69, "R/Ohm", "f4"), // yadg: Rwe
  column(70, "P/W", "f4"), // yadg: Pwe; our fixtures' exports write P/W
  column(73, "rotation rate/rpm", "f4"), // g
  column(74, "|Energy|/W.h", "f8"),
  column(75, "Analog OUT/V", "f4"), // galvani's 331 (Re(Z1)) has this low byte
  column(76, "<I>/mA", "f4"),
  column(77, "<Ewe>/V", "f4"),
  column(78, "Cs-2/µF-2", "f4"),
  column(96, "|Ece|/V", "f4"),
  column(98, "Phase(Zce)/deg", "f4"),
  column(99, "|Zce|/Ohm", "f4"),
  column(100, "Re(Zce)/Ohm", "f4"),
  column(101, "-Im(Zce)/Ohm", "f4"),
  column(105, "-Im(Z1)/Ohm", "f4"), // y; galvani 361
  column(106, "-Im(Z2)/Ohm", "f4"), // y; galvani 362
  column(110, "Energy ce/W.h", "f8"), // y; galvani reads 366 as -Im(Z6)/Ohm (f4)
  column(112, "Energy we/W.h", "f8"), // y (368, met in MB files with EIS, dgbowl/yadg#224); galvani: -Im(Z8)/Ohm (f4)
  column(115, "Energy ce charge/W.h", "f8"), // y (dgbowl/yadg#233)
  column(116, "Energy ce discharge/W.h", "f8"), // y
  column(123, "Energy charge/W.h", "f8"), // yadg: Energy we charge
  column(124, "Energy discharge/W.h", "f8"), // yadg: Energy we discharge
  column(125, "Capacitance charge/µF", "f8"),
  column(126, "Capacitance discharge/µF", "f8"),
  column(131, "Ns", "u2"),
  column(135, "<E1>/V", "f4"), // y; galvani 391
  column(136, "<E2>/V", "f4"), // y; galvani 392
  column(163, "|Estack|/V", "f4"),
  column(166, "Phase(Zstack)/deg", "f4"), // y; galvani 422
  column(167, "|Zstack|/Ohm", "f4"), // y; galvani 423
  column(168, "Rcmp/Ohm", "f4"), // galvani's 424 (Re(Zstack)) has this low byte
  column(169, "Cs/µF", "f4"), // galvani's 425 (-Im(Zstack)) has this low byte
  column(172, "Cp/µF", "f4"),
  column(173, "Cp-2/µF-2", "f4"),
  column(174, "<Ewe>/V", "f4"), // Phase(Zwe-ce)/deg (430) when the file also has 6 or 77: MPR_COLUMN_CONFLICTS
  column(175, "|Zwe-ce|/Ohm", "f4"), // y; galvani 431
  column(176, "Re(Zwe-ce)/Ohm", "f4"), // y; galvani 432
  column(177, "-Im(Zwe-ce)/Ohm", "f4"), // y; galvani 433
  column(178, "(Q-Qo)/C", "f4"),
  column(179, "dQ/C", "f4"),
  column(182, "step time/s", "f8"),
  column(185, "<Ece>/V", "f4"), // galvani 441: <Ecv>/V; our cp fixture's export writes <Ece>/V
  column(206, "Temperature/°C", "f4"), // galvani 462
  column(211, "Q charge/discharge/mA.h", "f8"), // yadg: unit C; galvani and our fixtures: mA.h
  column(212, "half cycle", "u4"),
  column(213, "z cycle", "u4"),
  column(215, "<Ece>/V", "f4"), // galvani 471 (PEIS/GEIS with Ece, dgbowl/yadg#225)
  column(217, "THD Ewe/%", "f4"),
  column(218, "THD I/%", "f4"),
  column(219, "THD Ece/%", "f4"),
  column(220, "NSD Ewe/%", "f4"),
  column(221, "NSD I/%", "f4"),
  column(222, "NSD Ece/%", "f4"),
  column(223, "NSR Ewe/%", "f4"),
  column(224, "NSR I/%", "f4"),
  column(225, "NSR Ece/%", "f4"),
  ...harmonics(230, "Ewe", "V"),
  ...harmonics(236, "I", "A"), // galvani also lists 242-248 as |E2|..|E8|/V; yadg and galvani's 498-503 read them as below
  ...harmonics(242, "Ece", "V"),
  column(248, "Rac/Ohm", "f4"), // y (dgbowl/yadg#260)
  column(249, "Rdc/Ohm", "f4"), // galvani 505
  column(253, "Acir/Dcir Control", "u1", "") // galvani 509
];

const series = (first: number, quantity: (n: number) => string, from: number, to: number) =>
  Array.from({length: to - from + 1}, (_, k) => column(first + k, quantity(from + k), "f4"));

/**
 * IDs above 255 that galvani (and yadg before #237) name, whose low byte names another quantity or none:
 * these are looked up by their full ID first. Where yadg's low-byte reading rests on a real file (272 is
 * Analog IN 1, 368 is Energy we, 366 Energy ce by the same pair) the low byte is kept instead.
 */
export const MPR_WIDE_COLUMNS: readonly MprColumnSpec[] = [
  ...series(273, (n) => `Phase(Z${n})/deg`, 3, 8),
  ...series(303, (n) => `|Z${n}|/Ohm`, 3, 8),
  ...series(331, (n) => `Re(Z${n})/Ohm`, 1, 8),
  ...series(363, (n) => `-Im(Z${n})/Ohm`, 3, 5),
  column(367, "-Im(Z7)/Ohm", "f4"),
  ...series(393, (n) => `<E${n}>/V`, 3, 8),
  column(424, "Re(Zstack)/Ohm", "f4"),
  column(425, "-Im(Zstack)/Ohm", "f4"),
  column(426, "<Estack>/V", "f4"),
  column(430, "Phase(Zwe-ce)/deg", "f4")
];

/** Where a low byte means another quantity when the file also declares one of `whenAlsoDeclared` (yadg). */
export const MPR_COLUMN_CONFLICTS: readonly {id: number; whenAlsoDeclared: readonly number[]; spec: MprColumnSpec}[] = [
  {id: 174, whenAlsoDeclared: [6, 77], spec: column(174, "Phase(Zwe-ce)/deg", "f4")}
];

export const MPR_VALUE_BYTES: Record<MprValueType, number> = {f4: 4, f8: 8, u1: 1, u2: 2, u4: 4};

const dataById = new Map(MPR_DATA_COLUMNS.map((spec) => [spec.id, spec]));
const wideById = new Map(MPR_WIDE_COLUMNS.map((spec) => [spec.id, spec]));
const flagById = new Map(MPR_FLAG_COLUMNS.map((spec) => [spec.id, spec]));

export type MprColumnLookup = {kind: "flag"; spec: MprFlagSpec} | {kind: "data"; spec: MprColumnSpec} | undefined;

/** The column an ID declares: a wide ID by itself, any other by its low byte; `declared` (the low bytes of all the file's IDs) settles conflicts. */
export function lookupMprColumn(id: number, declared: readonly number[] = []): MprColumnLookup {
  const wide = wideById.get(id);
  if (wide) return {kind: "data", spec: wide};
  const low = id & 0xff;
  const flag = flagById.get(low);
  if (flag) return {kind: "flag", spec: flag};
  const conflict = MPR_COLUMN_CONFLICTS.find((c) => c.id === low && c.whenAlsoDeclared.some((other) => declared.includes(other)));
  if (conflict) return {kind: "data", spec: conflict.spec};
  const data = dataById.get(low);
  return data ? {kind: "data", spec: data} : undefined;
}

/**
 * Technique codes (first byte of the settings module) with the names EC-Lab's text export writes on its 4th
 * line. Codes: dgbowl/yadg `src/yadg/extractors/eclab/techniques.py` (`technique_params_dtypes`; galvani does
 * not read the technique); 136 (BCD, BT-Lab) from our fixture bcd.issue_241 and its .mpt.
 */
export const MPR_TECHNIQUE_TABLE: readonly {code: number; short: string; name: string}[] = [
  {code: 0x04, short: "GCPL", name: "Galvanostatic Cycling with Potential Limitation"},
  {code: 0x06, short: "CV", name: "Cyclic Voltammetry"},
  {code: 0x0b, short: "OCV", name: "Open Circuit Voltage"},
  {code: 0x16, short: "MP", name: "Modular Potentio"},
  {code: 0x18, short: "CA", name: "Chronoamperometry / Chronocoulometry"},
  {code: 0x19, short: "CP", name: "Chronopotentiometry"},
  {code: 0x1c, short: "WAIT", name: "Wait"},
  {code: 0x1d, short: "PEIS", name: "Potentio Electrochemical Impedance Spectroscopy"},
  {code: 0x1e, short: "GEIS", name: "Galvano Electrochemical Impedance Spectroscopy"},
  {code: 0x30, short: "CV", name: "Cyclic Voltammetry"}, // a second CV code in yadg's table
  {code: 0x32, short: "ZIR", name: "IR compensation (PEIS)"},
  {code: 0x33, short: "CVA", name: "Cyclic Voltammetry Advanced"},
  {code: 0x6c, short: "LSV", name: "Linear Sweep Voltammetry"},
  {code: 0x75, short: "COV", name: "Constant Voltage"},
  {code: 0x76, short: "COC", name: "Constant Current"},
  {code: 0x77, short: "GCPL", name: "Galvanostatic Cycling with Potential Limitation"}, // a second GCPL code in yadg's table
  {code: 0x7f, short: "MB", name: "Modulo Bat"},
  {code: 0x88, short: "BCD", name: "Battery Capacity Determination"}
];

export const MPR_TECHNIQUES: ReadonlyMap<number, string> = new Map(MPR_TECHNIQUE_TABLE.map((t) => [t.code, t.name]));
