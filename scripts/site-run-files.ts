// A run's files (src/data/runs/<run>/: its tables, stack files and segmentations) are in the site because
// observablehq.config.ts lists them as dynamic paths, which Framework's build copies to <site>/data/runs/<run>/ but
// its preview (npm run dev) serves only under /_file/. Moving them to <site>/_file/data/runs/<run>/ after the build
// gives pages one URL that works in both (src/components/run-files.ts).
import {existsSync} from "node:fs";
import {mkdir, readdir, rename, rm} from "node:fs/promises";
import {join} from "node:path";

async function moveFolder(from: string, to: string): Promise<void> {
  await mkdir(to, {recursive: true});
  for (const entry of await readdir(from, {withFileTypes: true})) {
    if (entry.isDirectory()) await moveFolder(join(from, entry.name), join(to, entry.name));
    // The folder may hold Framework's hashed copies of files a page names by FileAttachment: the files join them.
    else await rename(join(from, entry.name), join(to, entry.name));
  }
}

export async function moveRunFiles(siteDir: string): Promise<void> {
  const runsDir = join(siteDir, "data", "runs");
  if (!existsSync(runsDir)) return;
  for (const run of await readdir(runsDir)) await moveFolder(join(runsDir, run), join(siteDir, "_file", "data", "runs", run));
  await rm(join(siteDir, "data"), {recursive: true, force: true});
}
