// A JSON file of the run as a page fetched it (./run-files.ts): its value, or an error naming the file.
/** A JSON file's value; `urlPath` names the file when it is not JSON. */
export function parseJsonFile(bytes: Uint8Array, urlPath: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new Error(`${urlPath}: not JSON (${(error as Error).message})`);
  }
}
