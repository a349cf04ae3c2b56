/**
 * One seeded mutation of a file for the fuzz tests: bit flips, a truncation, inserted bytes (often one of the
 * format's `interesting` bytes: separators, digits, markers), deleted bytes or a duplicated slice.
 */
export function mutate(bytes: Uint8Array, random: () => number, interesting: readonly number[]): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  const out = Array.from(bytes);
  const kind = pick(5);
  for (let r = 0, rounds = 1 + pick(4); r < rounds; r++) {
    const at = pick(out.length + 1);
    if (kind === 0 && out.length > 0) out[Math.min(at, out.length - 1)] ^= 1 << pick(8);
    else if (kind === 1) out.length = pick(out.length + 1);
    else if (kind === 2) out.splice(at, 0, random() < 0.7 ? interesting[pick(interesting.length)]! : pick(256));
    else if (kind === 3) out.splice(at, 1 + pick(8));
    else out.splice(at, 0, ...out.slice(pick(out.length), pick(out.length)).slice(0, 64));
  }
  return Uint8Array.from(out);
}
