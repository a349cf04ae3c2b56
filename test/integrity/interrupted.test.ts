// Interrupted and concurrent commands: SIGINT leaves no partial file and the previous output as it was;
// a second build of the tables in the same output folder is refused while the first runs.
import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {encodeTiff} from "../sims/tiff-encoder.js";
import {buildTables, copyRun, filesUnder, makeBaseRun, startBuildTables} from "./run-folders.js";

const root = mkdtempSync(join(tmpdir(), "interrupted-"));
afterAll(() => rmSync(root, {recursive: true, force: true}));

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => {
  if (child.exitCode !== null) resolve(child.exitCode);
  else child.on("exit", (code) => resolve(code));
});

/** Waits (polling every 2 ms, yielding so that the child's exit is seen) until `found` names an entry of `folder`, or the child ends. */
async function waitForEntry(child: ChildProcess, folder: string, found: (name: string) => boolean): Promise<string | undefined> {
  for (;;) {
    const entry = existsSync(folder) ? readdirSync(folder).find(found) : undefined;
    if (entry !== undefined || child.exitCode !== null) return entry;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("bin/build-tables.ts interrupted or run twice at once", () => {
  const dataDir = join(root, "data");
  const outDir = join(root, "out");
  let before: Map<string, Buffer>;

  beforeAll(() => {
    copyRun(makeBaseRun(join(root, "base"), 4, "32x16"), dataDir, "run");
    expect(buildTables(dataDir, outDir).status).toBe(0);
    before = filesUnder(outDir);
  }, 120_000);

  it("on SIGINT while a run is written, removes its partial folder and keeps the previous tables", async () => {
    rmSync(join(dataDir, "run"), {recursive: true});
    copyRun(join(root, "base"), dataDir, "run", (m) => (m.title = "changed, never published"));
    const child = startBuildTables(dataDir, outDir);
    const partial = await waitForEntry(child, outDir, (name) => name.endsWith(".partial"));
    expect(partial).toMatch(/^\.run\.\d+\.partial$/);
    child.kill("SIGINT");
    expect(await exited(child)).toBe(130);
    expect(readdirSync(outDir).sort()).toEqual(["errors.json", "index.json", "run"]);
    expect(filesUnder(outDir)).toEqual(before);
  }, 120_000);

  it("refuses to build while another live process holds the lock, and takes over a lock left by a dead one", async () => {
    const lock = join(outDir, ".build-tables.lock");
    const holder = spawn("sleep", ["30"]);
    writeFileSync(lock, `${holder.pid}\n`);
    const refused = buildTables(dataDir, outDir);
    holder.kill();
    await exited(holder);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toBe(`error: ${lock}: another build of the tables (process ${holder.pid}) is running in this checkout; wait for it to end`);
    expect(filesUnder(outDir).get("run/manifest.json")).toEqual(before.get("run/manifest.json"));

    // The holder has ended: its lock is stale.
    expect(buildTables(dataDir, outDir).status).toBe(0);
    expect(JSON.parse(readFileSync(join(outDir, "run", "manifest.json"), "utf-8")).title).toBe("changed, never published");
    expect(readdirSync(outDir).filter((name) => name.startsWith("."))).toEqual([]);
  }, 120_000);
});

describe("npm run convert interrupted", () => {
  it("on SIGINT while the output is written, removes the partial file and keeps the previous output", async () => {
    const folder = join(root, "convert");
    mkdirSync(folder);
    const side = 2048;
    const data = new Uint16Array(side * side).map((_, i) => i % 60_000);
    const input = join(folder, "large.tif");
    writeFileSync(input, encodeTiff([{data, width: side, height: side}], {kind: "uint16"}));
    const output = join(folder, "large.csv");
    writeFileSync(output, "previous output\n");
    const child = spawn(process.execPath, ["--import", "tsx", "bin/convert.ts", input, output], {stdio: "ignore"});
    const partial = await waitForEntry(child, folder, (name) => name.endsWith(".partial"));
    expect(partial).toBe(`.large.csv.${child.pid}.partial`);
    child.kill("SIGINT");
    expect(await exited(child)).toBe(130);
    expect(readdirSync(folder).sort()).toEqual(["large.csv", "large.tif"]);
    expect(readFileSync(output, "utf-8")).toBe("previous output\n");
  }, 120_000);
});
