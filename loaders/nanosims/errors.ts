import {LoaderError, type FileLocation} from "../errors.js";

/** A Cameca NanoSIMS file that cannot be read as ion images (a non-image type, an unknown layout, a cut file). */
export class NanoSimsError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("nanosims", file, problem, location);
  }
}
