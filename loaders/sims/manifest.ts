import AjvModule, {type ValidateFunction} from "ajv";
import type {DeclaredFigureRoles} from "@operando/lib/run/figure-roles";
import {ManifestError, type ManifestProblem} from "./errors.js";
import {MANIFEST_SCHEMA} from "./manifest-schema.js";
import {checkManifestMeaning} from "./manifest-checks.js";

export interface ManifestRegion {
  id: string;
  label?: string;
  fieldOfViewUm?: [number, number];
  pixels?: [number, number];
}

export interface ManifestIon {
  id: string;
  massU?: number;
  regions: string[];
  label?: string;
}

export interface ManifestFrame {
  index: number;
  region: string;
  start?: string;
  end?: string;
  doseIonsPerCm2?: number;
  label?: string;
}

export interface ManifestImageEntry {
  region: string;
  ion: string;
  frame: number;
  file: string;
}

/** `data/<run>/manifest.json`, schema `operando-notebook/manifest@1` (docs/data-model.md). */
export interface Manifest {
  schema: "operando-notebook/manifest@1";
  run: string;
  title: string;
  synthetic: boolean;
  sample?: string;
  timeZone: string;
  potentiostat?: {file: string; timeZone?: string};
  rois?: string;
  figures?: DeclaredFigureRoles;
  spectrum?: string;
  regions: ManifestRegion[];
  ions: ManifestIon[];
  frames: ManifestFrame[];
  images: {pattern: string} | ManifestImageEntry[];
  [key: string]: unknown;
}

// ajv is CommonJS: under NodeNext its class is `.default` of the module (also set at run time).
const Ajv = AjvModule.default;
let validator: ValidateFunction | undefined;

function schemaProblems(value: unknown): ManifestProblem[] {
  validator ??= new Ajv({allErrors: true, strict: true}).compile(MANIFEST_SCHEMA);
  if (validator(value)) return [];
  return (validator.errors ?? [])
    .filter((e) => e.keyword !== "if")
    .map((e) => {
      const extra = e.params as {additionalProperty?: string; missingProperty?: string};
      const path = e.instancePath + (extra.additionalProperty ? `/${extra.additionalProperty}` : "");
      const message = extra.additionalProperty ? "is not a known key" : e.message ?? "is invalid";
      return {jsonPath: path || "/", message};
    });
}

/**
 * Checks a parsed manifest against the schema and for meaning (references, duplicates, times),
 * and throws one `ManifestError` listing every problem with its JSON path.
 */
export function validateManifest(value: unknown, file = "manifest.json"): Manifest {
  const problems = [...schemaProblems(value), ...checkManifestMeaning(value)];
  if (problems.length > 0) throw new ManifestError(file, problems);
  return value as Manifest;
}

/** `{frame}` is the frame index zero-padded to 2 digits. */
function expandPattern(pattern: string, region: string, ion: string, frame: number): string {
  return pattern
    .replaceAll("{region}", region)
    .replaceAll("{ion}", ion)
    .replaceAll("{frame}", String(frame).padStart(2, "0"));
}

/** Every (region, ion, frame) the manifest declares, with its file. */
export function imageEntries(manifest: Manifest): ManifestImageEntry[] {
  const images = manifest.images;
  if (Array.isArray(images)) return images;
  const entries: ManifestImageEntry[] = [];
  for (const frame of manifest.frames) {
    for (const ion of manifest.ions) {
      if (ion.regions.includes(frame.region)) {
        entries.push({region: frame.region, ion: ion.id, frame: frame.index, file: expandPattern(images.pattern, frame.region, ion.id, frame.index)});
      }
    }
  }
  return entries;
}
