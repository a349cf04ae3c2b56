// Compares a new screenshot (PNG) with the committed baseline test/screenshots/<name>.png, decoding both in
// Chromium itself (no image package). A mismatch writes the new image beside the baseline as <name>-changed.png;
// a missing baseline is created only when UPDATE_SCREENSHOTS=1, and is a failure otherwise.
import {existsSync} from "node:fs";
import {mkdir, readFile, rm, writeFile} from "node:fs/promises";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";

export const screenshotDir = fileURLToPath(new URL("../screenshots", import.meta.url));

export interface CompareOptions {
  /** Folder of the baselines; default test/screenshots. */
  directory?: string;
  /** A pixel differs when one of its channels (0..255) differs by more than this; default 24 (antialiasing noise). */
  channelTolerance?: number;
  /** The images match when fewer than this fraction of pixels differ; default 0.005 (0.5%). */
  maxDifferingFraction?: number;
  /** Create a missing baseline (default: UPDATE_SCREENSHOTS=1 in the environment). */
  update?: boolean;
}

export interface CompareResult {
  name: string;
  /** "match", "created" (baseline was missing and written), "mismatch", "missing" (no baseline, not created). */
  status: "match" | "created" | "mismatch" | "missing";
  pass: boolean;
  differingPixels: number;
  totalPixels: number;
  differingFraction: number;
  message: string;
}

interface Decoded {
  width: number;
  height: number;
  differing: number;
}

/** Decodes both PNGs in a blank page and counts pixels whose channels differ by more than the tolerance. */
async function countDifferingPixels(browser: Browser, expected: Buffer, actual: Buffer, channelTolerance: number): Promise<Decoded | {sizes: string}> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({expected, actual, channelTolerance}) => {
        const pixels = async (base64: string) => {
          const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext("2d")!;
          context.drawImage(bitmap, 0, 0);
          return context.getImageData(0, 0, bitmap.width, bitmap.height);
        };
        const [a, b] = [await pixels(expected), await pixels(actual)];
        if (a.width !== b.width || a.height !== b.height) return {sizes: `${a.width}x${a.height} (baseline) vs ${b.width}x${b.height} (new)`};
        let differing = 0;
        for (let i = 0; i < a.data.length; i += 4) {
          const delta = Math.max(Math.abs(a.data[i] - b.data[i]), Math.abs(a.data[i + 1] - b.data[i + 1]), Math.abs(a.data[i + 2] - b.data[i + 2]), Math.abs(a.data[i + 3] - b.data[i + 3]));
          if (delta > channelTolerance) differing++;
        }
        return {width: a.width, height: a.height, differing};
      },
      {expected: expected.toString("base64"), actual: actual.toString("base64"), channelTolerance}
    );
  } finally {
    await page.close();
  }
}

export async function compareScreenshot(browser: Browser, name: string, png: Buffer, options: CompareOptions = {}): Promise<CompareResult> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`compareScreenshot: name must be letters, digits, ".", "_" or "-", got ${JSON.stringify(name)}`);
  const {directory = screenshotDir, channelTolerance = 24, maxDifferingFraction = 0.005, update = process.env.UPDATE_SCREENSHOTS === "1"} = options;
  const baselinePath = join(directory, `${name}.png`);
  const changedPath = join(directory, `${name}-changed.png`);
  const result = (status: CompareResult["status"], differingPixels: number, totalPixels: number, message: string): CompareResult => ({
    name,
    status,
    pass: status === "match" || status === "created",
    differingPixels,
    totalPixels,
    differingFraction: totalPixels > 0 ? differingPixels / totalPixels : 0,
    message
  });
  if (!existsSync(baselinePath)) {
    if (!update) return result("missing", 0, 0, `${baselinePath} does not exist; run with UPDATE_SCREENSHOTS=1 to create it`);
    await mkdir(dirname(baselinePath), {recursive: true});
    await writeFile(baselinePath, png);
    return result("created", 0, 0, `created ${baselinePath}`);
  }
  const decoded = await countDifferingPixels(browser, await readFile(baselinePath), png, channelTolerance);
  if ("sizes" in decoded) {
    await writeFile(changedPath, png);
    return result("mismatch", 1, 1, `${name}: size changed, ${decoded.sizes}; new image in ${changedPath}`);
  }
  const total = decoded.width * decoded.height;
  if (decoded.differing / total < maxDifferingFraction) {
    await rm(changedPath, {force: true});
    return result("match", decoded.differing, total, `${name}: ${decoded.differing} of ${total} pixels differ`);
  }
  await writeFile(changedPath, png);
  const percent = ((100 * decoded.differing) / total).toFixed(2);
  return result("mismatch", decoded.differing, total, `${name}: ${percent}% of pixels differ (limit ${100 * maxDifferingFraction}%); new image in ${changedPath}`);
}
