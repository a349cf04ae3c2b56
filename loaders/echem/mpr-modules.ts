import {MprError} from "./errors.js";

/** One module of a BIO-LOGIC MODULAR FILE: its name, version and where its data bytes lie in the file. */
export interface MprModule {
  shortName: string;
  longName: string;
  version: number;
  /** `mm/dd/yy` as written in the module header. */
  date: string;
  headerOffset: number;
  dataOffset: number;
  dataLength: number;
}

export const MPR_MAGIC = "BIO-LOGIC MODULAR FILE\x1a";
const FILE_HEADER_BYTES = 52;
const MODULE_TAG = "MODULE";
// Before EC-Lab 11.50: short(10) long(25) length(u32) version(u32) date(8). From 11.50 on: short(10) long(25)
// max_length(u32, 0xffffffff) length(u32) old_version(u32) new_version(u32) date(8).
const OLD_HEADER_BYTES = 6 + 51;
const NEW_HEADER_BYTES = 6 + 59;

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let text = "";
  for (let i = start; i < start + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

export function hasMprMagic(bytes: Uint8Array): boolean {
  return bytes.length >= MPR_MAGIC.length && ascii(bytes, 0, MPR_MAGIC.length) === MPR_MAGIC;
}

/** Splits the file into modules, checking each header against the file's size and the next `MODULE` tag. */
export function readMprModules(bytes: Uint8Array, file: string): MprModule[] {
  if (bytes.length === 0) throw new MprError(file, "empty file", {byteOffset: 0});
  if (!hasMprMagic(bytes)) throw new MprError(file, "not a BioLogic modular file (no 'BIO-LOGIC MODULAR FILE' magic)", {byteOffset: 0});
  if (bytes.length < FILE_HEADER_BYTES) throw new MprError(file, "file ends inside the file header", {byteOffset: bytes.length});
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const modules: MprModule[] = [];
  let offset = FILE_HEADER_BYTES;
  while (offset < bytes.length) {
    if (ascii(bytes, offset, MODULE_TAG.length) !== MODULE_TAG) {
      throw new MprError(file, `expected 'MODULE' tag, found ${JSON.stringify(ascii(bytes, offset, 6))}`, {byteOffset: offset});
    }
    const module = readModuleHeader(bytes, view, offset, file);
    modules.push(module);
    offset = module.dataOffset + module.dataLength;
  }
  if (modules.length === 0) throw new MprError(file, "file holds no modules", {byteOffset: offset});
  return modules;
}

function endsCleanly(bytes: Uint8Array, end: number): boolean {
  return end === bytes.length || (end < bytes.length && ascii(bytes, end, MODULE_TAG.length) === MODULE_TAG);
}

function readModuleHeader(bytes: Uint8Array, view: DataView, offset: number, file: string): MprModule {
  const names = {shortName: ascii(bytes, offset + 6, 10).replace(/[\s\0]+$/, ""), longName: ascii(bytes, offset + 16, 25).replace(/[\s\0]+$/, "")};
  const lengthAt = offset + 6 + 35;
  if (lengthAt + 16 > bytes.length) throw new MprError(file, `file ends inside the header of module '${names.shortName}'`, {byteOffset: offset});
  const first = view.getUint32(lengthAt, true);
  if (first === 0xffffffff && offset + NEW_HEADER_BYTES <= bytes.length) {
    const dataLength = view.getUint32(lengthAt + 4, true);
    const dataOffset = offset + NEW_HEADER_BYTES;
    if (endsCleanly(bytes, dataOffset + dataLength)) {
      const version = view.getUint32(lengthAt + 8, true) + view.getUint32(lengthAt + 12, true);
      return {...names, version, date: ascii(bytes, lengthAt + 16, 8), headerOffset: offset, dataOffset, dataLength};
    }
  }
  const dataOffset = offset + OLD_HEADER_BYTES;
  if (endsCleanly(bytes, dataOffset + first)) {
    return {...names, version: view.getUint32(lengthAt + 4, true), date: ascii(bytes, lengthAt + 8, 8), headerOffset: offset, dataOffset, dataLength: first};
  }
  const isNewLayout = first === 0xffffffff;
  const declared = isNewLayout ? view.getUint32(lengthAt + 4, true) : first;
  const declaredStart = offset + (isNewLayout ? NEW_HEADER_BYTES : OLD_HEADER_BYTES);
  const problem = declaredStart + declared > bytes.length
    ? `module '${names.shortName}' declares ${declared} data bytes but the file ends ${bytes.length - declaredStart} bytes after its header (truncated file?)`
    : `corrupted header of module '${names.shortName}': its declared length ${declared} does not end at the next 'MODULE' tag or the end of the file`;
  throw new MprError(file, problem, {byteOffset: offset});
}
