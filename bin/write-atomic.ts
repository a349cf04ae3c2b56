import {rename, rm, writeFile} from "node:fs/promises";
import {basename, dirname, join} from "node:path";

/** Writes a file so that it either appears whole or not at all: a temporary file beside it, then a rename. */
export async function writeFileAtomic(path: string, contents: Uint8Array | string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, {force: true});
    throw error;
  }
}
