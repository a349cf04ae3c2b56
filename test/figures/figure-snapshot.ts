// Figures compared as Observable Plot compares its own (test/plot-snapshot.js there): the rendered markup as text,
// numbers rounded and ids renumbered, so that nothing of the machine (fonts, hinting) enters the comparison.
// Raster images are compared by their decoded pixels (replaced in the page by a hash, see figures.test.ts).
import {existsSync} from "node:fs";
import {readFile, rm, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

export const snapshotDir = fileURLToPath(new URL("../output", import.meta.url));

/** Numbers to 3 decimals (no trailing zeros), ids renumbered in order of appearance, one element a line. */
export function normaliseMarkup(markup: string): string {
  const ids = new Map<string, string>();
  for (const [, id] of markup.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(id!)) ids.set(id!, `id-${ids.size + 1}`);
  let text = markup.replace(/-?\d*\.\d+(?:e[+-]?\d+)?/gi, (number) => {
    const rounded = Number(Number(number).toFixed(3));
    return String(Object.is(rounded, -0) ? 0 : rounded);
  });
  for (const [id, renumbered] of ids) {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    text = text.replace(new RegExp(`(id="|#)${escaped}(?=["')])`, "g"), `$1${renumbered}`);
  }
  return text.replace(/>\s*</g, ">\n<") + "\n";
}

export interface SnapshotResult {
  status: "match" | "created" | "changed" | "missing";
  message: string;
}

/**
 * Compares a figure's normalised markup with test/output/<name>.html. A difference writes <name>-changed.html
 * beside it (git-ignored); a missing snapshot is written only when UPDATE_SNAPSHOTS=1.
 */
export async function compareSnapshot(name: string, markup: string, directory = snapshotDir): Promise<SnapshotResult> {
  const expectedPath = join(directory, `${name}.html`);
  const changedPath = join(directory, `${name}-changed.html`);
  const actual = normaliseMarkup(markup);
  if (!existsSync(expectedPath)) {
    if (process.env.UPDATE_SNAPSHOTS !== "1") return {status: "missing", message: `${expectedPath} does not exist; run with UPDATE_SNAPSHOTS=1 to create it`};
    await writeFile(expectedPath, actual);
    return {status: "created", message: `created ${expectedPath}`};
  }
  if ((await readFile(expectedPath, "utf-8")) === actual) {
    await rm(changedPath, {force: true});
    return {status: "match", message: name};
  }
  await writeFile(changedPath, actual);
  return {status: "changed", message: `${name} differs from ${expectedPath}; the new figure is in ${changedPath}`};
}
