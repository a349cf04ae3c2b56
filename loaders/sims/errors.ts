import {LoaderError, type FileLocation} from "../errors.js";

/** A text ion-image export (matrix or `x y counts` listing) that cannot be read. */
export class AsciiImageError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("ascii-image", file, problem, location);
  }
}

/** A TIFF image or stack that cannot be read as ion images. */
export class TiffImageError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("tiff", file, problem, location);
  }
}

/** A BIF6 file: recognised by its magic, but not read (see docs/sims-formats.md). */
export class Bif6Error extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("bif6", file, problem, location);
  }
}

/** One problem of a manifest, with its JSON path (`/frames/3/start`). */
export interface ManifestProblem {
  jsonPath: string;
  message: string;
}

/** Every problem of a manifest at once; `problems` lists them, the message joins them on one line. */
export class ManifestError extends LoaderError {
  readonly problems: readonly ManifestProblem[];

  constructor(file: string, problems: readonly ManifestProblem[]) {
    const summary = problems.map((p) => `${p.jsonPath || "/"}: ${p.message}`).join("; ");
    super("manifest", file, `${problems.length} problem${problems.length === 1 ? "" : "s"}: ${summary}`);
    this.problems = problems;
  }
}

/** A run whose images disagree with each other or with the manifest (careless export). */
export class SimsRunError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("sims-run", file, problem, location);
  }
}
