import {open} from "node:fs/promises";
import type {IbdSource} from "@operando/loaders/imzml/index";

/** An .ibd read through a file handle, a piece at a time (the imzML reader asks for chunks of ~16 MB). */
export async function openIbdFile(path: string): Promise<{ibd: IbdSource; close: () => Promise<void>}> {
  const handle = await open(path, "r").catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${path}: cannot read (${error.code ?? error.message})`);
  });
  const {size} = await handle.stat();
  const read = async (offset: number, length: number): Promise<Uint8Array> => {
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const {bytesRead} = await handle.read(bytes, filled, length - filled, offset + filled);
      if (bytesRead === 0) break; // the file shrank since it was opened; the reader reports the short read
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  };
  return {ibd: {name: path, byteLength: size, read}, close: () => handle.close()};
}
