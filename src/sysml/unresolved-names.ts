import type { FeatureChain, QualifiedName } from './ast.js';
import { createDiagnostic } from './diagnostic.js';
import { missingRedefinition } from './missing-redefinition.js';
import { allElements, type ModelElement } from './model-element.js';
import type { SysmlDiagnostic } from './model-types.js';
import type { NameResolver } from './name-resolver.js';
import { referencedFeature } from './referenced-feature.js';
import { suggestName } from './suggest-name.js';
import { unresolvedChainStep } from './unresolved-chain.js';

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
      ...(node.type === 'Usage' ? [referencedFeature(node)].filter((chain) => chain !== undefined) : []),
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

/** How `element`'s declaration relates it to `reference`: `specializes`, `subsets`, `is typed by`, … */
function relation(element: ModelElement, reference: FeatureChain): string {
  const node = element.node;
  if (!node || !('specification' in node)) return 'specializes';
  const specification = node.specification;
  if (specification.typings.some((typing) => typing.target === reference)) return 'is typed by';
  if (specification.redefines.includes(reference)) return 'redefines';
  if (specification.references === reference) return 'references';
  return 'subsets';
}

/**
 * One `unresolved-name` error per reference (and import) that resolves to nothing, with a close
 * spelling when there is one: `unresolved name 'ScalarValues::Strng' (did you mean 'ScalarValues::String'?)`.
 * Library elements are not checked: the library is taken as given.
 */
export function findUnresolvedNames(root: ModelElement, resolver: NameResolver): SysmlDiagnostic[] {
  const diagnostics: SysmlDiagnostic[] = [];
  const report = (name: QualifiedName, text: string, scope: ModelElement, exclude?: ModelElement): void => {
    const suggestion = suggestName(resolver, name, scope, exclude);
    const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
    diagnostics.push(createDiagnostic(name.location, 'unresolved-name', `unresolved name '${text}'${hint}`));
  };
  for (const namespace of [root, ...allElements(root)]) {
    if (namespace.fromLibrary) continue;
    for (const importNode of namespace.imports) {
      if (!resolver.resolveImport(importNode, namespace))
        report(importNode.target, importNode.target.text, namespace);
    }
    const scope = namespace.parent;
    if (!scope) continue;
    for (const reference of referencesOf(namespace)) {
      const referenceScope = resolver.scopeOf(namespace, reference) ?? scope;
      if (resolver.resolveFeatureChain(reference, referenceScope, namespace)) continue;
      const missing = missingRedefinition(resolver, namespace, reference);
      if (missing) {
        diagnostics.push(missing);
        continue;
      }
      const itself = resolver.resolveFeatureChain(reference, referenceScope);
      // Only a declared name can name itself: `variant v;` is named by the `v` it references.
      const declared = namespace.name !== undefined || namespace.shortName !== undefined;
      if (declared && itself && 'element' in itself && itself.element === namespace) {
        // `part p4 :> p4;`: the name resolves, to the element itself: a closed cycle of one.
        const message = `'${namespace.qualifiedName}' ${relation(namespace, reference)} itself`;
        diagnostics.push(createDiagnostic(reference.location, 'specialization-cycle', message));
        continue;
      }
      const step = unresolvedChainStep(resolver, reference, referenceScope, namespace);
      if (step) diagnostics.push(step);
      else report(reference.parts[0] as QualifiedName, reference.text, referenceScope, namespace);
    }
  }
  return diagnostics;
}
