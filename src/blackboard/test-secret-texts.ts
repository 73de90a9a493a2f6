// Test helper shared by the redaction property tests: random texts and values built from secrets,
// their halves and the characters around which a scanner could go wrong.

/** `count` values (texts, and texts as keys and nested values) made of `pieces`, from a fixed seed. */
export function secretPieceValues(
  secrets: readonly string[],
  extra: readonly string[],
  options: { seed: number; count: number; bareText: boolean },
): unknown[] {
  const pieces = [
    ...secrets,
    ...secrets.map((secret) => secret.slice(0, Math.ceil(secret.length / 2))),
    ...['"', "'", '\\', '\n', '\t', ' ', ':', '=', '@', '/', '_', '-', 'key', 'api', 'é'],
    ...extra,
  ];
  let seed = options.seed;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const values: unknown[] = [];
  for (let round = 0; round < options.count; round += 1) {
    const text = Array.from(
      { length: 1 + Math.floor(random() * 4) },
      () => pieces[Math.floor(random() * pieces.length)],
    ).join('');
    const shapes: unknown[] = [{ a: 1, text }, { [text]: 'value' }, { [text]: { n: 1 } }, [1, { k: [text] }]];
    if (options.bareText) shapes.push(text);
    values.push(shapes[round % shapes.length]);
  }
  return values;
}
