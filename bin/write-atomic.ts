import {existsSync, renameSync, rmSync} from "node:fs";
import {rename, rm, writeFile} from "node:fs/promises";
import {basename, dirname, join} from "node:path";

// Files and folders that are only half-written while they exist: removed if SIGINT or SIGTERM stops the process.
const pending = new Set<string>();
let handlersInstalled = false;

function installSignalCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.on(signal, () => {
      for (const path of pending) rmSync(path, {recursive: true, force: true});
      process.stderr.write(`\n${signal}: stopped; partial files removed\n`);
      process.exit(exitCode);
    });
  }
}

/** Removes `path` (file or folder) if the process is stopped by a signal; call the returned function once it is whole. */
export function removeOnSignal(path: string): () => void {
  installSignalCleanup();
  pending.add(path);
  return () => void pending.delete(path);
}

/** A one-line reason for a failed write of `path`, without the temporary file's name. */
export function writeProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `${path}: cannot write: the folder ${dirname(path)} does not exist`;
  if (code === "EISDIR") return `${path}: cannot write: a folder of that name exists`;
  return `${path}: cannot write (${code ?? (error as Error).message})`;
}

/**
 * Writes a file so that it either appears whole or not at all: a temporary file beside it (named by this
 * process, so two processes never share one), then a rename. A failure throws one line naming `path`.
 */
export async function writeFileAtomic(path: string, contents: Uint8Array | string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const written = removeOnSignal(temporary);
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, {force: true});
    throw new Error(writeProblem(path, error));
  } finally {
    written();
  }
}

/**
 * Puts the finished folder `partial` in the place of `target`, replacing it if it exists. Both renames are
 * synchronous, so that no signal handler runs between them: an interrupt leaves the old folder or the new one.
 */
export async function swapFolderIn(partial: string, target: string): Promise<void> {
  const previous = join(dirname(target), `.${basename(target)}.${process.pid}.previous`);
  const forgetPrevious = removeOnSignal(previous);
  if (existsSync(target)) renameSync(target, previous);
  renameSync(partial, target);
  await rm(previous, {recursive: true, force: true});
  forgetPrevious();
}
