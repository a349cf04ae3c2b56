// Reading the files of one run folder (data/<run>/) so that nothing outside it is read. Paths from the manifest
// are checked as text first (loaders/sims/manifest-paths.ts); here every path is resolved through its symbolic
// links (realpath) and refused unless it lands inside the run folder. A link that stays inside the folder is
// followed (e.g. two frames sharing a file); one that leaves it is refused and its target is never opened, so no
// byte of an outside file can reach a table or a message.
import {lstat, readFile, realpath, stat} from "node:fs/promises";
import {join, sep} from "node:path";
import type {IbdSource} from "@operando/loaders/imzml/index";
import {runPathProblem} from "@operando/loaders/sims/manifest-paths";
import {openIbdFile} from "./ibd-file.js";

/** A file of the run that cannot be used; the message is `<problem>` and `file` the path as the manifest gives it. */
export class RunFileError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`);
  }
}

export class RunFolder {
  private constructor(readonly folder: string, private readonly realFolder: string) {}

  /** The run folder itself must be a real folder, not a symbolic link (a link would make "inside" mean elsewhere). */
  static async open(folder: string): Promise<RunFolder> {
    const info = await lstat(folder);
    if (info.isSymbolicLink()) throw new RunFileError(folder, "is a symbolic link; a run folder must be a real folder inside the data folder");
    if (!info.isDirectory()) throw new RunFileError(folder, "is not a folder");
    return new RunFolder(folder, await realpath(folder));
  }

  /** The real path of `relative` (a path as the manifest writes it), or a RunFileError saying why it cannot be read. */
  async resolve(relative: string): Promise<string> {
    const textProblem = runPathProblem(relative);
    if (textProblem) throw new RunFileError(relative, textProblem);
    let real: string;
    try {
      real = await realpath(join(this.folder, relative));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new RunFileError(relative, code === "ENOENT" ? "no such file in the run folder" : `cannot be read (${code ?? "unknown error"})`);
    }
    if (!real.startsWith(this.realFolder + sep)) {
      throw new RunFileError(relative, "leads outside the run folder through a symbolic link; copy the file into the run folder");
    }
    const info = await stat(real);
    if (!info.isFile()) throw new RunFileError(relative, "is not a file");
    return real;
  }

  /** Whether `relative` names something in the run folder (a file, a link or anything else). */
  async has(relative: string): Promise<boolean> {
    return lstat(join(this.folder, relative)).then(() => true, () => false);
  }

  /** `relative` opened to be read in pieces (an imzML run's .ibd files), named in messages as the manifest names it. */
  async open(relative: string): Promise<{source: IbdSource; close: () => Promise<void>}> {
    const {ibd, close} = await openIbdFile(await this.resolve(relative)).catch((error: Error) => {
      throw error instanceof RunFileError ? error : new RunFileError(relative, "cannot be read");
    });
    return {source: {...ibd, name: relative}, close};
  }

  async read(relative: string): Promise<Uint8Array> {
    const real = await this.resolve(relative);
    const buffer = await readFile(real).catch((error: NodeJS.ErrnoException) => {
      throw new RunFileError(relative, `cannot be read (${error.code ?? "unknown error"})`);
    });
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
}
