import {LoaderError, type FileLocation} from "../errors.js";

/** A BioLogic EC-Lab / BT-Lab binary file (.mpr) that cannot be read. */
export class MprError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("BioLogic .mpr", file, problem, location);
  }
}

/** A BioLogic text export (.mpt) that cannot be read. */
export class MptError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("BioLogic .mpt", file, problem, location);
  }
}

/** A Gamry .DTA file that cannot be read. */
export class GamryDtaError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("Gamry .DTA", file, problem, location);
  }
}

/** A cycler CSV that does not match its declared column mapping. */
export class CyclingCsvError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("cycling CSV", file, problem, location);
  }
}

/** A file whose format is none of the supported cycling formats, or lacks what the table needs (e.g. a time zone). */
export class CyclingInputError extends LoaderError {
  constructor(file: string, problem: string, location: FileLocation = {}) {
    super("cycling", file, problem, location);
  }
}
