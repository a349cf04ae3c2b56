/** Where in an input file a problem was found: a byte offset for binary formats, a 1-based line for text. */
export type FileLocation = {byteOffset: number} | {line: number} | {jsonPath: string} | Record<string, never>;

function describeLocation(location: FileLocation): string {
  if ("byteOffset" in location) return ` (byte ${location.byteOffset})`;
  if ("line" in location) return ` (line ${location.line})`;
  if ("jsonPath" in location) return ` (at ${location.jsonPath})`;
  return "";
}

/**
 * The one error type every parser throws for bad input. Its message is a single line,
 * `<file>: <format>: <what went wrong> (byte N | line N)`, which the command lines print as-is.
 * Each format has a subclass so that callers and tests can tell them apart.
 */
export class LoaderError extends Error {
  readonly file: string;
  readonly format: string;
  readonly problem: string;
  readonly location: FileLocation;

  constructor(format: string, file: string, problem: string, location: FileLocation = {}) {
    super(`${file}: ${format}: ${problem}${describeLocation(location)}`.replace(/[\r\n]+/g, " "));
    this.name = new.target.name;
    this.format = format;
    this.file = file;
    this.problem = problem;
    this.location = location;
  }
}
