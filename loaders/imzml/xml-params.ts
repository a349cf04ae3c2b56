// One streaming pass over the imzML XML (saxes) that keeps only the controlled-vocabulary parameters the
// reader needs: the file content, the scan settings and, spectrum by spectrum, the scan and the binary
// data arrays, each with the parameters of the referenceable groups it points to already merged in.
import {SaxesParser} from "saxes";
import {ImzmlError} from "./errors.js";

export interface CvParam {
  accession: string;
  value: string;
  unitAccession: string | null;
  line: number;
}

export interface RawSpectrum {
  line: number;
  scans: CvParam[][];
  arrays: CvParam[][];
}

export interface ImzmlXml {
  fileContent: CvParam[];
  scanSettings: {id: string; line: number; params: CvParam[]}[];
  /** `spectrumList/@count` and its line, checked against the spectra found. */
  declaredSpectrumCount: {value: string; line: number} | null;
}

/** Elements whose own `cvParam` and `referenceableParamGroupRef` children we collect. */
const CONTAINERS = new Set(["fileContent", "referenceableParamGroup", "scanSettings", "scan", "binaryDataArray"]);

interface OpenContainer {
  name: string;
  line: number;
  id: string;
  params: CvParam[];
}

const TEXT_ENCODINGS: Record<string, "utf-8" | "latin1"> = {
  "utf-8": "utf-8", utf8: "utf-8", "iso-8859-1": "latin1", "iso8859-1": "latin1", latin1: "latin1", "iso-latin-1": "latin1",
  "windows-1252": "latin1", cp1252: "latin1", "us-ascii": "latin1", ascii: "latin1"
};

/** The text encoding the XML declaration names (UTF-8 when it names none); others are refused. */
function textEncodingOf(bytes: Uint8Array, fileName: string): "utf-8" | "latin1" {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new ImzmlError(fileName, "UTF-16 XML is not read (expected UTF-8 or ISO-8859-1)", {byteOffset: 0});
  }
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 256));
  const declared = /^(?:\u00ef\u00bb\u00bf)?<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
  if (declared === undefined) return "utf-8";
  const encoding = TEXT_ENCODINGS[declared.toLowerCase()];
  if (!encoding) throw new ImzmlError(fileName, `XML encoding "${declared}" is not read (expected UTF-8 or ISO-8859-1)`, {line: 1});
  return encoding;
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * Reads the XML, calling `onSpectrum` at the end of each spectrum (so per-spectrum metadata is not kept).
 * Groups are resolved when referenced: the mzML schema puts the group list before the run.
 */
export function readImzmlXml(bytes: Uint8Array, fileName: string, onSpectrum: (spectrum: RawSpectrum) => void): ImzmlXml {
  const decoder = new TextDecoder(textEncodingOf(bytes, fileName));
  const parser = new SaxesParser({xmlns: false});
  const groups = new Map<string, CvParam[]>();
  const result: ImzmlXml = {fileContent: [], scanSettings: [], declaredSpectrumCount: null};
  const stack: string[] = [];
  let container: OpenContainer | null = null;
  let spectrum: RawSpectrum | null = null;
  const fail = (problem: string): never => {
    throw new ImzmlError(fileName, problem, {line: parser.line});
  };

  parser.on("error", (error) => fail(`not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, "")}`));
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    const parent = stack.at(-1);
    stack.push(name);
    if (CONTAINERS.has(name)) {
      if (container) fail(`<${name}> inside <${container.name}>`);
      container = {name, line: parser.line, id: attributes.id ?? "", params: []};
    } else if (name === "cvParam" && container && parent === container.name) {
      if (attributes.accession === undefined) fail("a cvParam without an accession");
      container.params.push({accession: attributes.accession, value: attributes.value ?? "", unitAccession: attributes.unitAccession ?? null, line: parser.line});
    } else if (name === "referenceableParamGroupRef" && container && parent === container.name) {
      const group = groups.get(attributes.ref ?? "");
      if (!group) fail(`reference to an undefined referenceableParamGroup "${attributes.ref ?? ""}"`);
      container.params.push(...group!);
    } else if (name === "spectrum") {
      if (spectrum) fail("a spectrum inside a spectrum");
      spectrum = {line: parser.line, scans: [], arrays: []};
    } else if (name === "spectrumList") {
      result.declaredSpectrumCount = attributes.count === undefined ? null : {value: attributes.count, line: parser.line};
    }
  });
  parser.on("closetag", (tag) => {
    const name = stack.pop();
    if (name !== localName(tag.name)) fail(`</${tag.name}> closes <${name}>`);
    if (container && name === container.name) {
      const done: OpenContainer = container;
      container = null;
      if (name === "referenceableParamGroup") {
        if (groups.has(done.id)) fail(`two referenceableParamGroups with id "${done.id}"`);
        groups.set(done.id, done.params);
      } else if (name === "fileContent") result.fileContent.push(...done.params);
      else if (name === "scanSettings") result.scanSettings.push({id: done.id, line: done.line, params: done.params});
      else if (spectrum && name === "scan") spectrum.scans.push(done.params);
      else if (spectrum && name === "binaryDataArray") spectrum.arrays.push(done.params);
    } else if (name === "spectrum" && spectrum) {
      onSpectrum(spectrum);
      spectrum = null;
    }
  });

  // Decoded and parsed a megabyte at a time, so a 20 MB export is never held twice as text.
  const step = 1 << 20;
  for (let start = 0; start < bytes.length; start += step) {
    parser.write(decoder.decode(bytes.subarray(start, start + step), {stream: start + step < bytes.length}));
  }
  parser.close();
  return result;
}
