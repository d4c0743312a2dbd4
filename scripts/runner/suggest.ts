/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate the user most likely meant: a name that starts with the input (`verify` →
 * `verify-traces`), else the nearest one within a third of the input's length (typos).
 */
export function closestName(input: string, candidates: Iterable<string>): string | undefined {
  const names = [...candidates];
  const needle = input.toLowerCase();
  const byPrefix = names.find((name) => name.toLowerCase().startsWith(needle));
  if (byPrefix !== undefined && needle.length > 0) return byPrefix;
  const limit = Math.max(2, Math.floor(input.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(needle, name.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
