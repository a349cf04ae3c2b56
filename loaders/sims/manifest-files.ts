import {IMZML_FILE, ibdPathBeside} from "../imzml/index.js";
import {expandPattern} from "./manifest-paths.js";

/** A file a manifest leads to: its path in the run folder, and what it is, with where the manifest names it. */
export interface ManifestFile {
  path: string;
  role: "image" | "potentiostat" | "rois" | "spectrum";
  /** e.g. `image of ion "6Li+", /frames/3` */
  what: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Every file a manifest names, read from a manifest that may have failed validation: entries too damaged to
 * give a path are left out (validation reports them), so that missing files are reported in the same round as
 * the manifest's other problems.
 */
export function manifestFiles(manifest: unknown): ManifestFile[] {
  if (!isObject(manifest)) return [];
  const files: ManifestFile[] = [];
  if (isObject(manifest.potentiostat) && typeof manifest.potentiostat.file === "string") {
    files.push({path: manifest.potentiostat.file, role: "potentiostat", what: "potentiostat file, /potentiostat/file"});
  }
  if (typeof manifest.rois === "string") files.push({path: manifest.rois, role: "rois", what: "ROI file, /rois"});
  if (typeof manifest.spectrum === "string") {
    files.push({path: manifest.spectrum, role: "spectrum", what: "mass spectrum, /spectrum"});
    // An imzML spectrum's binary half lies beside it.
    if (IMZML_FILE.test(manifest.spectrum)) files.push({path: ibdPathBeside(manifest.spectrum), role: "spectrum", what: "the .ibd of the mass spectrum, /spectrum"});
  }
  const images = manifest.images;
  if (Array.isArray(images)) {
    images.forEach((entry, i) => {
      if (isObject(entry) && typeof entry.file === "string") files.push({path: entry.file, role: "image", what: `image, /images/${i}/file`});
    });
  } else if (isObject(images) && typeof images.pattern === "string") {
    const pattern = images.pattern;
    const ions = list(manifest.ions).filter(isObject);
    list(manifest.frames).forEach((frame, i) => {
      if (!isObject(frame) || typeof frame.region !== "string" || !Number.isInteger(frame.index)) return;
      for (const ion of ions) {
        if (typeof ion.id === "string" && list(ion.regions).includes(frame.region)) {
          const path = expandPattern(pattern, frame.region, ion.id, frame.index as number);
          files.push({path, role: "image", what: `image of ion "${ion.id}", /frames/${i}`});
        }
      }
    });
  }
  // An imzML image's binary half lies beside it.
  for (const file of files.filter((f) => f.role === "image" && IMZML_FILE.test(f.path))) {
    const ibd = ibdPathBeside(file.path);
    if (!files.some((f) => f.path === ibd)) files.push({...file, path: ibd, what: `the .ibd of ${file.what}`});
  }
  return files;
}
