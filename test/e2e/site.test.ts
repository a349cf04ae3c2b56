// The built site (dist/) in a real browser: every page loads with no console error, no failed
// request and no request off this machine, and draws its figure or table.
import {readdirSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {dist, useBuiltSite} from "./built-site.js";
import {pageProblems} from "./page-checks.js";

const site = useBuiltSite();

function builtPages(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : builtPages(path);
    return entry.name.endsWith(".html") && entry.name !== "404.html" ? [path] : [];
  });
}

function pageUrl(file: string): string {
  return "/" + relative(dist, file).replace(/\\/g, "/").replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "");
}

const pages = builtPages(dist).map(pageUrl).sort();

describe("the built site in Chromium", () => {
  it("has pages to test", () => {
    expect(pages).toContain("/");
  });

  it.each(pages)("%s renders its figures with no error and no outside request", async (path) => {
    expect(await pageProblems(site.browser(), site.origin() + path)).toEqual([]);
  });
});
