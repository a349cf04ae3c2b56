// npm run export -- <folder> [--force] [--data <data folder>]
// Writes every run of the site (the run folders of data/, --data or OPERANDO_DATA_DIR, found and checked as the
// build does: bin/run-check.ts) as one folder of Parquet (zstd) tables for engines that read a folder of files as
// one table over many runs, such as a facility's archive on object storage (README, "Past one machine"):
//   <folder>/pixels/run=<run>/region=<region>/ion=<ion>/part-0.parquet   frame, y, x, line, counts
//   <folder>/{frames,images,cycling,rois,drift}/<run>.parquet             one file per run, with a `run` column
// The folder appears whole or not at all: it is written beside its place under a name of this process and renamed
// in at the end, and removed on a failure or SIGINT/SIGTERM. An existing folder that is not empty is refused
// unless --force. A run with problems stops the export: every problem of every run is printed, one line each
// (`error: <file>: <problem>`), nothing is written, and the exit status is 1, as on any other failure.
import {mkdir, readdir, rm, stat, writeFile} from "node:fs/promises";
import {basename, dirname, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import type {Table} from "apache-arrow";
import * as parquet from "parquet-wasm";
import {driftTable, pixelsByRegionAndIon, roiTable, withInt64Integers, withRunColumn} from "@operando/loaders/export-tables";
import {tableToParquet} from "@operando/loaders/table-output";
import {checkRunFolder, runFolders, type CheckedRun} from "./run-check.js";
import {removeOnSignal, swapFolderIn} from "./write-atomic.js";

const USAGE = "usage: npm run export -- <folder> [--force] [--data <data folder>]";

/** A failure to report as `error: <message>`; the message starts with the file it concerns. */
class ExportError extends Error {}

function parseOptions(): {target: string; force: boolean; dataDir: string} {
  let parsed;
  try {
    parsed = parseArgs({allowPositionals: true, options: {force: {type: "boolean"}, data: {type: "string"}}});
  } catch (error) {
    throw new ExportError(`bin/export.ts: ${(error as Error).message}; ${USAGE}`);
  }
  if (parsed.positionals.length !== 1) throw new ExportError(`bin/export.ts: ${USAGE}`);
  return {target: resolve(parsed.positionals[0]), force: parsed.values.force ?? false, dataDir: parsed.values.data ?? process.env.OPERANDO_DATA_DIR ?? "data"};
}

/** Refuses a target whose folder does not exist, that is a file, or (without --force) a folder with anything in it. */
async function checkTarget(target: string, force: boolean): Promise<void> {
  const parent = await stat(dirname(target)).catch(() => undefined);
  if (!parent?.isDirectory()) throw new ExportError(`${target}: cannot write: the folder ${dirname(target)} does not exist`);
  const existing = await stat(target).catch(() => undefined);
  if (!existing) return;
  if (!existing.isDirectory()) throw new ExportError(`${target}: is a file, not a folder; give a folder to export into`);
  if (!force && (await readdir(target)).length > 0) throw new ExportError(`${target}: the folder exists and is not empty; give --force to replace it`);
}

/** A partition value in a path with the characters Hive escapes as %XX (FileUtils.escapePathName); DuckDB, Spark and Trino decode them. */
function hivePathValue(value: string): string {
  return value.replace(/[\x00-\x1f"#%'*/:=?\\\x7f{[\]^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

interface Written {
  files: number;
  bytes: number;
  pixelValues: number;
}

async function writeParquet(path: string, table: Table, written: Written): Promise<void> {
  const bytes = tableToParquet(table, parquet);
  await mkdir(dirname(path), {recursive: true});
  await writeFile(path, bytes);
  written.files++;
  written.bytes += bytes.length;
}

/** The run's pixels as hive partitions and its other tables as one file each, under `folder`. */
async function writeRunTables(folder: string, run: string, checked: CheckedRun): Promise<Written> {
  const written: Written = {files: 0, bytes: 0, pixelValues: 0};
  const {frames, images, pixels} = checked.tables;
  for (const partition of pixelsByRegionAndIon(images, pixels)) {
    const path = join(folder, "pixels", `run=${hivePathValue(run)}`, `region=${hivePathValue(partition.region)}`, `ion=${hivePathValue(partition.ion)}`, "part-0.parquet");
    await writeParquet(path, partition.pixels, written);
    written.pixelValues += partition.pixels.numRows;
  }
  const tables: [string, Table][] = [
    ["frames", withInt64Integers(frames)],
    ["images", withInt64Integers(images)],
    ["cycling", withInt64Integers(withRunColumn(checked.cycling, run))],
    ["rois", roiTable(run, checked.parsedRois)],
    ["drift", driftTable(run, checked.drifts)]
  ];
  for (const [name, table] of tables) await writeParquet(join(folder, name, `${run}.parquet`), table, written);
  return written;
}

const secondsSince = (start: number) => ((performance.now() - start) / 1000).toFixed(1);
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** A failed write (a full disk, no permission) as one line about the target, not the temporary folder. */
const cannotWrite = (target: string) => (error: NodeJS.ErrnoException): never => {
  throw new ExportError(`${target}: cannot write (${error.code ?? error.message})`);
};

async function main(): Promise<void> {
  const started = performance.now();
  const {target, force, dataDir} = parseOptions();
  await checkTarget(target, force);
  const {runs, problems} = await runFolders(dataDir).catch((error: Error) => {
    throw new ExportError(error.message);
  });
  if (runs.length === 0 && problems.length === 0) throw new ExportError(`${dataDir}: no run folder with a manifest.json`);

  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  const forgetPartial = removeOnSignal(partial);
  try {
    await mkdir(partial).catch(cannotWrite(target));
    const total: Written = {files: 0, bytes: 0, pixelValues: 0};
    for (const run of runs) {
      const runStarted = performance.now();
      const log = (message: string) => process.stderr.write(`\r\x1b[K${run}: ${message}`);
      const checked = await checkRunFolder(dataDir, run, log);
      if (Array.isArray(checked)) {
        process.stderr.write(`\r\x1b[K${run}: ${plural(checked.length, "problem")}:\n`);
        for (const p of checked) process.stderr.write(`error: ${p.file}: ${p.problem}\n`);
        problems.push(...checked);
        continue;
      }
      // After a problem the other runs are still checked, so that every problem shows in one round, but not written.
      if (problems.length > 0) {
        process.stderr.write(`\r\x1b[K${run}: checked, no problems\n`);
        continue;
      }
      const checkedSeconds = secondsSince(runStarted);
      log("writing Parquet");
      const writeStarted = performance.now();
      const written = await writeRunTables(partial, run, checked).catch(cannotWrite(target));
      for (const key of ["files", "bytes", "pixelValues"] as const) total[key] += written[key];
      process.stderr.write(`\r\x1b[K${run}: checked in ${checkedSeconds} s; ${written.pixelValues} pixel values, ${written.files} files, ${megabytes(written.bytes)} written in ${secondsSince(writeStarted)} s\n`);
    }
    if (problems.length > 0) {
      const runsWithProblems = new Set(problems.map((p) => p.run)).size;
      throw new ExportError(`${target}: not written: ${plural(problems.length, "problem")} in ${plural(runsWithProblems, "run")}`);
    }
    await swapFolderIn(partial, target).catch(cannotWrite(target));
    process.stderr.write(`${target}: ${plural(runs.length, "run")}, ${total.pixelValues} pixel values, ${total.files} files, ${megabytes(total.bytes)} in ${secondsSince(started)} s\n`);
  } catch (error) {
    await rm(partial, {recursive: true, force: true});
    throw error;
  } finally {
    forgetPartial();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ExportError ? error.message : `bin/export.ts: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`error: ${message.replace(/[\r\n]+/g, " ")}\n`);
  process.exitCode = 1;
});
