import type { FeatureChain } from './ast.js';
import { createDiagnostic } from './diagnostic.js';
import { allElements, type ModelElement } from './model-element.js';
import type { SysmlDiagnostic } from './model-types.js';
import type { NameResolver } from './name-resolver.js';

/** The references of an element that must resolve: specializations, types, subsets, redefinitions. */
function referencesOf(element: ModelElement): FeatureChain[] {
  const node = element.node;
  if (!node) return [];
  if (node.type === 'Definition') {
    return node.specializes.map((name) => ({
      type: 'FeatureChain',
      parts: [name],
      text: name.text,
      location: name.location,
    }));
  }
  if (
    node.type === 'Usage' ||
    node.type === 'RequirementConstraint' ||
    node.type === 'RequirementReference'
  ) {
    const specification = node.specification;
    return [
      ...(node.type === 'RequirementReference' ? [node.target] : []),
      ...specification.typings.map((typing) => typing.target),
      ...specification.subsets,
      ...specification.redefines,
      ...(specification.references ? [specification.references] : []),
    ];
  }
  if (node.type === 'Alias') {
    return [
      { type: 'FeatureChain', parts: [node.target], text: node.target.text, location: node.target.location },
    ];
  }
  return [];
}

/** One `unresolved-name` error per reference (and import) that resolves to nothing. */
export function findUnresolvedNames(root: ModelElement, resolver: NameResolver): SysmlDiagnostic[] {
  const diagnostics: SysmlDiagnostic[] = [];
  const report = (chain: { text: string; location: FeatureChain['location'] }): void => {
    diagnostics.push(createDiagnostic(chain.location, 'unresolved-name', `unresolved name '${chain.text}'`));
  };
  for (const namespace of [root, ...allElements(root)]) {
    for (const importNode of namespace.imports) {
      if (!resolver.resolveImport(importNode, namespace)) report(importNode.target);
    }
    const scope = namespace.parent;
    if (!scope) continue;
    for (const reference of referencesOf(namespace)) {
      if (!resolver.resolveFeatureChain(reference, scope, namespace)) report(reference);
    }
  }
  return diagnostics;
}
