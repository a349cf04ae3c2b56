import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {launchChromium} from "./browser.js";
import {serveStatic} from "./static-server.js";

export const dist = fileURLToPath(new URL("../../dist", import.meta.url));

/** The built site served on 127.0.0.1 and a Chromium, for the tests of one file; `npm run build` must have run. */
export function useBuiltSite(): {browser: () => Browser; origin: () => string} {
  if (!existsSync(`${dist}/index.html`)) throw new Error("dist/ has no built site: run `npm run build` first");
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic(dist);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {browser: () => browser, origin: () => server.origin};
}
