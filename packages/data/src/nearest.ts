/**
 * "Did you mean ...?" for hints: the known name nearest to a misspelt one,
 * only when it is close enough to be a likely typo. One helper for every
 * package (data, indicators, compose, cli), so "nearest" means the same
 * thing for a column, a table, an indicator and a template key.
 */

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein without repeated
 * edits of one substring): insertions, deletions, substitutions and swaps of
 * two neighbours cost one each, so `yaer` is one edit from `year`.
 */
function distance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known name nearest to `name`, when close enough to be a typo: one edit
 * for names up to three characters, else up to a third of the name (at least
 * two edits). A difference in case alone always counts; ties go to the name
 * listed first. Undefined when `name` is itself known or nothing is close.
 *
 * @example nearestName("measures", ["table", "measure", "where"]) // "measure"
 */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = name.length <= 3 ? 1 : Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    if (k === name) return undefined;
    const d = distance(lower, k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}
