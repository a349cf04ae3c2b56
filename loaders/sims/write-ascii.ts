/**
 * Writes an ion image in the ASCII export layout of docs/data-model.md: a `#` header of `key: value`
 * lines, then a matrix (one line per pixel row, top row first) or an `x y counts` listing.
 * The reference dataset writes its images with this; the tests write every layout the reader accepts.
 */

export interface AsciiImageHeader {
  sample?: string;
  region?: string;
  ion?: string;
  massU?: number;
  fieldOfViewUm?: [number, number];
  scans?: number;
  totalCounts?: number;
  acquisitionStart?: string;
  acquisitionEnd?: string;
  doseIonsPerCm2?: number;
  extra?: Record<string, string>;
}

export interface AsciiWriteOptions {
  layout?: "matrix" | "listing";
  separator?: "\t" | " " | "," | ";";
  decimalComma?: boolean;
  lineEnding?: "\n" | "\r\n";
}

/** Shortest round-tripping decimal (`String`), exponent written `1e21` rather than `1e+21`. */
function formatNumber(value: number, decimalComma: boolean): string {
  if (!Number.isFinite(value)) throw new RangeError(`writeAsciiImage: ${value} is not a finite number`);
  const text = String(value).replace("e+", "e");
  return decimalComma ? text.replace(".", ",") : text;
}

/** Doses are written like the instrument does, `1.2e13`. */
function formatDose(value: number, decimalComma: boolean): string {
  if (!Number.isFinite(value)) throw new RangeError(`writeAsciiImage: dose ${value} is not a finite number`);
  const text = Math.abs(value) >= 1e6 ? value.toExponential().replace("e+", "e") : String(value);
  return decimalComma ? text.replace(".", ",") : text;
}

function oneLine(text: string, key: string): string {
  if (/[\r\n]/.test(text)) throw new RangeError(`writeAsciiImage: header value of "${key}" contains a line break`);
  return text;
}

export function writeAsciiImage(
  image: {data: ArrayLike<number>; width: number; height: number},
  header: AsciiImageHeader,
  options: AsciiWriteOptions = {}
): string {
  const {width, height, data} = image;
  const layout = options.layout ?? "matrix";
  const separator = options.separator ?? "\t";
  const decimalComma = options.decimalComma ?? false;
  const eol = options.lineEnding ?? "\n";
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`writeAsciiImage: image size ${width} x ${height} is not a positive integer size`);
  }
  if (data.length !== width * height) {
    throw new RangeError(`writeAsciiImage: ${data.length} values for a ${width} x ${height} image`);
  }
  if (decimalComma && separator === ",") {
    throw new RangeError("writeAsciiImage: a decimal comma needs a separator other than a comma");
  }
  const num = (value: number) => formatNumber(value, decimalComma);

  const lines = ["# IONTOF SurfaceLab image export"];
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`# ${key}: ${oneLine(value, key)}`);
  };
  add("Sample", header.sample);
  add("Region", header.region);
  add("Ion", header.ion);
  add("Mass (u)", header.massU === undefined ? undefined : num(header.massU));
  add("Field of view (um)", header.fieldOfViewUm && `${num(header.fieldOfViewUm[0])} x ${num(header.fieldOfViewUm[1])}`);
  add("Pixels", `${width} x ${height}`);
  add("Scans", header.scans === undefined ? undefined : num(header.scans));
  add("Total counts", header.totalCounts === undefined ? undefined : num(header.totalCounts));
  add("Acquisition start", header.acquisitionStart);
  add("Acquisition end", header.acquisitionEnd);
  add("Primary ion dose (ions/cm^2)", header.doseIonsPerCm2 === undefined ? undefined : formatDose(header.doseIonsPerCm2, decimalComma));
  for (const [key, value] of Object.entries(header.extra ?? {})) {
    if (/[:=\r\n]/.test(key) || key.trim() === "") throw new RangeError(`writeAsciiImage: bad extra header key "${key}"`);
    add(key, value);
  }

  const row: string[] = new Array(layout === "matrix" ? width : 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const text = num(data[y * width + x]);
      if (layout === "matrix") {
        row[x] = text;
      } else {
        row[0] = String(x);
        row[1] = String(y);
        row[2] = text;
        lines.push(row.join(separator));
      }
    }
    if (layout === "matrix") lines.push(row.join(separator));
  }
  return lines.join(eol) + eol;
}
