// A site of its own for a test: runs in a data folder of the test's, built by the project's own commands
// (bin/build-tables.ts, scripts/prepare-offline.ts, Framework) into `.test-sites/<name>/` inside the project
// (pages resolve node_modules from there), leaving data/, src/data/runs and dist/ as they are.
import {spawn} from "node:child_process";
import {cpSync, mkdirSync, rmSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {moveRunFiles} from "../../scripts/site-run-files.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Resolves to what the command wrote on stderr. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd: root, env: {...process.env, ...env}, stdio: ["ignore", "ignore", "pipe"]});
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => (code === 0 ? resolve(stderr) : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${stderr.slice(-4000)}`))));
  });
}

/**
 * Builds the pages of src/ over the runs that `writeRuns(dataDir)` writes; resolves to the site's folder.
 * `tablesLog` gets what the build of the tables printed (each run's time and peak memory) and its seconds.
 */
export async function buildOwnSite(name: string, writeRuns: (dataDir: string) => void, tablesLog?: (stderr: string, seconds: number) => void): Promise<string> {
  const site = join(root, ".test-sites", name);
  rmSync(site, {recursive: true, force: true});
  const dataDir = join(site, "data");
  const sourceRoot = join(site, "src");
  mkdirSync(dataDir, {recursive: true});
  writeRuns(dataDir);
  // The pages of every run and the site's components; not the reference model's page, which reads the reference run.
  cpSync(join(root, "src"), sourceRoot, {
    recursive: true,
    filter: (path) => !/[/\\]src[/\\](data|\.observablehq|reference-model\.md|fonts\.generated\.css)/.test(path.slice(root.length - 1))
  });
  const tsx = join(root, "node_modules/.bin/tsx");
  const tablesStarted = performance.now();
  const tablesStderr = await run(tsx, ["bin/build-tables.ts"], {OPERANDO_DATA_DIR: dataDir, OPERANDO_RUNS_DIR: join(sourceRoot, "data", "runs")});
  tablesLog?.(tablesStderr, (performance.now() - tablesStarted) / 1000);
  await run(tsx, ["scripts/prepare-offline.ts", "--root", sourceRoot]);
  await run(process.execPath, ["--import", "./scripts/offline-guard.mjs", "node_modules/@observablehq/framework/dist/bin/observable.js", "build"],
    {OPERANDO_SITE_ROOT: sourceRoot, OPERANDO_SITE_OUTPUT: join(site, "dist")});
  await moveRunFiles(join(site, "dist"));
  return join(site, "dist");
}
