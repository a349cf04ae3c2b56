/**
 * Paths a manifest leads to, checked as text (no file system here): relative, with `/` between parts and
 * no part that climbs out (`..`) or names the folder itself (`.`), so that joined to the run folder they stay
 * inside it. bin/run-folder.ts then checks where symbolic links lead.
 */

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `path` cannot be a file inside the run folder, or undefined when it can. */
export function runPathProblem(path: string): string | undefined {
  if (path === "") return "is empty";
  if (CONTROL.test(path)) return "contains a control character";
  if (path.includes("\\")) return "contains \\ (write / between folders)";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute; paths are relative to the run folder";
  const parts = path.split("/");
  if (parts.some((part) => part === "..")) return "climbs out of its folder (..); paths stay inside the run folder";
  if (parts.some((part) => part === "." || part === "")) return "has an empty or . part";
  return undefined;
}

/** An image path from the manifest's pattern; `{frame}` is the frame index zero-padded to 2 digits. */
export function expandPattern(pattern: string, region: string, ion: string, frame: number): string {
  return pattern
    .replaceAll("{region}", region)
    .replaceAll("{ion}", ion)
    .replaceAll("{frame}", String(frame).padStart(2, "0"));
}
