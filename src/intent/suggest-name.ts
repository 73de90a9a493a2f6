/**
 * Edit distance counting an adjacent swap as one edit (optimal string alignment), because swapped
 * letters (`modle`, `qourum`) are the commonest typo in hand-written keys. Inputs are short field
 * names, so the O(n·m) table is fine.
 */
export function editDistance(left: string, right: string): number {
  const table: number[][] = Array.from({ length: left.length + 1 }, (_, row) =>
    Array.from({ length: right.length + 1 }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const at = (row: number, column: number): number => table[row]?.[column] ?? 0;
  for (let row = 1; row <= left.length; row++) {
    for (let column = 1; column <= right.length; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
      if (
        row > 1 &&
        column > 1 &&
        left[row - 1] === right[column - 2] &&
        left[row - 2] === right[column - 1]
      ) {
        best = Math.min(best, at(row - 2, column - 2) + 1);
      }
      const cells = table[row];
      if (cells !== undefined) cells[column] = best;
    }
  }
  return at(left.length, right.length);
}

/**
 * The known name closest to `name`, if it is close enough to be a plausible typo: at most a third
 * of the name's length in edits (at least 1, at most 3). Case differences count as one edit at most.
 */
export function suggestName(name: string, known: readonly string[]): string | undefined {
  const budget = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance =
      candidate.toLowerCase() === name.toLowerCase() ? 1 : editDistance(name.toLowerCase(), candidate);
    if (distance <= budget && (best === undefined || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name;
}
