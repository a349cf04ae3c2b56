import {readFileSync} from "node:fs";
import {readFile, rm, writeFile} from "node:fs/promises";
import {removeOnSignal} from "./write-atomic.js";

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Takes the lock file `path` for this process (it holds the pid), so that two processes never write the same
 * output at once; a lock left by a process that no longer runs is taken over. Returns the release function;
 * a signal releases it too, unless `releaseOnSignal` is false (the caller then handles signals itself).
 */
export async function acquireLock(path: string, what: string, {releaseOnSignal = true} = {}): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, {flag: "wx"});
      const forget = releaseOnSignal ? removeOnSignal(path) : () => {};
      return async () => {
        forget();
        if (readFileSync(path, "utf-8").trim() === String(process.pid)) await rm(path, {force: true});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`${path}: cannot create the lock file (${(error as NodeJS.ErrnoException).code})`);
      const holder = Number((await readFile(path, "utf-8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new Error(`${path}: another ${what} (process ${holder}) is running in this checkout; wait for it to end`);
      }
      await rm(path, {force: true}); // left by a process that has ended
    }
  }
  throw new Error(`${path}: another ${what} keeps taking the lock`);
}
