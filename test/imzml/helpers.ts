import {readFileSync} from "node:fs";
import {ibdFromBytes, openImzmlPair, type ImzmlFile} from "@operando/loaders/imzml/index";
import {SHARED_FIXTURES} from "../shared-fixtures.js";

export const IMZML_FIXTURES = `${SHARED_FIXTURES}imzml/`;

export function fixturePair(name: string): {xml: Uint8Array; ibd: Uint8Array} {
  return {xml: new Uint8Array(readFileSync(`${IMZML_FIXTURES}${name}.imzML`)), ibd: new Uint8Array(readFileSync(`${IMZML_FIXTURES}${name}.ibd`))};
}

export function openPair(xml: Uint8Array | string, ibd: Uint8Array, name = "test"): Promise<ImzmlFile> {
  const bytes = typeof xml === "string" ? new TextEncoder().encode(xml) : xml;
  return openImzmlPair(bytes, `${name}.imzML`, ibdFromBytes(ibd, `${name}.ibd`));
}

/** The fixture's XML as text (each fixture declares ISO-8859-1), to make variants of it. */
export function fixtureXmlText(name: string): string {
  return new TextDecoder("latin1").decode(fixturePair(name).xml);
}

export const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
