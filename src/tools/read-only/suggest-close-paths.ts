/** Edit distance, one row at a time: paths are short and the scan is capped at a few thousand. */
function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The workspace paths closest to a path that does not exist, so a model that guessed
 * `src/db/pool.js` is pointed at `src/db/pool.ts` instead of giving up.
 */
export function suggestClosePaths(path: string, candidates: readonly string[], limit = 3): string[] {
  const wanted = path.toLowerCase();
  const wantedBase = baseName(wanted);
  const scored = candidates.map((candidate) => {
    const lower = candidate.toLowerCase();
    // A matching file name in another folder is the commonest slip: rank it first.
    const sameBase = baseName(lower) === wantedBase ? 0 : 1;
    return { candidate, sameBase, distance: editDistance(wanted, lower) };
  });
  scored.sort(
    (left, right) =>
      left.sameBase - right.sameBase ||
      left.distance - right.distance ||
      left.candidate.localeCompare(right.candidate),
  );
  const tolerance = Math.max(3, Math.floor(wanted.length / 2));
  return scored
    .filter((entry) => entry.sameBase === 0 || entry.distance <= tolerance)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
