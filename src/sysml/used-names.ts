import type { SysmlDocument } from './ast.js';

/** First segments of the qualified names of each parsed document, recorded by the parser. */
const recorded = new WeakMap<SysmlDocument, ReadonlySet<string>>();

/** Called by `parseSysml`: saves walking the whole tree again to find the packages a document names. */
export function recordUsedNames(document: SysmlDocument, names: ReadonlySet<string>): void {
  recorded.set(document, names);
}

/** First segments of every qualified name written in `value` (an AST), e.g. `ISQ` of `ISQ::mass`. */
function collectFirstSegments(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectFirstSegments(item, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as { type?: unknown; segments?: unknown };
  if (node.type === 'QualifiedName' && Array.isArray(node.segments)) {
    const first = node.segments[0];
    if (typeof first === 'string') into.add(first);
    return;
  }
  for (const key in node) {
    if (key !== 'location') collectFirstSegments((node as Record<string, unknown>)[key], into);
  }
}

/**
 * The first segments of every qualified name `document` writes: the top-level names it may need.
 * Recorded by the parser; a tree built some other way is walked.
 */
export function namesUsedBy(document: SysmlDocument): ReadonlySet<string> {
  const known = recorded.get(document);
  if (known) return known;
  const names = new Set<string>();
  collectFirstSegments(document.members, names);
  recorded.set(document, names);
  return names;
}
