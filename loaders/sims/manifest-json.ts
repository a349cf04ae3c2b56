/**
 * JSON text of a run's files (manifest, ROI file, truth) parsed strictly: `JSON.parse` keeps the last of two
 * equal keys without a word, so the text is scanned for them; each problem carries its 1-based line.
 */

export interface JsonProblem {
  /** Absent when the JSON parser does not say where (Node 20 gives no position for some errors). */
  line?: number;
  message: string;
}

export type JsonResult = {value: unknown} | {problems: JsonProblem[]};

const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/** `JSON.parse`, or every problem of the text (a syntax error, or each key given twice in one object). */
export function parseJsonStrictly(text: string): JsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Without the quoted text that some versions of V8 put in the message: it may span lines.
    const message = (error as Error).message.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    const position = /position (\d+)/.exec(message);
    return {problems: [{...(position ? {line: lineAt(text, Number(position[1]))} : {}), message: `not JSON: ${message}`}]};
  }
  const problems = duplicateKeys(text);
  return problems.length > 0 ? {problems} : {value};
}

interface Container {
  path: string;
  /** Keys seen so far with their lines (objects); null for arrays. */
  keys: Map<string, number> | null;
  expectKey: boolean;
  index: number;
  lastKey?: string;
}

/** Keys that appear twice in one object. The text is valid JSON (checked first), so a light scan suffices. */
function duplicateKeys(text: string): JsonProblem[] {
  const problems: JsonProblem[] = [];
  const stack: Container[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack.at(-1);
    if (c === "\n") line++;
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const earlier = top.keys.get(key);
        if (earlier !== undefined) problems.push({line, message: `key "${key}" appears twice in ${top.path || "/"} (also line ${earlier}); JSON keeps only the last`});
        else top.keys.set(key, line);
        top.lastKey = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === "{" || c === "[") {
      const path = top ? `${top.path}/${top.keys ? top.lastKey : top.index}` : "";
      stack.push({path, keys: c === "{" ? new Map() : null, expectKey: true, index: 0});
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === "," && top) {
      if (top.keys) top.expectKey = true;
      else top.index++;
    }
  }
  return problems;
}
