import type { QualifiedName } from './ast.js';
import type { ModelElement } from './model-element.js';
import type { NameResolver } from './name-resolver.js';

/** Edit distance between two names (insertions, deletions, substitutions), for "did you mean". */
export function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      current.push(
        Math.min(
          (previous[column] as number) + 1,
          (current[column - 1] as number) + 1,
          (previous[column - 1] as number) + cost,
        ),
      );
    }
    previous = current;
  }
  return previous[right.length] as number;
}

/** The names visible from `scope`: owned and imported members of each enclosing namespace. */
function visibleNames(resolver: NameResolver, scope: ModelElement): Set<string> {
  const names = new Set<string>();
  for (let namespace: ModelElement | undefined = scope; namespace; namespace = namespace.parent) {
    for (const child of namespace.children) if (child.name) names.add(child.name);
    for (const importNode of namespace.imports) {
      const target = resolver.resolveImport(importNode, namespace);
      if (!target || !('element' in target)) continue;
      if (!importNode.importsMembers) {
        if (target.element.name) names.add(target.element.name);
        continue;
      }
      for (const child of target.element.children) if (child.name) names.add(child.name);
    }
  }
  return names;
}

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name || Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * A close spelling of the first segment of `name` that does not resolve, as a whole qualified name:
 * `ScalarValues::Strng` → `ScalarValues::String`. Undefined when nothing is close.
 */
export function suggestName(
  resolver: NameResolver,
  name: QualifiedName,
  scope: ModelElement,
  exclude?: ModelElement,
): string | undefined {
  const [first, ...rest] = name.segments;
  if (first === undefined) return undefined;
  const firstResolution = resolver.resolveQualifiedName(
    { ...name, segments: [first], text: first },
    scope,
    exclude,
  );
  if (!firstResolution || !('element' in firstResolution)) {
    // Only names that resolve are worth suggesting: `alias L1 for L2;` in a cycle is no fix for `L2`.
    const candidates = [...visibleNames(resolver, scope)].filter((candidate) => {
      const resolution = resolver.resolveQualifiedName(
        { ...name, segments: [candidate], text: candidate },
        scope,
      );
      return resolution !== undefined && 'element' in resolution;
    });
    const suggestion = closest(first, candidates);
    return suggestion === undefined ? undefined : [suggestion, ...rest].join('::');
  }
  let current = firstResolution.element;
  const resolved = [first];
  for (const segment of rest) {
    const next = resolver.lookupMember(current, segment, { publicOnly: false });
    if (!next.element) {
      const names = current.children.flatMap((child) => {
        const childName = child.name ?? child.effectiveName;
        return childName === undefined ? [] : [childName];
      });
      const suggestion = closest(segment, names);
      return suggestion === undefined ? undefined : [...resolved, suggestion].join('::');
    }
    current = next.element;
    resolved.push(segment);
  }
  return undefined;
}
