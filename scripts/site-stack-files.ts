// The run's stack files (src/data/runs/<run>/pixels/) are in the site because observablehq.config.ts lists them as
// dynamic paths, which Framework's build copies to <site>/data/runs/<run>/pixels/ but its preview (npm run dev)
// serves only under /_file/. Moving them to <site>/_file/data/runs/<run>/pixels/ after the build gives pages one
// URL that works in both (src/components/run-stacks.ts).
import {existsSync} from "node:fs";
import {mkdir, readdir, rename, rm} from "node:fs/promises";
import {join} from "node:path";

export async function moveStackFiles(siteDir: string): Promise<void> {
  const runsDir = join(siteDir, "data", "runs");
  if (!existsSync(runsDir)) return;
  for (const run of await readdir(runsDir)) {
    const from = join(runsDir, run, "pixels");
    if (!existsSync(from)) continue;
    // The folder may hold Framework's hashed copy of pixels/index.json (a FileAttachment): the files join it.
    const to = join(siteDir, "_file", "data", "runs", run, "pixels");
    await mkdir(to, {recursive: true});
    for (const file of await readdir(from)) await rename(join(from, file), join(to, file));
  }
  await rm(join(siteDir, "data"), {recursive: true, force: true});
}
