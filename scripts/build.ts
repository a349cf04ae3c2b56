// npm run build: compile, prepare the offline modules, build the tables (scripts/ensure-reference-data.ts, then
// bin/build-tables.ts), then the site into .dist-<pid>/, which replaces dist/ only when Framework succeeded. A
// failed or interrupted build leaves the previous dist/ as it was; a lock file keeps a second build in this
// checkout from running at the same time (both would write src/data/runs/ and Framework's cache).
//
// Runs with problems do not stop the build: build-tables leaves them out and lists them in
// src/data/runs/errors.json, the site is built with the good runs and a "Build problems" page, and this command
// then exits 1 so that scripts notice.
import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, readFileSync, rmSync} from "node:fs";
import {readdir, rename, rm} from "node:fs/promises";
import {acquireLock} from "../bin/lock-file.js";
import {moveRunFiles} from "./site-run-files.js";

const siteDir = "dist";
const temporarySite = `.dist-${process.pid}`;
const previousSite = `.dist-previous-${process.pid}`;
const errorsFile = "src/data/runs/errors.json";
const TABLES_LEFT_RUNS_OUT = 1; // bin/build-tables.ts's status when runs were left out and the rest was built

let child: ChildProcess | undefined;
let stopping = false;
let lockHeld = false;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    child = spawn(command, args, {stdio: "inherit", env: {...process.env, ...env}});
    child.on("exit", (code, signal) => {
      child = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
    child.on("error", (error) => {
      child = undefined;
      process.stderr.write(`error: ${command}: cannot start (${error.message})\n`);
      resolve(127);
    });
  });
}

const npm = (script: string) => run(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "-s", script]);

function problemCount(): number {
  if (!existsSync(errorsFile)) return 0;
  const problems = JSON.parse(readFileSync(errorsFile, "utf-8")) as unknown[];
  return problems.length;
}

async function main(): Promise<number> {
  const release = await acquireLock(".build.lock", "npm run build", {releaseOnSignal: false});
  lockHeld = true;
  try {
    // Sites half-built by builds that were killed outright (no other build runs: we hold the lock).
    for (const entry of await readdir(".")) if (/^\.dist-(previous-)?\d+$/.test(entry)) await rm(entry, {recursive: true, force: true});
    for (const script of ["compile", "offline"]) {
      const status = await npm(script);
      if (status !== 0) return status;
    }
    const tables = await npm("tables");
    if (tables !== 0 && tables !== TABLES_LEFT_RUNS_OUT) return tables;
    const framework = await run(process.execPath, ["--import", "./scripts/offline-guard.mjs", "node_modules/@observablehq/framework/dist/bin/observable.js", "build"],
      {OPERANDO_SITE_OUTPUT: temporarySite});
    if (framework !== 0 || !existsSync(`${temporarySite}/index.html`)) {
      process.stderr.write(`error: ${siteDir}/: the site was not built (Framework exited with ${framework}); the previous ${siteDir}/ is kept\n`);
      return framework || 1;
    }
    await moveRunFiles(temporarySite);
    // Two renames: dist/ is missing only between them, never half-written.
    if (existsSync(siteDir)) await rename(siteDir, previousSite);
    await rename(temporarySite, siteDir);
    await rm(previousSite, {recursive: true, force: true});
    const problems = problemCount();
    if (problems === 0) return 0;
    process.stderr.write(`error: ${errorsFile}: the site was built without the runs that have problems (${problems} problem${problems === 1 ? "" : "s"}, listed above and on the site's "Build problems" page)\n`);
    return 1;
  } finally {
    await rm(temporarySite, {recursive: true, force: true});
    await release();
    lockHeld = false;
  }
}

// Stop the step that runs, then remove the half-built site; the lock goes with it (lock-file.ts).
for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const finish = () => {
      rmSync(temporarySite, {recursive: true, force: true});
      if (lockHeld) rmSync(".build.lock", {force: true});
      process.exit(exitCode);
    };
    if (!child) return finish();
    child.on("exit", finish);
    child.kill(signal);
  });
}

main().then((status) => process.exit(status), (error: Error) => {
  process.stderr.write(`error: ${error.message.replace(/[\r\n]+/g, " ")}\n`);
  process.exit(2);
});
