/** Runs bin/make-dataset.ts into a folder, for the dataset tests. */
import {spawnSync} from "node:child_process";
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = join(ROOT, "node_modules/.bin/tsx");

export function makeDataset(args: string[]): {status: number | null; stderr: string} {
  const result = spawnSync(TSX, [join(ROOT, "bin/make-dataset.ts"), "--quiet", ...args], {cwd: ROOT, encoding: "utf8"});
  return {status: result.status, stderr: result.stderr};
}

/** Every file of a folder, by relative path. */
export function filesOf(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(folder);
  return files;
}
