import {readFileSync} from "node:fs";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

export const BIOLOGIC_DIR = `${SHARED_FIXTURES}potentiostat/biologic/`;
export const GAMRY_DIR = `${SHARED_FIXTURES}potentiostat/gamry/`;
export const MPR_STEMS = ["bcd.issue_241", "ca.issue_149", "cp", "gcpl.issue_149", "gcpl.issue_226.I", "mb.issue_95", "ocv.issue_149"];
/** The fixtures were recorded in Europe (Empa, SN-labelled EC-Lab PCs); any fixed zone serves the comparisons. */
export const FIXTURE_TIME_ZONE = "Europe/Zurich";

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
