import {LoaderError, type FileLocation} from "../errors.js";

/** An imzML file (the XML or its `.ibd`) that cannot be read, or whose metadata contradict each other. */
export class ImzmlError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("imzml", file, problem, location);
  }
}
