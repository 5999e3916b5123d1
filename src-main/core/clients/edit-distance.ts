/**
 * Whether two words are within one edit of each other, counting an adjacent
 * swap as one edit (Damerau, "smiht" → "smith"), as the forgiving search's
 * typo rule needs (docs/forgiving-search.md). Works on code points, so a
 * letter outside the Basic Multilingual Plane counts once.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (from: string[], skip: number, to: string[], skipTo: number) => from.slice(i + skip).join('') === to.slice(i + skipTo).join('');
  if (x.length === y.length) {
    // One letter changed, or two neighbours swapped.
    if (rest(x, 1, y, 1)) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && rest(x, 2, y, 2);
  }
  // One letter added or dropped.
  return x.length > y.length ? rest(x, 1, y, 0) : rest(x, 0, y, 1);
}

/**
 * The word with each one of its letters left out in turn: two words within one
 * edit always share one of these (or one is the other), so indexing them turns
 * "find every name one edit from this" into a few exact lookups.
 */
export function deletionVariants(word: string): string[] {
  const letters = [...word];
  const out = new Set<string>();
  for (let i = 0; i < letters.length; i++) out.add([...letters.slice(0, i), ...letters.slice(i + 1)].join(''));
  return [...out];
}
