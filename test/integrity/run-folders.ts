// Run folders for the command-line tests of the build: one small synthetic run made by bin/make-dataset.ts,
// copied and altered per test, and bin/build-tables.ts run on them as a child process.
import {spawn, spawnSync, type ChildProcess} from "node:child_process";
import {cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";

/** Made once per test file: 16 x 8 pixels, 3 frames per region, no expected counts (about 1.5 s). */
export function makeBaseRun(folder: string, frames = 3, pixels = "16x8"): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/make-dataset.ts", "--out", folder, "--pixels", pixels, "--frames", String(frames), "--no-expected", "--quiet"], {encoding: "utf-8"});
  if (result.status !== 0) throw new Error(`make-dataset failed: ${result.stderr}`);
  return folder;
}

export type ManifestJson = Record<string, any>;

/** A copy of the base run as `<dataDir>/<name>`, its manifest's run id set to the name, then `edit`ed. */
export function copyRun(base: string, dataDir: string, name: string, edit: (manifest: ManifestJson, folder: string) => void = () => {}): string {
  const folder = join(dataDir, name);
  cpSync(base, folder, {recursive: true});
  const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf-8"));
  manifest.run = name;
  edit(manifest, folder);
  writeFileSync(join(folder, "manifest.json"), JSON.stringify(manifest, null, 2));
  return folder;
}

export function buildTablesArgs(dataDir: string, outDir: string): string[] {
  return ["--import", "tsx", "bin/build-tables.ts", "--data", dataDir, "--out", outDir];
}

export function buildTables(dataDir: string, outDir: string): {status: number | null; stderr: string} {
  const result = spawnSync(process.execPath, buildTablesArgs(dataDir, outDir), {encoding: "utf-8"});
  return {status: result.status, stderr: result.stderr};
}

export function startBuildTables(dataDir: string, outDir: string): ChildProcess {
  return spawn(process.execPath, buildTablesArgs(dataDir, outDir), {stdio: ["ignore", "ignore", "pipe"]});
}

/** The lines a command printed, without the progress lines it rewrites in place. */
export function printedLines(stderr: string): string[] {
  return stderr.split("\n").map((line) => line.split("\r").at(-1)!.replace(/\x1b\[K/g, "")).filter((line) => line !== "");
}

/** Every file under `folder` (recursive), path -> bytes. */
export function filesUnder(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!existsSync(folder)) return files;
  for (const name of readdirSync(folder, {recursive: true}) as string[]) {
    const path = join(folder, name);
    if (statSync(path).isFile()) files.set(name, readFileSync(path));
  }
  return files;
}
