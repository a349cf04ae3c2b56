import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {launchChromium} from "./browser.js";
import {serveStatic} from "./static-server.js";

export const dist = fileURLToPath(new URL("../../dist", import.meta.url));

/**
 * A built site served on 127.0.0.1 and a Chromium, for the tests of one file: dist/ (`npm run build` must have
 * run), or the folder that `build` (run first, in the same beforeAll) makes.
 */
export function useBuiltSite(options: {build?: () => Promise<string>} = {}): {browser: () => Browser; origin: () => string} {
  if (!options.build && !existsSync(`${dist}/index.html`)) throw new Error("dist/ has no built site: run `npm run build` first");
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic(options.build ? await options.build() : dist);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {browser: () => browser, origin: () => server.origin};
}
