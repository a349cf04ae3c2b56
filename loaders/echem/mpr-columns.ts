/**
 * The EC-Lab .mpr column-ID table, kept as data. Each data column of a `VMP data` module is declared by a
 * 16-bit ID; its name is given as EC-Lab's text export writes it, so .mpr and .mpt columns share names.
 * IDs above 255 that are not listed here are looked up by their low byte (newer EC-Lab versions set high
 * bits on known quantities, e.g. 295 = 0x127 is I Range = 39). Sources: the public readers
 * echemdata/galvani (galvani/BioLogic.py) and dgbowl/yadg (extractors/eclab/mpr_columns.py), checked
 * against the EC-Lab text exports of the fixtures (which show, e.g., that 211 holds mA.h, not C).
 */
export type MprValueType = "f4" | "f8" | "u2" | "u4";

export interface MprColumnSpec {
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

export const MPR_FLAG_COLUMNS: readonly MprFlagSpec[] = [
  {id: 1, name: "mode", mask: 0b0000_0011},
  {id: 2, name: "ox/red", mask: 0b0000_0100},
  {id: 3, name: "error", mask: 0b0000_1000},
  {id: 21, name: "control changes", mask: 0b0001_0000},
  {id: 31, name: "Ns changes", mask: 0b0010_0000},
  {id: 65, name: "counter inc.", mask: 0b1000_0000}
];

const column = (id: number, name: string, unit: string, type: MprValueType): MprColumnSpec => ({id, name, unit, type});

export const MPR_DATA_COLUMNS: readonly MprColumnSpec[] = [
  column(4, "time/s", "s", "f8"),
  column(5, "control/V/mA", "V/mA", "f4"),
  column(6, "Ewe/V", "V", "f4"),
  column(7, "dq/mA.h", "mA.h", "f8"),
  column(8, "I/mA", "mA", "f4"),
  column(9, "Ece/V", "V", "f4"),
  column(11, "<I>/mA", "mA", "f8"),
  column(13, "(Q-Qo)/mA.h", "mA.h", "f8"),
  column(16, "Analog IN 1/V", "V", "f4"),
  column(17, "Analog IN 2/V", "V", "f4"),
  column(19, "control/V", "V", "f4"),
  column(20, "control/mA", "mA", "f4"),
  column(23, "dQ/mA.h", "mA.h", "f8"),
  column(24, "cycle number", "", "f8"),
  column(32, "freq/Hz", "Hz", "f4"),
  column(33, "|Ewe|/V", "V", "f4"),
  column(34, "|I|/A", "A", "f4"),
  column(35, "Phase(Z)/deg", "deg", "f4"),
  column(36, "|Z|/Ohm", "Ohm", "f4"),
  column(37, "Re(Z)/Ohm", "Ohm", "f4"),
  column(38, "-Im(Z)/Ohm", "Ohm", "f4"),
  column(39, "I Range", "", "u2"),
  column(69, "R/Ohm", "Ohm", "f4"),
  column(70, "P/W", "W", "f4"),
  column(74, "|Energy|/W.h", "W.h", "f8"),
  column(75, "Analog OUT/V", "V", "f4"),
  column(76, "<I>/mA", "mA", "f4"),
  column(77, "<Ewe>/V", "V", "f4"),
  column(78, "Cs-2/µF-2", "µF-2", "f4"),
  column(96, "|Ece|/V", "V", "f4"),
  column(98, "Phase(Zce)/deg", "deg", "f4"),
  column(99, "|Zce|/Ohm", "Ohm", "f4"),
  column(100, "Re(Zce)/Ohm", "Ohm", "f4"),
  column(101, "-Im(Zce)/Ohm", "Ohm", "f4"),
  column(123, "Energy charge/W.h", "W.h", "f8"),
  column(124, "Energy discharge/W.h", "W.h", "f8"),
  column(125, "Capacitance charge/µF", "µF", "f8"),
  column(126, "Capacitance discharge/µF", "µF", "f8"),
  column(131, "Ns", "", "u2"),
  column(163, "|Estack|/V", "V", "f4"),
  column(168, "Rcmp/Ohm", "Ohm", "f4"),
  column(169, "Cs/µF", "µF", "f4"),
  column(172, "Cp/µF", "µF", "f4"),
  column(173, "Cp-2/µF-2", "µF-2", "f4"),
  column(174, "<Ewe>/V", "V", "f4"),
  column(178, "(Q-Qo)/C", "C", "f4"),
  column(179, "dQ/C", "C", "f4"),
  column(182, "step time/s", "s", "f8"),
  column(185, "<Ece>/V", "V", "f4"),
  column(211, "Q charge/discharge/mA.h", "mA.h", "f8"),
  column(217, "THD Ewe/%", "%", "f4"),
  column(241, "|E1|/V", "V", "f4"),
  column(242, "|E2|/V", "V", "f4"),
  column(271, "Phase(Z1)/deg", "deg", "f4"),
  column(272, "Phase(Z2)/deg", "deg", "f4"),
  column(301, "|Z1|/Ohm", "Ohm", "f4"),
  column(302, "|Z2|/Ohm", "Ohm", "f4"),
  column(331, "Re(Z1)/Ohm", "Ohm", "f4"),
  column(332, "Re(Z2)/Ohm", "Ohm", "f4"),
  column(361, "-Im(Z1)/Ohm", "Ohm", "f4"),
  column(362, "-Im(Z2)/Ohm", "Ohm", "f4"),
  column(391, "<E1>/V", "V", "f4"),
  column(392, "<E2>/V", "V", "f4"),
  column(422, "Phase(Zstack)/deg", "deg", "f4"),
  column(423, "|Zstack|/Ohm", "Ohm", "f4"),
  column(424, "Re(Zstack)/Ohm", "Ohm", "f4"),
  column(425, "-Im(Zstack)/Ohm", "Ohm", "f4"),
  column(426, "<Estack>/V", "V", "f4"),
  column(430, "Phase(Zwe-ce)/deg", "deg", "f4"),
  column(431, "|Zwe-ce|/Ohm", "Ohm", "f4"),
  column(432, "Re(Zwe-ce)/Ohm", "Ohm", "f4"),
  column(433, "-Im(Zwe-ce)/Ohm", "Ohm", "f4"),
  column(462, "Temperature/°C", "°C", "f4"),
  column(467, "Q charge/discharge/mA.h", "mA.h", "f8"),
  column(468, "half cycle", "", "u4"),
  column(469, "z cycle", "", "u4"),
  column(473, "THD Ewe/%", "%", "f4"),
  column(474, "THD I/%", "%", "f4"),
  column(475, "THD Ece/%", "%", "f4"),
  column(476, "NSD Ewe/%", "%", "f4"),
  column(477, "NSD I/%", "%", "f4"),
  column(478, "NSD Ece/%", "%", "f4"),
  column(479, "NSR Ewe/%", "%", "f4"),
  column(480, "NSR I/%", "%", "f4"),
  column(481, "NSR Ece/%", "%", "f4"),
  column(486, "|Ewe h2|/V", "V", "f4"),
  column(487, "|Ewe h3|/V", "V", "f4"),
  column(488, "|Ewe h4|/V", "V", "f4"),
  column(489, "|Ewe h5|/V", "V", "f4"),
  column(490, "|Ewe h6|/V", "V", "f4"),
  column(491, "|Ewe h7|/V", "V", "f4"),
  column(492, "|I h2|/A", "A", "f4"),
  column(493, "|I h3|/A", "A", "f4"),
  column(494, "|I h4|/A", "A", "f4"),
  column(495, "|I h5|/A", "A", "f4"),
  column(496, "|I h6|/A", "A", "f4"),
  column(497, "|I h7|/A", "A", "f4"),
  column(498, "|Ece h2|/V", "V", "f4"),
  column(499, "|Ece h3|/V", "V", "f4"),
  column(500, "|Ece h4|/V", "V", "f4"),
  column(501, "|Ece h5|/V", "V", "f4"),
  column(502, "|Ece h6|/V", "V", "f4"),
  column(503, "|Ece h7|/V", "V", "f4")
];

export const MPR_VALUE_BYTES: Record<MprValueType, number> = {f4: 4, f8: 8, u2: 2, u4: 4};

const dataById = new Map(MPR_DATA_COLUMNS.map((spec) => [spec.id, spec]));
const flagById = new Map(MPR_FLAG_COLUMNS.map((spec) => [spec.id, spec]));

export type MprColumnLookup = {kind: "flag"; spec: MprFlagSpec} | {kind: "data"; spec: MprColumnSpec} | undefined;

/** The full 16-bit ID first, then its low byte. */
export function lookupMprColumn(id: number): MprColumnLookup {
  for (const candidate of id > 0xff ? [id, id & 0xff] : [id]) {
    const flag = flagById.get(candidate);
    if (flag) return {kind: "flag", spec: flag};
    const data = dataById.get(candidate);
    if (data) return {kind: "data", spec: data};
  }
  return undefined;
}

/** Technique codes of the settings module (first byte), as far as the public readers and our fixtures show. */
export const MPR_TECHNIQUES: ReadonlyMap<number, string> = new Map([
  [4, "Galvanostatic Cycling with Potential Limitation"],
  [11, "Open Circuit Voltage"],
  [24, "Chronoamperometry / Chronocoulometry"],
  [25, "Chronopotentiometry"],
  [127, "Modulo Bat"],
  [136, "Battery Capacity Determination"]
]);
