import AjvModule, {type ValidateFunction} from "ajv";
import type {DeclaredFigureRoles} from "@operando/lib/run/figure-roles";
import {ManifestError, type ManifestProblem} from "./errors.js";
import {MANIFEST_SCHEMA, PATTERN_MEANINGS} from "./manifest-schema.js";
import {checkManifestMeaning} from "./manifest-checks.js";
import {expandPattern} from "./manifest-paths.js";
import {unknownKeyMessage} from "./manifest-suggest.js";

export interface ManifestRegion {
  id: string;
  label?: string;
  fieldOfViewUm?: [number, number];
  pixels?: [number, number];
}

export interface ManifestIon {
  id: string;
  massU?: number;
  /** Mass window [low, high] in u (default massU ± DEFAULT_HALF_WIDTH_U of lib/spectra/peaks.ts). */
  windowU?: [number, number];
  regions: string[];
  label?: string;
}

export interface ManifestFrame {
  index: number;
  region: string;
  start?: string;
  end?: string;
  doseIonsPerCm2?: number;
  pulsesPerPixel?: number;
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
  potentiostat?: {file: string; timeZone?: string; clockOffsetS?: number; clockOffsetUncertaintyS?: number};
  rois?: string;
  detector?: {pulsesPerPixel?: number};
  figures?: DeclaredFigureRoles;
  spectrum?: string;
  notice?: string;
  registration?: {off?: string[]; manualDriftPx?: {region: string; frame: number; driftPx: [number, number]; sdPx?: number}[]};
  regions: ManifestRegion[];
  ions: ManifestIon[];
  frames: ManifestFrame[];
  images: {pattern: string} | ManifestImageEntry[];
}

// ajv is CommonJS: under NodeNext its class is `.default` of the module (also set at run time).
const Ajv = AjvModule.default;
let validator: ValidateFunction | undefined;

function schemaProblems(value: unknown): ManifestProblem[] {
  validator ??= new Ajv({allErrors: true, strict: true, verbose: true}).compile(MANIFEST_SCHEMA);
  if (validator(value)) return [];
  return (validator.errors ?? [])
    .filter((e) => e.keyword !== "if")
    .map((e) => {
      const extra = e.params as {additionalProperty?: string; missingProperty?: string};
      if (extra.additionalProperty !== undefined) {
        // The keys allowed here are the schema's own, so a key added to the schema is suggested at once.
        const known = Object.keys((e.parentSchema as {properties?: object} | undefined)?.properties ?? {});
        return {jsonPath: `${e.instancePath}/${extra.additionalProperty}`, message: unknownKeyMessage(extra.additionalProperty, known)};
      }
      const meaning = e.keyword === "pattern" ? PATTERN_MEANINGS[(e.params as {pattern: string}).pattern] : undefined;
      return {jsonPath: e.instancePath || "/", message: meaning ?? e.message ?? "is invalid"};
    });
}

type SchemaNode = {properties?: Record<string, SchemaNode>; items?: SchemaNode; then?: SchemaNode; else?: SchemaNode; if?: unknown};

function dropUnknownKeys(value: unknown, schema: SchemaNode): unknown {
  const node = schema.if ? (Array.isArray(value) ? schema.then! : schema.else!) : schema;
  if (Array.isArray(value)) return node.items ? value.map((item) => dropUnknownKeys(item, node.items!)) : value;
  if (typeof value !== "object" || value === null || !node.properties) return value;
  const properties = node.properties;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key in properties).map(([key, v]) => [key, dropUnknownKeys(v, properties[key])]));
}

/**
 * A copy of a manifest without the keys the schema does not know, so that a run whose only problem is a
 * misspelt key can still have its files checked in the same round (the misspelt key stays reported).
 */
export function withoutUnknownKeys(manifest: unknown): unknown {
  return dropUnknownKeys(manifest, MANIFEST_SCHEMA as unknown as SchemaNode);
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
