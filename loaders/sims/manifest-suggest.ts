/** "Did you mean": the known keys closest to a misspelt one (edit distance, swaps count as one). */

function editDistance(a: string, b: string): number {
  const rows = Array.from({length: a.length + 1}, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** Known keys within a third of the key's length in edits (at least 1), or equal ignoring case; closest first. */
export function closestKeys(key: string, known: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(key.length / 3));
  return known
    .map((name) => ({name, distance: name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name)}))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1))
    .map((c) => c.name);
}

/** The message for an unknown key: a suggestion when one is close, else the keys allowed there. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const close = closestKeys(key, known);
  if (close.length > 0) return `is not a known key; did you mean ${close.map((k) => `"${k}"`).join(" or ")}?`;
  return `is not a known key (known here: ${known.join(", ")})`;
}
