import type { FeatureChain } from './ast.js';
import { createDiagnostic } from './diagnostic.js';
import { inheritedNames } from './missing-redefinition.js';
import type { ModelElement } from './model-element.js';
import type { SysmlDiagnostic } from './model-types.js';
import type { NameResolver } from './name-resolver.js';
import { closest } from './suggest-name.js';

/** The names of the features of `element`: its own and those it inherits. */
function featureNames(resolver: NameResolver, element: ModelElement): Set<string> {
  const names = inheritedNames(resolver, element);
  for (const child of element.children) {
    const name = child.name ?? child.effectiveName;
    if (name !== undefined) names.add(name);
  }
  return names;
}

/**
 * For a chain `a.b.c` whose first part resolves but a later one does not: the error at that part,
 * with a close spelling among the features of the step before it —
 * `unresolved name 'asPresidnt' in 'bad.asPresidnt' (did you mean 'asPresident'?)`. Undefined when the
 * first part is the one that does not resolve (the plain `unresolved-name` error covers it).
 */
export function unresolvedChainStep(
  resolver: NameResolver,
  chain: FeatureChain,
  scope: ModelElement,
  exclude: ModelElement,
): SysmlDiagnostic | undefined {
  let previous: ModelElement | undefined;
  for (let count = 1; count <= chain.parts.length; count += 1) {
    const prefix: FeatureChain = { ...chain, parts: chain.parts.slice(0, count) };
    // The first part may be the declaring feature itself (`ref p :> p.term`), as the resolver allows.
    const resolution =
      count === 1
        ? (resolver.resolveFeatureChain(prefix, scope, exclude) ??
          resolver.resolveFeatureChain(prefix, scope))
        : resolver.resolveFeatureChain(prefix, scope, exclude);
    if (resolution && 'element' in resolution) {
      previous = resolution.element;
      continue;
    }
    const part = chain.parts[count - 1];
    if (!previous || !part || resolution) return undefined;
    const suggestion = closest(part.text, featureNames(resolver, previous));
    const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
    const message = `unresolved name '${part.text}' in '${chain.text}'${hint}`;
    return createDiagnostic(part.location, 'unresolved-name', message);
  }
  return undefined;
}
