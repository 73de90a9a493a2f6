import type { FeatureChain } from './ast.js';
import { createDiagnostic } from './diagnostic.js';
import type { ModelElement } from './model-element.js';
import type { SysmlDiagnostic } from './model-types.js';
import type { NameResolver } from './name-resolver.js';
import { closest } from './suggest-name.js';

/** Names of the features `owner` inherits: the members of its generals, theirs, and so on. */
export function inheritedNames(resolver: NameResolver, owner: ModelElement): Set<string> {
  const names = new Set<string>();
  const seen = new Set<ModelElement>([owner]);
  const queue = [...resolver.generals(owner)];
  while (queue.length > 0 && seen.size < 10_000) {
    const general = queue.shift() as ModelElement;
    if (seen.has(general)) continue;
    seen.add(general);
    for (const child of general.children) if (child.name) names.add(child.name);
    queue.push(...resolver.generals(general));
  }
  return names;
}

/**
 * For an unresolved `:>> y` / `redefines y` (one simple name) of a feature: the dedicated error
 * `'B::y' redefines 'y', which no general of 'B' has (did you mean 'x'?)`. Undefined when `reference`
 * is not such a redefinition (a qualified name or a chain stays an `unresolved name`).
 */
export function missingRedefinition(
  resolver: NameResolver,
  element: ModelElement,
  reference: FeatureChain,
): SysmlDiagnostic | undefined {
  const node = element.node;
  const owner = element.parent;
  if (node?.type !== 'Usage' || !owner?.node || !node.specification.redefines.includes(reference)) return;
  const [only, ...more] = reference.parts;
  if (!only || more.length > 0 || only.isGlobal || only.segments.length !== 1) return;
  const name = only.segments[0] as string;
  const suggestion = closest(name, inheritedNames(resolver, owner));
  const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  const ownerName = owner.qualifiedName || owner.name || '?';
  const message = `'${element.qualifiedName}' redefines '${name}', which no general of '${ownerName}' has${hint}`;
  return createDiagnostic(only.location, 'missing-redefined-feature', message);
}
