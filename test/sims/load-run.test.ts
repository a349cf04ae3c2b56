import {describe, expect, it} from "vitest";
import {loadRun} from "@operando/loaders/sims/run";
import {LoaderError} from "@operando/loaders/errors";
import {readAsciiImage} from "@operando/loaders/sims/read-ascii";
import {encode, knownImage, makeRun} from "./helpers.js";
import {encodeTiff} from "./tiff-encoder.js";

describe("loadRun on a consistent run", () => {
  it("builds frames, images and pixels tables matching the files, sorted and with small types", async () => {
    const run = makeRun();
    const progress: string[] = [];
    const {frames, images, pixels} = await loadRun(run.manifest, run.readFile, {onProgress: (m) => progress.push(m)});
    expect(frames.numRows).toBe(6);
    expect(images.numRows).toBe(3 * 3 + 2 * 3);
    // One row per pixel of every (region, frame), one counts column per ion.
    expect(pixels.numRows).toBe(3 * 16 * 6 + 3 * 8 * 6);
    expect(progress.at(-1)).toBe("building tables");

    const types = Object.fromEntries(pixels.schema.fields.map((f) => [f.name, `${String(f.type)}${f.nullable ? "?" : ""}`]));
    expect(types).toEqual({region_id: "Uint8", frame: "Uint8", y: "Uint8", x: "Uint8", line: "Uint32", "58Ni+": "Uint16?", "6Li+": "Uint16", total: "Uint16"});
    const imageTypes = images.schema.fields.map((f) => `${f.name} ${String(f.type)}`);
    expect(imageTypes.slice(0, 5)).toEqual(["run Dictionary<Int8, Utf8>", "region Dictionary<Int8, Utf8>", "region_id Uint8", "ion Dictionary<Int8, Utf8>", "frame Uint8"]);

    let previous = "";
    for (const image of images.toArray()) {
      const file = readAsciiImage(run.files.get(image.source_file)!, image.source_file);
      expect([file.width, file.height]).toEqual([image.width, image.height]);
      expect(image.total_counts).toBe(file.data.reduce((a, b) => a + b, 0));
      expect(image.pixel_width_um).toBeCloseTo(image.region === "positive" ? 80 / 16 : 40 / 8, 12);
      expect(image.pixel_height_um).toBeCloseTo(5, 12);
      expect(image.region_id).toBe(image.region === "negative" ? 0 : 1); // the index in the sorted region ids
      const key = `${image.region}|${image.ion}|${String(image.frame).padStart(3, "0")}`;
      expect(key > previous).toBe(true);
      previous = key;
    }
    // Every pixel of every image equals the file's value at (x, y), rows in region_id, frame, y, x order;
    // the ion without images in a region (58Ni+ in negative) is null there.
    const rows = pixels.toArray();
    const imageOf = new Map(images.toArray().map((i) => [`${i.region_id}|${i.frame}|${i.ion}`, i]));
    let row = 0;
    for (const [regionId, width, height] of [[0, 8, 6], [1, 16, 6]]) {
      for (let frame = 0; frame < 3; frame++) {
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++, row++) {
            const p = rows[row];
            expect([p.region_id, p.frame, p.y, p.x, p.line]).toEqual([regionId, frame, y, x, frame * height + y]);
            for (const ion of ["6Li+", "58Ni+", "total"]) {
              const image = imageOf.get(`${regionId}|${frame}|${ion}`);
              const file = image && readAsciiImage(run.files.get(image.source_file)!, image.source_file);
              expect(p[ion]).toBe(file ? file.data[y * width + x] : null);
            }
          }
        }
      }
    }
    expect(row).toBe(pixels.numRows);
  });

  it("converts local frame times of the manifest time zone to UTC", async () => {
    const run = makeRun();
    const {frames} = await loadRun(run.manifest, run.readFile);
    const first = frames.toArray().find((f) => f.region === "positive" && f.frame === 0)!;
    expect(first.start_unix_s).toBe(Date.UTC(2025, 5, 2, 0, 0, 0) / 1000); // 09:00 Asia/Tokyo
    expect(first.end_unix_s - first.start_unix_s).toBe(600);
    expect(first.label).toBe("pristine");
    expect(first.dose_ions_per_cm2).toBe(1e12);
  });

  it("takes frame times from the image headers when the manifest leaves them out", async () => {
    const run = makeRun();
    for (const frame of run.manifest.frames) {
      delete frame.start;
      delete frame.end;
    }
    const {frames} = await loadRun(run.manifest, run.readFile);
    const second = frames.toArray().find((f) => f.region === "negative" && f.frame === 1)!;
    expect(second.start_unix_s).toBe((Date.UTC(2025, 5, 2, 0, 0, 0) + 1800_000 + 900_000) / 1000);
  });

  it("fills a frame's dose from the headers and refuses a header dose that contradicts the manifest", async () => {
    const run = makeRun();
    delete run.manifest.frames[1].doseIonsPerCm2;
    const {frames} = await loadRun(run.manifest, run.readFile);
    expect(frames.toArray().find((f) => f.region === "positive" && f.frame === 1)!.dose_ions_per_cm2).toBe(2e12);
    rewrite(run, "sims/positive/f02/58Ni+.txt", (t) => t.replace("dose (ions/cm^2): 3e12", "dose (ions/cm^2): 3.5e12"));
    await expect(loadRun(run.manifest, run.readFile)).rejects.toThrow(
      "sims/positive/f02/58Ni+.txt: sims-run: header dose 3500000000000 disagrees with the manifest /frames/2/doseIonsPerCm2 (3000000000000)"
    );
  });

  it("reports a time missing from both manifest and headers, naming the key", async () => {
    const run = makeRun({headerTimes: false});
    delete run.manifest.frames[1].end;
    await expect(loadRun(run.manifest, run.readFile)).rejects.toThrow(/sims\/positive\/f01\/58Ni\+\.txt: sims-run: frame 1 of region "positive" has no end time: not in \/frames\/1\/end nor in the header \("Acquisition end"\)/);
  });
});

/** Loads the run and returns the error it must throw. */
async function failure(run: ReturnType<typeof makeRun>): Promise<LoaderError> {
  const error = await loadRun(run.manifest, run.readFile).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LoaderError);
  return error as LoaderError;
}

function rewrite(run: ReturnType<typeof makeRun>, path: string, change: (text: string) => string) {
  run.files.set(path, encode(change(new TextDecoder().decode(run.files.get(path)!))));
}

describe("loadRun catches a careless export", () => {
  it("refuses a frame whose image has another size than the region's other frames", async () => {
    const run = makeRun();
    delete (run.manifest.regions[1] as {pixels?: unknown}).pixels;
    // Drop the last column of one negative-region image (and its header size).
    rewrite(run, "sims/negative/f02/6Li+.txt", (t) => t.replace("# Pixels: 8 x 6", "# Pixels: 7 x 6").replace(/\t\d+$/gm, "").replace(/# Total counts: \d+\n/, ""));
    const error = await failure(run);
    expect(error.file).toBe("sims/negative/f02/6Li+.txt");
    expect(error.message).toMatch(/frames of region "negative" differ in size: this image is 7 x 6, sims\/negative\/f00\/6Li\+\.txt 8 x 6/);
  });

  it("refuses a frame whose pixel size differs (same pixels, other field of view)", async () => {
    const run = makeRun();
    delete (run.manifest.regions[0] as {fieldOfViewUm?: unknown}).fieldOfViewUm;
    rewrite(run, "sims/positive/f01/total.txt", (t) => t.replace("# Field of view (um): 80 x 30", "# Field of view (um): 100 x 30"));
    const error = await failure(run);
    expect(error.file).toBe("sims/positive/f01/total.txt");
    expect(error.message).toMatch(/differ in pixel size: this image 6.25 x 5 um, sims\/positive\/f00\/58Ni\+\.txt 5 x 5 um/);
  });

  it("names the missing file when an ion is missing from a frame", async () => {
    const run = makeRun();
    run.files.delete("sims/positive/f02/58Ni+.txt");
    const error = await failure(run);
    expect(error.file).toBe("sims/positive/f02/58Ni+.txt");
    expect(error.message).toMatch(/cannot read the image of ion "58Ni\+", frame 2, region "positive": ENOENT/);
  });

  it("refuses a file whose header names another ion than the manifest", async () => {
    const run = makeRun();
    rewrite(run, "sims/positive/f01/6Li+.txt", (t) => t.replace("# Ion: 6Li+", "# Ion: 7Li+").replace("# Mass (u): 6.015\n", ""));
    const error = await failure(run);
    expect(error.message).toBe('sims/positive/f01/6Li+.txt: sims-run: header says ion "7Li+", the manifest "6Li+"');
  });

  it("refuses frames of one region that overlap in time (times from the headers)", async () => {
    const run = makeRun();
    for (const frame of run.manifest.frames) {
      delete frame.start;
      delete frame.end;
    }
    for (const ion of ["6Li+", "58Ni+", "total"]) {
      rewrite(run, `sims/positive/f01/${ion}.txt`, (t) => t.replace("Acquisition start: 2025-06-02 09:30:00", "Acquisition start: 2025-06-02 09:05:00"));
    }
    const error = await failure(run);
    expect(error.message).toMatch(/sims\/positive\/f01\/58Ni\+\.txt: sims-run: frame 1 of region "positive" overlaps in time with frame 0/);
  });

  it("refuses header times that disagree with the manifest", async () => {
    const run = makeRun();
    // 6Li+ is read first in its frame (ions sorted), so it meets the manifest before any other header.
    rewrite(run, "sims/negative/f01/6Li+.txt", (t) => t.replace("Acquisition end: 2025-06-02 09:55:00", "Acquisition end: 2025-06-02 10:55:00"));
    const error = await failure(run);
    expect(error.message).toBe("sims/negative/f01/6Li+.txt: sims-run: header end 2025-06-02 10:55:00 disagrees with the manifest /frames/4/end (2025-06-02 09:55:00)");
  });

  it("refuses images of one frame whose headers give different times", async () => {
    const run = makeRun();
    delete run.manifest.frames[4].end;
    rewrite(run, "sims/negative/f01/total.txt", (t) => t.replace("Acquisition end: 2025-06-02 09:55:00", "Acquisition end: 2025-06-02 10:55:00"));
    const error = await failure(run);
    expect(error.message).toBe("sims/negative/f01/total.txt: sims-run: header end 2025-06-02 10:55:00 disagrees with 2025-06-02 09:55:00 in sims/negative/f01/6Li+.txt of the same frame");
  });

  it.each([["negative", "-3"], ["non-integer", "2.5"], ["non-numeric", "NaN"]])("refuses %s counts, naming the file, pixel and line", async (_, value) => {
    const run = makeRun();
    const path = "sims/positive/f00/total.txt";
    const lines = new TextDecoder().decode(run.files.get(path)!).split("\n").filter((l) => !l.startsWith("# Total counts"));
    const firstRow = lines.findIndex((l) => !l.startsWith("#"));
    const cells = lines[firstRow + 4].split("\t");
    cells[7] = value;
    lines[firstRow + 4] = cells.join("\t");
    run.files.set(path, encode(lines.join("\n")));
    const error = await failure(run);
    expect(error.file).toBe(path);
    const problem = value === "NaN" ? `"NaN" is not a number` : `counts ${value} at pixel 7, 4 are not a non-negative integer`;
    expect(error.message).toBe(`${path}: ascii-image: ${problem} (line ${firstRow + 5})`);
  });

  it("refuses a header total that does not match the pixels", async () => {
    const run = makeRun();
    rewrite(run, "sims/positive/f00/total.txt", (t) => t.replace(/# Total counts: (\d+)/, (_, n) => `# Total counts: ${Number(n) + 1}`));
    const error = await failure(run);
    expect(error.message).toMatch(/total\.txt: ascii-image: header total counts \d+ but the pixels sum to \d+ \(line 8\)/);
  });
});

describe("loadRun with TIFF images and missing keys", () => {
  it("reads single-page TIFF images named by an explicit image list, and refuses a stack", async () => {
    const run = makeRun({frames: 1});
    const images = [...run.files.keys()].map((file) => {
      const [, region, , name] = file.split("/");
      return {region, ion: name.replace(/\.txt$/, ""), frame: 0, file: file.replace(/\.txt$/, ".tif")};
    });
    const expected = new Map<string, Uint32Array>();
    for (const entry of images) {
      const [w, h] = entry.region === "positive" ? [16, 6] : [8, 6];
      const image = knownImage(w, h, 5000, entry.file.length);
      expected.set(entry.file, image.data);
      run.files.set(entry.file, encodeTiff([image], {kind: "uint16"}));
    }
    run.manifest.images = images;
    const {pixels, images: table} = await loadRun(run.manifest, run.readFile);
    expect(table.toArray().map((r) => r.source_file)).toEqual(images.map((i) => i.file).sort());
    const first = table.toArray()[0];
    const firstPixels = pixels.toArray().slice(0, first.width * first.height).map((p) => p[first.ion]);
    expect(firstPixels).toEqual(Array.from(expected.get(first.source_file)!));

    const stackFile = images[0].file;
    run.files.set(stackFile, encodeTiff([knownImage(8, 6), knownImage(8, 6)], {kind: "uint16"}));
    await expect(loadRun(run.manifest, run.readFile)).rejects.toThrow(`${stackFile}: sims-run: has 2 pages; the manifest maps one image per file`);
  });

  it("names the header key and the manifest path when the field of view is in neither", async () => {
    const run = makeRun({frames: 1});
    delete (run.manifest.regions[1] as {fieldOfViewUm?: unknown}).fieldOfViewUm;
    for (const [path, bytes] of run.files) {
      run.files.set(path, encode(new TextDecoder().decode(bytes).replace(/# Field of view \(um\).*\n/, "")));
    }
    await expect(loadRun(run.manifest, run.readFile)).rejects.toThrow(
      'sims/negative/f00/6Li+.txt: sims-run: no field of view: not in the header ("Field of view (um)") nor in the manifest (/regions/1/fieldOfViewUm)'
    );
  });

  it("throws the manifest's problems before reading any file", async () => {
    const run = makeRun({frames: 1});
    run.manifest.frames[0].region = "nowhere";
    let reads = 0;
    await expect(loadRun(run.manifest, async (path) => (reads++, run.readFile(path)))).rejects.toThrow(
      'test-run/manifest.json: manifest: 1 problem: /frames/0/region: region "nowhere" is not declared in /regions'
    );
    expect(reads).toBe(0);
  });
});
