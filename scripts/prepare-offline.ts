// Fills Framework's npm cache (src/.observablehq/cache/_npm) from node_modules, so that neither
// `observable build` nor the built site fetches a module from a CDN, and empties its cache of bundled
// node_modules imports. Runs before build and dev.
import {copyFile, mkdir, readFile, rm} from "node:fs/promises";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {build} from "esbuild";
import {offlineModules, unservedLibraries, unservedVersion, type OfflineModule} from "./offline-modules.js";
import {writeSiteFonts} from "./site-fonts.js";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
// The Framework source root whose cache is filled: src/ unless `--root <dir>` says otherwise.
const rootFlag = process.argv.indexOf("--root");
const sourceRoot = rootFlag > 0 ? process.argv[rootFlag + 1]! : "src";
const frameworkCache = resolve(projectRoot, sourceRoot, ".observablehq/cache");
const npmCache = join(frameworkCache, "_npm");

async function installedVersion(module: OfflineModule): Promise<{version: string; packageDir: string}> {
  const packageDir = join(projectRoot, "node_modules", module.name);
  try {
    const {version} = JSON.parse(await readFile(join(packageDir, "package.json"), "utf-8"));
    return {version, packageDir};
  } catch {
    throw new Error(`${module.name} is not installed in node_modules: run npm install (it cannot be served offline otherwise)`);
  }
}

async function prepare(module: OfflineModule): Promise<string> {
  const {version, packageDir} = await installedVersion(module);
  const target = join(npmCache, `${module.name}@${version}`);
  await rm(target, {recursive: true, force: true});
  await mkdir(target, {recursive: true});
  try {
    await build({
      entryPoints: [module.entry],
      absWorkingDir: projectRoot,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      legalComments: "inline",
      conditions: ["browser", "import"],
      outfile: join(target, module.output ?? "_esm.js"),
      define: {"process.env.NODE_ENV": JSON.stringify("production")},
      logLevel: "error"
    });
  } catch (error) {
    throw new Error(`${module.name}@${version} cannot be bundled for offline use: ${(error as Error).message}`);
  }
  for (const file of module.files ?? []) {
    const destination = join(target, file);
    await mkdir(dirname(destination), {recursive: true});
    await copyFile(join(packageDir, file), destination).catch(() => {
      throw new Error(`${module.name}@${version}: ${file} is missing from the installed package`);
    });
  }
  return `${module.name}@${version}`;
}

async function markUnserved(name: string): Promise<void> {
  await mkdir(join(npmCache, `${name}@${unservedVersion}`), {recursive: true});
}

try {
  // Framework bundles each node_modules import (our @operando packages among them) into _node once and never
  // notices that the package changed: start from nothing so that pages always get the current library.
  await rm(join(frameworkCache, "_node"), {recursive: true, force: true});
  await rm(npmCache, {recursive: true, force: true});
  await Promise.all(unservedLibraries.map(markUnserved));
  const prepared = await Promise.all(offlineModules.map(prepare));
  const fonts = await writeSiteFonts(projectRoot, resolve(projectRoot, sourceRoot, "fonts.generated.css"));
  console.error(`offline modules: ${prepared.join(", ")}; fonts: ${fonts.join(", ")}`);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
