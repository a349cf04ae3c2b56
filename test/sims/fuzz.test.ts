import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {parseImageFile} from "@operando/loaders/sims/index";
import {readAsciiImage} from "@operando/loaders/sims/read-ascii";
import {loadRun} from "@operando/loaders/sims/run";
import {LoaderError} from "@operando/loaders/errors";
import {writeAsciiImage} from "@operando/loaders/sims/write-ascii";
import {encodeTiff} from "./tiff-encoder.js";
import {encode, knownImage, makeRun} from "./helpers.js";
import {SHARED_FIXTURES} from "../shared-fixtures.js";
import {seededRandom} from "../seeded-random.js";
import {mutate} from "../mutate.js";

const INTERESTING = [10, 13, 9, 32, 44, 59, 35, 45, 46, 48, 57, 101, 58, 61, 0, 255, 0x2a, 0x49];


function expectTableOrOurError(run: () => {numRows: number} | unknown): "table" | "error" {
  try {
    run();
    return "table";
  } catch (error) {
    if (!(error instanceof LoaderError)) throw new Error(`raw crash: ${(error as Error)?.stack ?? error}`);
    expect(error.message).not.toMatch(/[\r\n]/);
    return "error";
  }
}

const image = knownImage(13, 5, 70000, 3);
const corpus: [string, Uint8Array][] = [
  ["matrix.txt", encode(writeAsciiImage(image, {ion: "58Ni+", fieldOfViewUm: [80, 30], totalCounts: image.data.reduce((a: number, b: number) => a + b, 0), acquisitionStart: "2025-06-02 09:00:00"}))],
  ["listing.txt", encode(writeAsciiImage(image, {ion: "6Li+", massU: 6.015}, {layout: "listing", separator: ";", decimalComma: true, lineEnding: "\r\n"}))],
  ["comma.csv", encode(writeAsciiImage(knownImage(1, 9, 20, 8), {}, {separator: ","}))],
  ["stack.tif", encodeTiff([image, image], {kind: "uint16", rowsPerStrip: 2})],
  ["deflate.tif", encodeTiff([image], {kind: "uint32", bigEndian: true})],
  ["float.tif", encodeTiff([image], {kind: "float32", deflate: true, description: "ImageJ=1.54f\nunit=micron\n", resolution: [0.2, 0.2]})],
  ...[
    "sims/profile/surfacelab73_profile_pos.txt", "sims/profile/surfacelab73_profile_neg.txt",
    "sims/profile/surfacelab_profile_compressed.txt", "sims/spectrum/surfacelab_spectrum_N_HEA19_Bi1.txt"
  ].map((path): [string, Uint8Array] => [path, new Uint8Array(readFileSync(`${SHARED_FIXTURES}${path}`))])
];

describe("fuzzing the image readers with seeded mutations", () => {
  it.each(corpus)("%s: 40 mutants each give a table or our LoaderError", (name, bytes) => {
    const random = seededRandom(name.length * 7919 + bytes.length);
    // Large real files are cut to their first 6 kB so each case stays fast; the cut itself is a mutation.
    const base = bytes.length > 6000 ? bytes.subarray(0, 6000) : bytes;
    const outcomes = {table: 0, error: 0};
    for (let k = 0; k < 40; k++) {
      const mutant = mutate(base, random, INTERESTING);
      outcomes[expectTableOrOurError(() => parseImageFile(mutant, name))]++;
      if (!name.endsWith(".tif")) expectTableOrOurError(() => readAsciiImage(mutant, name, {values: "any"}));
    }
    // Every mutant gave a table or our error (expectTableOrOurError throws otherwise); the reader also refused
    // some of them, so it checks what it reads rather than accepting any bytes.
    expect(outcomes.error).toBeGreaterThan(0);
  });

  it("the unmutated files of our own writer all parse", () => {
    for (const [name, bytes] of corpus.filter(([n]) => !n.startsWith("sims/"))) {
      expect(parseImageFile(bytes, name).numRows).toBeGreaterThan(0);
    }
  });

  it("a run with one mutated image file loads or fails with our LoaderError, 60 times", async () => {
    const random = seededRandom(42);
    let failures = 0;
    for (let k = 0; k < 60; k++) {
      const run = makeRun({frames: 2});
      const paths = [...run.files.keys()];
      const path = paths[Math.floor(random() * paths.length)];
      run.files.set(path, mutate(run.files.get(path)!, random, INTERESTING));
      try {
        await loadRun(run.manifest, run.readFile);
      } catch (error) {
        if (!(error instanceof LoaderError)) throw new Error(`raw crash: ${(error as Error)?.stack ?? error}`);
        expect(error.file).toBe(path);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(30);
  });
});
