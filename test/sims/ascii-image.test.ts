import {describe, expect, it} from "vitest";
import {readAsciiImage} from "@operando/loaders/sims/read-ascii";
import {writeAsciiImage, type AsciiImageHeader, type AsciiWriteOptions} from "@operando/loaders/sims/write-ascii";
import {AsciiImageError} from "@operando/loaders/sims/errors";
import {HEADER_SYNONYMS, normaliseKey} from "@operando/loaders/sims/header-keys";
import {parseImageFile} from "@operando/loaders/sims/index";
import {encode, knownImage} from "./helpers.js";
import {seededRandom} from "../seeded-random.js";

const fullHeader: AsciiImageHeader = {
  sample: "NCA | LLTO-Li2OHCl | LTO, sample 1", region: "positive", ion: "58Ni+", massU: 57.935,
  fieldOfViewUm: [80.5, 30], scans: 50, acquisitionStart: "2025-06-02 09:00:00",
  acquisitionEnd: "2025-06-02 09:26:40", doseIonsPerCm2: 1.2e13, extra: {"Primary ion": "Bi3+", "Polarity": "positive"}
};

const sizes: [number, number][] = [[1, 7], [7, 1], [257, 3], [3, 257], [16, 6], [1, 1], [3, 1]];
const layouts: AsciiWriteOptions[] = [
  {layout: "matrix", separator: "\t"},
  {layout: "matrix", separator: " ", decimalComma: true, lineEnding: "\r\n"},
  {layout: "matrix", separator: ",", lineEnding: "\r\n"},
  {layout: "matrix", separator: ";", decimalComma: true},
  {layout: "listing", separator: "\t", lineEnding: "\r\n"},
  {layout: "listing", separator: " "},
  {layout: "listing", separator: ",", lineEnding: "\r\n"},
  {layout: "listing", separator: ";", decimalComma: true}
];
const cases = layouts.flatMap((options) => sizes.map(([w, h]) => [`${options.layout} ${JSON.stringify(options.separator)}${options.decimalComma ? " decimal comma" : ""}${options.lineEnding === "\r\n" ? " CRLF" : ""}`, w, h, options] as const));

describe("ASCII ion images round-trip through writer and reader", () => {
  it.each(cases)("%s, %i x %i: same counts, size and header", (_, width, height, options) => {
    const image = knownImage(width, height, 70000, width * 1000 + height);
    const header = {...fullHeader, totalCounts: image.data.reduce((a: number, b: number) => a + b, 0)};
    const read = readAsciiImage(encode(writeAsciiImage(image, header, options)), "image.txt");
    expect([read.width, read.height, read.layout]).toEqual([width, height, options.layout]);
    expect(Array.from(read.data)).toEqual(Array.from(image.data));
    const {extra, notes, pixels, ...facts} = read.header;
    expect(facts).toEqual({...header, extra: undefined, fieldOfViewUm: [80.5, 30]} as unknown as typeof facts & {extra: undefined});
    expect(pixels).toEqual([width, height]);
    expect(extra).toEqual(header.extra);
    expect(notes).toEqual(["IONTOF SurfaceLab image export"]);
  });

  it("keeps fractional values with a decimal comma when asked for any numbers", () => {
    const image = {data: [0.5, 1.25, 3, 1e-3, 2.5e7, 7], width: 3, height: 2};
    for (const options of [{decimalComma: true, separator: ";"}, {decimalComma: true, separator: " "}, {separator: ","}] as AsciiWriteOptions[]) {
      const text = writeAsciiImage(image, {massU: 6.015}, options);
      if (options.decimalComma) expect(text).toContain("1,25");
      const read = readAsciiImage(encode(text), "f.txt", {values: "any"});
      expect(Array.from(read.data)).toEqual(image.data);
      expect(read.header.massU).toBe(6.015);
    }
  });

  it("writes the header lines of docs/data-model.md exactly", () => {
    const text = writeAsciiImage({data: [0, 3, 1, 2], width: 2, height: 2}, {...fullHeader, fieldOfViewUm: [80, 30], totalCounts: 6, extra: undefined});
    expect(text).toBe([
      "# IONTOF SurfaceLab image export", "# Sample: NCA | LLTO-Li2OHCl | LTO, sample 1", "# Region: positive", "# Ion: 58Ni+",
      "# Mass (u): 57.935", "# Field of view (um): 80 x 30", "# Pixels: 2 x 2", "# Scans: 50", "# Total counts: 6",
      "# Acquisition start: 2025-06-02 09:00:00", "# Acquisition end: 2025-06-02 09:26:40",
      "# Primary ion dose (ions/cm^2): 1.2e13", "0\t3", "1\t2", ""
    ].join("\n"));
  });

  it("refuses to write a decimal comma with a comma separator, or a wrong data length", () => {
    expect(() => writeAsciiImage({data: [1], width: 1, height: 1}, {}, {separator: ",", decimalComma: true})).toThrow(RangeError);
    expect(() => writeAsciiImage({data: [1, 2], width: 1, height: 1}, {})).toThrow(/2 values for a 1 x 1 image/);
  });
});

describe("ASCII header keys", () => {
  it("accepts synonyms, any case, '=' or ':', units in the key or the value, and keeps unknown keys", () => {
    const text = [
      "#IMAGE = 58Ni+", "# mass: 57,935 u", "# FOV: 0.08 mm x 0.03 mm", "# Resolution: 4x2", "# Number of scans = 12",
      "# Start time: 02.06.2025 09:00:00", "# END: 2025-06-02T09:26:40Z", "# Dose (ions/cm^2): 1,5e12", "# Analysis area = positive",
      "# Operator: A. N. Other", "# Deadtime Correction: on", "# exported with default settings",
      "1 2 3 4", "5 6 7 8"
    ].join("\r\n");
    const read = readAsciiImage(encode(text), "h.asc");
    expect(read.header).toEqual({
      ion: "58Ni+", massU: 57.935, fieldOfViewUm: [80, 30], pixels: [4, 2], scans: 12,
      acquisitionStart: "02.06.2025 09:00:00", acquisitionEnd: "2025-06-02T09:26:40Z", doseIonsPerCm2: 1.5e12, region: "positive",
      extra: {"Operator": "A. N. Other", "Deadtime Correction": "on"}, notes: ["exported with default settings"]
    });
  });

  it("reads 'Mass: <name>' as the ion and 'Image size (um)' as a field of view", () => {
    const read = readAsciiImage(encode("# Mass: C_6H_5+\n# Image size (um): 500 x 250\n1 2\n"), "m.txt");
    expect(read.header.ion).toBe("C_6H_5+");
    expect(read.header.fieldOfViewUm).toEqual([500, 250]);
  });

  it("takes a single field-of-view length for a square image only", () => {
    expect(readAsciiImage(encode("# Field of view: 500 µm\n1 2\n3 4\n"), "s.txt").header.fieldOfViewUm).toEqual([500, 500]);
    expect(() => readAsciiImage(encode("# Field of view: 500 µm\n1 2 3\n3 4 5\n"), "s.txt")).toThrow(
      "s.txt: ascii-image: field of view gives one length for a 3 x 2 image; write width x height (line 1)"
    );
  });

  it.each([
    ["# Pixels: 4 x 2\n# Size: 4 x 2\n1 2 3 4\n5 6 7 8\n", 'header key "Size" repeats what line 1 already says (line 2)'],
    ["# Pixels: many\n1 2\n", 'header "Pixels": "many" is not a pixel size like 256 x 96 (line 1)'],
    ["# Start: yesterday\n1 2\n", 'header "Start": "yesterday" is not a time like 2025-06-02 09:00:00 (line 1)'],
    ["# Mass (u): -3\n1 2\n", 'header "Mass (u)": "-3" is not a mass in u (line 1)'],
    ["# Pixels: 3 x 2\n1 2 3 4\n5 6 7 8\n", "header says 3 x 2 pixels but the matrix has 4 columns and 2 rows (line 2)"],
    ["1 2 3\n4 5\n", "row has 2 values, the first row 3 (line 2)"],
    ["1\t2\t\t3\n", "empty field (two tabs in a row) (line 1)"],
    ["1 2\n\n3 4\n", "blank line inside the data (line 2)"],
    ["# header only\n", "no pixel values after the header (line 2)"],
    ["# header\n\r\r\n", "no pixel values after the header (line 2)"],
    ["x y counts\n0 0 1\n0 0 2\n", "pixel 0, 0 is listed twice (line 3)"],
    ["# Pixels: 2 x 1\nx y counts\n0 0 1\n", "listing has 1 pixels for a 2 x 1 image (line 3)"],
    ["# Pixels: 2 x 1\nx y counts\n0 0 1\n5 0 1\n", "pixel 5, 0 is outside the 2 x 1 image (line 4)"],
    ["Channel\tm/z\tIntensity\n100\t0.0002\t2\n", '"Channel" is not a number (line 1)']
  ])("refuses %j: %s", (text, problem) => {
    const error = (() => {
      try {
        readAsciiImage(encode(text), "bad.txt");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AsciiImageError);
    expect((error as Error).message).toBe(`bad.txt: ascii-image: ${problem}`);
  });
});

describe("ASCII number parsing", () => {
  it("reads decimals exactly as Number() does, on the fast path and the slow one", () => {
    const random = seededRandom(99);
    const texts: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const digits = 1 + Math.floor(random() * 18);
      const mantissa = String(Math.floor(random() * 10 ** Math.min(digits, 15))).padStart(digits, "0");
      const point = Math.floor(random() * (digits + 1));
      let text = `${mantissa.slice(0, point)}.${mantissa.slice(point)}`;
      if (random() < 0.2) text += `e${Math.floor(random() * 40) - 20}`;
      if (random() < 0.3) text = "-" + text;
      if (text.replace(/^-/, "") === ".") text = "0.5";
      texts.push(text);
    }
    texts.push(String(1 / 7), String(123456.789e-300), "7.", ".25", "+3", "1e5");
    const read = readAsciiImage(encode(texts.join("\n") + "\n"), "n.txt", {values: "any"});
    expect(Array.from(read.data)).toEqual(texts.map(Number));
    // One column of "3,5" would read as two comma-separated values, so a semicolon column follows.
    const withComma = readAsciiImage(encode(texts.map((t) => `${t.replace(".", ",")};1`).join("\n")), "n.txt", {values: "any"});
    expect(Array.from(withComma.data).filter((_, i) => i % 2 === 0)).toEqual(texts.map(Number));
  });
});

describe("ASCII layout detection", () => {
  it("reads a 3-column matrix as a matrix when the header says 3 x N, and as a listing otherwise", () => {
    const image = knownImage(3, 4, 9, 5);
    const asMatrix = readAsciiImage(encode(writeAsciiImage(image, {})), "m.txt");
    expect([asMatrix.layout, asMatrix.width, asMatrix.height]).toEqual(["matrix", 3, 4]);
    const listing = writeAsciiImage(image, {}, {layout: "listing"}).replace(/^# Pixels.*\n/m, "");
    const asListing = readAsciiImage(encode(listing), "l.txt");
    expect([asListing.layout, asListing.width, asListing.height]).toEqual(["listing", 3, 4]);
    expect(Array.from(asListing.data)).toEqual(Array.from(image.data));
  });

  it("says when the manifest's size, not the header's, disagrees with the matrix", () => {
    expect(() => readAsciiImage(encode("1 2\n3 4\n"), "m.txt", {expectedPixels: [2, 3]})).toThrow(
      "m.txt: ascii-image: manifest says 2 x 3 pixels but the matrix has 2 columns and 2 rows (line 1)"
    );
  });

  it("reads a listing in any order, with a title line, a trailing tab and a size from the manifest", () => {
    const text = "x\ty\tcounts\r\n2\t1\t5\t\r\n0\t0\t7\t\r\n1\t1\t0\t\r\n0\t1\t3\t\r\n2\t0\t1\t\r\n1\t0\t2\t\r\n";
    const read = readAsciiImage(encode(text), "l.txt", {expectedPixels: [3, 2]});
    expect([read.layout, read.width, read.height]).toEqual(["listing", 3, 2]);
    expect(Array.from(read.data)).toEqual([7, 2, 1, 3, 0, 5]);
  });

  it("reads space-separated numbers with a decimal comma, and comma-separated integers", () => {
    expect(Array.from(readAsciiImage(encode("1,5 2 3,25\n"), "d.txt", {values: "any"}).data)).toEqual([1.5, 2, 3.25]);
    expect(Array.from(readAsciiImage(encode("1,5,2\n3,4,5\n"), "c.csv").data)).toEqual([1, 5, 2, 3, 4, 5]);
    expect(Array.from(readAsciiImage(encode("1, 5, 2\n"), "c.csv").data)).toEqual([1, 5, 2]);
  });
});

describe("ASCII header synonym table", () => {
  it("names every key once, already in normalised form", () => {
    const keys = Object.values(HEADER_SYNONYMS).flat();
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(normaliseKey(key).key).toBe(key);
  });
});

describe("parseImageFile on a text export", () => {
  it("gives ion, frame, x, y, counts with the header facts as schema metadata", () => {
    const image = knownImage(3, 2, 9, 2);
    const text = writeAsciiImage(image, {...fullHeader, extra: {"Primary ion": "Bi3+"}}, {layout: "listing", separator: ";", decimalComma: true});
    const table = parseImageFile(encode(text), "run/positive/58Ni+.txt");
    expect(table.toArray().map((r) => [r.ion, r.frame, r.x, r.y, r.counts])).toEqual(
      Array.from(image.data, (c, i) => ["58Ni+", 0, i % 3, Math.floor(i / 3), c])
    );
    expect(Object.fromEntries(table.schema.metadata)).toEqual({
      source_file: "run/positive/58Ni+.txt", format: "ascii-image", sample: fullHeader.sample, region: "positive", ion: "58Ni+",
      mass_u: "57.935", field_of_view_um: "[80.5,30]", pixels: "[3,2]", scans: "50", acquisition_start: "2025-06-02 09:00:00",
      acquisition_end: "2025-06-02 09:26:40", dose_ions_per_cm2: "12000000000000", "header:Primary ion": "Bi3+",
      notes: '["IONTOF SurfaceLab image export"]'
    });
  });

  it("names the line of a negative count in a listing", () => {
    expect(() => parseImageFile(encode("x y counts\n1 0 4\n0 0 -1\n"), "l.txt")).toThrow("l.txt: ascii-image: counts -1 at pixel 0, 0 are not a non-negative integer (line 3)");
  });
});
