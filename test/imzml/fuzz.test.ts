// Mutated and truncated imzML pairs (the XML or the .ibd): every one is read or refused with an
// ImzmlError, never another exception and never a hang; a cut .ibd never gives changed values.
import {deflateSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {ibdFromBytes, ImzmlError, openImzmlPair, pixelSums, summedSpectrum} from "@operando/loaders/imzml/index";
import {writeImzml} from "@operando/loaders/imzml/write";
import {seededRandom} from "../seeded-random.js";
import {fixturePair} from "./helpers.js";
import {mutate} from "../mutate.js";

const INTERESTING = [10, 13, 32, 34, 45, 46, 47, 48, 49, 53, 57, 60, 61, 62, 0, 255, 0x2b, 0x65];


const WINDOWS = [{ion: "a", lowU: 100, highU: 300}, {ion: "b", lowU: 1, highU: 40}];

/** Everything a user of the reader does with a pair; returns the total and window sums. */
async function readAll(xml: Uint8Array, ibd: Uint8Array): Promise<number[]> {
  const file = await openImzmlPair(xml, "fuzz.imzML", ibdFromBytes(ibd, "fuzz.ibd"));
  const sums = await pixelSums(file, WINDOWS, {chunkBytes: 4096});
  const spectrum = await summedSpectrum(file, {binWidthU: 0.5});
  return [...sums.totalCounts, ...sums.windowCounts.flatMap((c) => [...c]), spectrum.counts.length];
}

async function outcome(xml: Uint8Array, ibd: Uint8Array): Promise<"read" | "refused"> {
  try {
    await readAll(xml, ibd);
    return "read";
  } catch (error) {
    if (!(error instanceof ImzmlError)) throw new Error(`raw crash: ${(error as Error)?.stack ?? error}`);
    expect(error.message).not.toMatch(/[\r\n]/);
    return "refused";
  }
}

const written = (compress: boolean) => {
  const random = seededRandom(compress ? 3 : 4);
  const spectra = Array.from({length: 6}, (_, i) => ({x: i % 3, y: Math.floor(i / 3), mzU: [1, 20, 150, 299.5].filter(() => random() < 0.8), intensity: [] as number[]}));
  spectra.forEach((s) => (s.intensity = s.mzU.map(() => Math.floor(random() * 9))));
  const {imzml, ibd} = writeImzml(spectra, {mode: "processed", width: 3, height: 2, intensityType: "int32", compress: compress ? deflateSync : undefined});
  return {xml: new TextEncoder().encode(imzml), ibd};
};

const corpus: [string, {xml: Uint8Array; ibd: Uint8Array}][] = [
  ["iontof_sparse", fixturePair("iontof_sparse")],
  ["Example_Continuous", fixturePair("Example_Continuous")],
  ["Example_Processed", fixturePair("Example_Processed")],
  ["written, int32", written(false)],
  ["written, zlib", written(true)]
];

describe("fuzzing the imzML reader with seeded mutations", () => {
  it.each(corpus)("%s: 40 mutated XMLs and 40 mutated .ibds are each read or refused with an ImzmlError", async (name, pair) => {
    const random = seededRandom(name.length * 7919);
    const outcomes = {read: 0, refused: 0};
    for (let k = 0; k < 40; k++) outcomes[await outcome(mutate(pair.xml, random, INTERESTING), pair.ibd)]++;
    // The .ibd: only its first 4 kB mutated (the arrays a mutation can reach in a large file), the rest kept.
    for (let k = 0; k < 40; k++) {
      const head = mutate(pair.ibd.subarray(0, 4096), random, INTERESTING);
      const ibd = new Uint8Array(head.length + Math.max(0, pair.ibd.length - 4096));
      ibd.set(head);
      ibd.set(pair.ibd.subarray(4096), head.length);
      outcomes[await outcome(pair.xml, ibd)]++;
    }
    expect(outcomes.read + outcomes.refused).toBe(80);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it.each(corpus)("%s: an .ibd cut anywhere is refused, or read with exactly the same values when nothing read was cut", async (_name, pair) => {
    const whole = await readAll(pair.xml, pair.ibd);
    const random = seededRandom(pair.ibd.length);
    for (let k = 0; k < 25; k++) {
      const cut = Math.floor(random() * pair.ibd.length);
      try {
        expect(await readAll(pair.xml, pair.ibd.subarray(0, cut))).toEqual(whole);
      } catch (error) {
        if (!(error instanceof ImzmlError)) throw error;
      }
    }
  });

  it.each(corpus)("%s: XML cut anywhere is refused", async (_name, pair) => {
    const random = seededRandom(pair.xml.length);
    for (let k = 0; k < 25; k++) {
      const cut = Math.floor(random() * (pair.xml.length - 20));
      await expect(readAll(pair.xml.subarray(0, cut), pair.ibd)).rejects.toBeInstanceOf(ImzmlError);
    }
  });
});
