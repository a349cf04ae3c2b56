// The synthetic reference runs are generated, not committed: make whichever of them is missing from data/.
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";

const referenceRuns = [
  {folder: "data/reference", sample: "1"},
  {folder: "data/reference-s16", sample: "2"}
];

for (const {folder, sample} of referenceRuns) {
  if (existsSync(`${folder}/manifest.json`)) continue;
  console.error(`${folder}: generating the synthetic reference run (sample ${sample})`);
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/make-dataset.ts", "--out", folder, "--sample", sample, "--quiet"], {stdio: "inherit"});
  if (result.status !== 0) process.exit(result.status ?? 1);
}
