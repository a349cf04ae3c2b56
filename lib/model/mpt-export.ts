/**
 * Writes the cycling run as EC-Lab writes a GCPL (Galvanostatic Cycling with Potential Limitation) text
 * export: the header with its "Nb header lines" count, the technique's settings table, then one row per
 * recorded point with the columns of an EC-Lab v11.50 GCPL export (as in the fixture gcpl.issue_149.mpt),
 * numbers in EC-Lab's %E layout (7 decimals for single-precision columns, 15 for double).
 * The text is encoded in Windows-1252 by `encodeWindows1252`.
 */
import type {CellParameters} from "./cell.js";
import type {CyclingRun} from "./cycling.js";

/** The model counts charge in Ah; EC-Lab writes it in mA.h. */
const MAH_PER_AH = 1e3;

export const GCPL_COLUMNS = [
  "mode", "ox/red", "error", "control changes", "Ns changes", "counter inc.", "Ns", "time/s", "dq/mA.h", "(Q-Qo)/mA.h",
  "control/V/mA", "Ewe/V", "I Range", "Q charge/discharge/mA.h", "half cycle", "P/W", "Energy charge/W.h",
  "Energy discharge/W.h", "Capacitance charge/µF", "Capacitance discharge/µF", "step time/s", "<I>/mA",
  "Q discharge/mA.h", "Q charge/mA.h", "Capacity/mA.h", "Efficiency/%", "control/V", "control/mA", "cycle number"
] as const;

/** EC-Lab's %E: mantissa with `digits` decimals, signed three-digit exponent (1.2000000E-001). */
export function formatEcLab(value: number, digits: 7 | 15): string {
  const [mantissa, exponent] = value.toExponential(digits).split("e");
  const e = Number(exponent);
  return `${mantissa}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(3, "0")}`;
}

/** EC-Lab's h:mm:s.ssss durations. */
function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds - 3600 * h - 60 * m;
  return `${h}:${String(m).padStart(2, "0")}:${s.toFixed(4)}`;
}

/** mm/dd/yyyy hh:mm:ss.sss of a local wall-clock time given as milliseconds of a UTC-based Date. */
function formatEcLabDate(localMs: number): string {
  const d = new Date(localMs);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

export interface MptOptions {
  /** Acquisition start as local wall-clock milliseconds (Date.UTC of the local fields). */
  acquisitionStartLocalMs: number;
  cycles: number;
  restS: number;
  initialRestS: number;
  recordIntervalS: number;
  fileStem: string;
}

function settingsTable(cell: CellParameters, options: MptOptions): string[] {
  const currentUa = cell.currentDensityMaPerCm2 * cell.areaCm2 * 1e3;
  const rows: [string, string, string, string][] = [
    ["Ns", "0", "1", "2"],
    ["Set I/C", "I", "I", "I"],
    ["Is", "0.000", currentUa.toFixed(3), (-currentUa).toFixed(3)],
    ["unit Is", "mA", "µA", "µA"],
    ["vs.", "<None>", "<None>", "<None>"],
    ["N", "1.00", "1.00", "1.00"],
    ["I sign", "> 0", "> 0", "< 0"],
    ["t1 (h:m:s)", formatDuration(0), formatDuration(30 * 3600), formatDuration(30 * 3600)],
    ["I Range", "100 µA", "100 µA", "100 µA"],
    ["Bandwidth", "8", "8", "8"],
    ["dE1 (mV)", "0.00", "0.00", "0.00"],
    ["dt1 (s)", "0.0000", options.recordIntervalS.toFixed(4), options.recordIntervalS.toFixed(4)],
    ["EM (V)", "0.000", cell.chargeCutoffV.toFixed(3), cell.dischargeCutoffV.toFixed(3)],
    ["tM (h:m:s)", formatDuration(0), formatDuration(cell.holdS), formatDuration(0)],
    ["Im", "0.000", "0.000", "0.000"],
    ["unit Im", "mA", "mA", "mA"],
    ["dI/dt", "0.000", "0.000", "0.000"],
    ["dunit dI/dt", "mA/s", "mA/s", "mA/s"],
    ["E range min (V)", "0.000", "0.000", "0.000"],
    ["E range max (V)", "5.000", "5.000", "5.000"],
    ["dq", "0.000", "0.000", "0.000"],
    ["unit dq", "mA.h", "mA.h", "mA.h"],
    ["dtq (s)", "0.0000", "0.0000", "0.0000"],
    ["dQM", "0.000", "0.000", "0.000"],
    ["unit dQM", "mA.h", "mA.h", "mA.h"],
    ["dxM", "0.000", "0.000", "0.000"],
    ["delta SoC (%)", "pass", "pass", "pass"],
    ["tR (h:m:s)", formatDuration(options.initialRestS), formatDuration(options.restS), formatDuration(options.restS)],
    ["dER/dt (mV/h)", "0.0", "0.0", "0.0"],
    ["dER (mV)", "0.00", "0.00", "0.00"],
    ["dtR (s)", options.recordIntervalS.toFixed(4), options.recordIntervalS.toFixed(4), options.recordIntervalS.toFixed(4)],
    ["EL (V)", "pass", "pass", "pass"],
    ["goto Ns'", "0", "0", "1"],
    ["nc cycles", "0", "0", String(options.cycles - 1)]
  ];
  return rows.map((cells) => cells.map((c) => c.padEnd(20)).join(""));
}

function headerLines(cell: CellParameters, options: MptOptions): string[] {
  const started = formatEcLabDate(options.acquisitionStartLocalMs);
  return [
    "EC-Lab ASCII FILE",
    "Nb header lines : NN",
    "",
    "Galvanostatic Cycling with Potential Limitation",
    "",
    "Run on channel : 1 (SN 15265)",
    "User : ",
    "Electrode connection : standard",
    "Potential control : Ewe",
    "Ewe ctrl range : min = 0.00 V, max = 5.00 V",
    "Ewe,I filtering : 50 kHz",
    "Safety Limits :",
    "\tDo not start on E overload",
    "Channel : Floating",
    `Acquisition started on : ${started}`,
    `Technique started on : ${started}`,
    "Loaded Setting File :  NONE",
    "Saved on :",
    `\tFile : ${options.fileStem}.mpr`,
    "\tDirectory : C:\\Users\\operando\\Documents\\EC-Lab Data\\",
    "\tHost : 192.168.0.10",
    "Device : SP-300 (SN 1854)",
    "Address : 192.168.0.11",
    "EC-Lab for windows v11.50 (software)",
    "Internet server v11.50 (firmware)",
    "Command interpretor v11.50 (firmware)",
    "Electrode material : LiNi0.8Co0.15Al0.05O2 composite vs Li4Ti5O12 composite",
    "Initial state : as assembled",
    "Electrolyte : Li2OHCl0.9F0.1 / Li0.31La0.56TiO3 composite",
    "Comments : SYNTHETIC reference dataset of operando-notebook (forward model, not a measurement)",
    "Cable : standard",
    `Electrode surface area : ${cell.areaCm2.toFixed(3)} cm²`,
    "Characteristic mass : 0.001 g",
    "Equivalent Weight : 0.000 g/eq.",
    "Density : 0.000 g/cm3",
    "Volume (V) : 0.001 cm³",
    "Record Power",
    "Cycle Definition : Charge/Discharge alternance",
    ...settingsTable(cell, options),
    ""
  ];
}

/** The whole .mpt text (CRLF line ends, as EC-Lab writes on Windows). */
export function writeGcplMpt(run: CyclingRun, cell: CellParameters, options: MptOptions): string {
  const header = headerLines(cell, options);
  const lines = [...header, GCPL_COLUMNS.join("\t") + "\t"];
  lines[1] = `Nb header lines : ${lines.length}`.padEnd(46);

  const f7 = (v: number) => formatEcLab(v, 7);
  const f15 = (v: number) => formatEcLab(v, 15);
  let controlBit = 0;
  let halfCycle = 0;
  let previousStep = -1;
  let previousSequence = -1;
  let previousNetChargeAh = 0;
  let sequenceStartS = 0;
  let halfCycleQ = 0, energyCharge = 0, energyDischarge = 0, capacitanceCharge = 0, capacitanceDischarge = 0;
  let halfCycleStartV = 0;
  let cycleCharge = 0, cycleDischarge = 0;
  let previousTimeS = 0, previousPowerW = 0;
  const lastRecordOfCycle = new Map<number, number>();
  run.records.forEach((r, i) => lastRecordOfCycle.set(run.steps[r.step].cycle, i));

  run.records.forEach((record, i) => {
    const step = run.steps[record.step];
    const newStep = record.step !== previousStep;
    const newSequence = step.sequence !== previousSequence;
    const newCycle = newSequence && step.sequence === 1 && step.cycle > 0;
    const newHalfCycle = newStep && step.kind === "cc" && step.sequence === 2 || newCycle;
    if (newStep && i > 0) controlBit ^= 1;
    if (newSequence) sequenceStartS = record.timeS;
    if (newCycle) cycleCharge = cycleDischarge = 0;
    if (newHalfCycle) {
      halfCycle++;
      halfCycleQ = 0;
      halfCycleStartV = record.voltageV;
      if (step.sequence === 1) energyCharge = capacitanceCharge = 0;
      else energyDischarge = capacitanceDischarge = 0;
    }
    if (i === 0) halfCycleStartV = record.voltageV;
    // First point of a step comes a few hundred microseconds after the last point of the step before.
    const timeS = record.timeS + (newStep && i > 0 ? 4e-4 : 0);
    const dqMah = (record.state.netChargeAh - previousNetChargeAh) * MAH_PER_AH;
    previousNetChargeAh = record.state.netChargeAh;
    const powerW = record.voltageV * record.currentA;
    const energyWh = (Math.abs(powerW + previousPowerW) / 2) * (timeS - previousTimeS) / 3600;
    previousTimeS = timeS;
    previousPowerW = powerW;
    halfCycleQ += dqMah;
    if (dqMah > 0) {
      cycleCharge += dqMah;
      energyCharge += energyWh;
    } else if (dqMah < 0) {
      cycleDischarge -= dqMah;
      energyDischarge += energyWh;
    }
    const dE = Math.abs(record.voltageV - halfCycleStartV);
    const capacitanceUf = dE > 0 ? (Math.abs(halfCycleQ) * 3.6 / dE) * 1e6 : 0;
    if (step.sequence === 1 && step.kind !== "rest") capacitanceCharge = capacitanceUf;
    if (step.sequence === 2 && step.kind !== "rest") capacitanceDischarge = capacitanceUf;
    const mode = step.kind === "cc" ? 1 : step.kind === "cv" ? 2 : 3;
    const currentMa = record.currentA * 1e3;
    const controlMa = step.kind === "cc" ? currentMa : 0;
    const controlV = step.kind === "cv" ? cell.chargeCutoffV : 0;
    const capacity = step.sequence === 2 ? cycleDischarge : cycleCharge;
    const efficiency = lastRecordOfCycle.get(step.cycle) === i && cycleCharge > 0 ? (cycleDischarge / cycleCharge) * 100 : 0;
    const row = [
      String(mode), String(currentMa < 0 ? 0 : 1), "0", String(controlBit), newSequence ? "1" : "0", newCycle ? "1" : "0", String(step.sequence),
      f15(timeS), f15(dqMah), f15(record.state.netChargeAh * MAH_PER_AH), f7(step.kind === "cv" ? controlV : controlMa), f7(record.voltageV), "39",
      f15(halfCycleQ), String(halfCycle), f7(powerW), f15(energyCharge), f15(energyDischarge), f15(capacitanceCharge), f15(capacitanceDischarge),
      f15(timeS - sequenceStartS), f15(currentMa), f15(cycleDischarge), f15(cycleCharge), f15(capacity), f7(efficiency), f7(controlV), f7(controlMa),
      f15(step.cycle)
    ];
    lines.push(row.join("\t"));
    previousStep = record.step;
    previousSequence = step.sequence;
  });
  return lines.join("\r\n") + "\r\n";
}

/** Windows-1252 bytes of text that only uses Latin-1 printable characters (what the header needs). */
export function encodeWindows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new RangeError(`encodeWindows1252: character U+${code.toString(16)} at ${i} is not written by EC-Lab`);
    bytes[i] = code;
  }
  return bytes;
}
