import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** Where a path points in the YAML text. */
export interface YamlLocation {
  line: number;
  column: number;
  /** False when the path runs past what the document holds (a missing field): the location is its parent. */
  found: boolean;
}

/** The key of a map pair as the user wrote it (scalars only; complex keys never match a schema field). */
export function pairKeyName(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function positionOf(node: Node | null | undefined, lineCounter: LineCounter): YamlLocation | undefined {
  const start = node?.range?.[0];
  if (start === undefined) return undefined;
  const position = lineCounter.linePos(start);
  return { line: position.line, column: position.col, found: true };
}

/**
 * Walks `path` through the document and returns where it points. A map entry is located at its
 * key (`threshold:`), not its value, because that is where the user looks for a field; a list item
 * at the item. When a segment is missing, the deepest existing ancestor is returned with
 * `found: false` (the document start, 1:1, for a top-level field).
 */
export function locateYamlPath(
  document: Document,
  path: readonly PropertyKey[],
  lineCounter: LineCounter,
): YamlLocation {
  let location: YamlLocation = { line: 1, column: 1, found: true };
  let node: unknown = document.contents;
  for (const segment of path) {
    let next: Node | null | undefined;
    let anchor: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => pairKeyName(item.key) === String(segment));
      next = pair?.value as Node | null | undefined;
      anchor = pair?.key as Node | null | undefined;
      // A key with no value (`threshold:`) has a null value node; the pair still exists.
      if (pair !== undefined && next === null) {
        return { ...(positionOf(anchor, lineCounter) ?? location), found: true };
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment] as Node | null | undefined;
      anchor = next;
    }
    const position = positionOf(anchor, lineCounter);
    if (next === undefined || position === undefined) return { ...location, found: false };
    location = position;
    node = next;
  }
  return location;
}
