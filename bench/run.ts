// npm run bench [-- <name> ...]: runs every benchmark script in bench/ (or the named ones) one after
// another, each in its own process so that one's memory does not weigh on the next.
import {spawnSync} from "node:child_process";
import {readdirSync} from "node:fs";

const requested = process.argv.slice(2);
const scripts = readdirSync("bench")
  .filter((file) => file.endsWith(".ts") && file !== "run.ts")
  .map((file) => file.replace(/\.ts$/, ""))
  .filter((name) => requested.length === 0 || requested.includes(name))
  .sort();

let failed = 0;
for (const name of scripts) {
  console.log(`\n## ${name} (node --expose-gc --import tsx bench/${name}.ts)\n`);
  // --expose-gc lets a benchmark measure the memory its tables keep, after a collection.
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", `bench/${name}.ts`], {stdio: "inherit"});
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
