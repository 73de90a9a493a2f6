import { createDiagnostic } from './diagnostic.js';
import { allElements, type ModelElement } from './model-element.js';
import type { SysmlDiagnostic } from './model-types.js';
import type { NameResolver } from './name-resolver.js';
import { referencedFeature } from './referenced-feature.js';

const displayName = (element: ModelElement): string =>
  element.name ?? element.shortName ?? element.effectiveName ?? element.qualifiedName;

/**
 * True when `element` may be on a cycle: a definition that specializes something, or a feature that
 * subsets, redefines, references or crosses one. A feature's typing alone leads to definitions, which
 * specialize only definitions, so it never closes a cycle back to the feature.
 */
function mayCycle(element: ModelElement): boolean {
  const node = element.node;
  if (!node || element.fromLibrary) return false;
  if (node.type === 'Definition') return node.specializes.length > 0;
  if (node.type === 'RequirementReference') return true;
  if (node.type !== 'Usage' && node.type !== 'RequirementConstraint') return false;
  const specification = node.specification;
  return (
    specification.subsets.length > 0 ||
    specification.redefines.length > 0 ||
    specification.references !== undefined ||
    specification.crosses !== undefined ||
    (node.type === 'Usage' && referencedFeature(node) !== undefined)
  );
}

/** The written generals of `element` that may close a cycle (the library is taken as given). */
function modelGenerals(resolver: NameResolver, element: ModelElement): ModelElement[] {
  if (!mayCycle(element)) return [];
  return resolver.explicitGenerals(element).filter(mayCycle);
}

/** The strongly connected components of the written-generals graph with more than one element (Tarjan). */
function cyclicComponents(resolver: NameResolver, elements: readonly ModelElement[]): Set<ModelElement>[] {
  const index = new Map<ModelElement, number>();
  const lowLink = new Map<ModelElement, number>();
  const onStack = new Set<ModelElement>();
  const stack: ModelElement[] = [];
  const components: Set<ModelElement>[] = [];
  let counter = 0;
  const edges = new Map<ModelElement, ModelElement[]>();
  const generalsOf = (element: ModelElement): ModelElement[] => {
    let generals = edges.get(element);
    if (!generals) {
      generals = modelGenerals(resolver, element);
      edges.set(element, generals);
    }
    return generals;
  };
  for (const start of elements) {
    // An element without generals that may cycle is a component of its own: no bookkeeping.
    if (index.has(start) || generalsOf(start).length === 0) continue;
    // An explicit work stack: specialization chains can be longer than the call stack is deep.
    const work: { element: ModelElement; generals: ModelElement[]; next: number }[] = [];
    const open = (element: ModelElement): void => {
      index.set(element, counter);
      lowLink.set(element, counter);
      counter += 1;
      stack.push(element);
      onStack.add(element);
      work.push({ element, generals: generalsOf(element), next: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      const general = frame.generals[frame.next];
      frame.next += 1;
      if (general !== undefined) {
        if (!index.has(general) && generalsOf(general).length > 0) open(general);
        else if (onStack.has(general)) {
          lowLink.set(frame.element, Math.min(lowLink.get(frame.element) ?? 0, index.get(general) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        lowLink.set(
          parent.element,
          Math.min(lowLink.get(parent.element) ?? 0, lowLink.get(frame.element) ?? 0),
        );
      }
      if (lowLink.get(frame.element) !== index.get(frame.element)) continue;
      const component = new Set<ModelElement>();
      for (;;) {
        const member = stack.pop() as ModelElement;
        onStack.delete(member);
        component.add(member);
        if (member === frame.element) break;
      }
      if (component.size > 1) components.push(component);
    }
  }
  return components;
}

/** The elements between `start` and itself on the shortest cycle of written generals through it. */
function cycleFrom(
  resolver: NameResolver,
  start: ModelElement,
  component: Set<ModelElement>,
): ModelElement[] {
  const previous = new Map<ModelElement, ModelElement>();
  const pending = [start];
  for (let position = 0; position < pending.length; position += 1) {
    const element = pending[position] as ModelElement;
    for (const general of modelGenerals(resolver, element)) {
      if (!component.has(general)) continue;
      if (general === start) {
        const path: ModelElement[] = [];
        for (
          let step: ModelElement | undefined = element;
          step && step !== start;
          step = previous.get(step)
        ) {
          path.unshift(step);
        }
        return path;
      }
      if (!previous.has(general)) {
        previous.set(general, element);
        pending.push(general);
      }
    }
  }
  return [];
}

/**
 * A closed cycle of specialization is an error: definitions that specialize only one another, or
 * features that subset only one another (`p1 :> p2; p2 :> p3; p3 :> p1;`), declare nothing but each
 * other, so nothing gives them an extent. One error per element on such a cycle, naming it:
 * `'P::p1' subsets itself through p2 → p3 → p1`. A cycle whose members also have a general outside it
 * is an equivalence (KerML: types that specialize each other have the same instances) and is allowed:
 * the standard library's `Links::SelfLink` ends subset each other. Only written relationships count;
 * the direct form (`part p4 :> p4;`) is reported where the name is resolved. See decision 0014.
 */
export function findSpecializationCycles(root: ModelElement, resolver: NameResolver): SysmlDiagnostic[] {
  const elements = allElements(root).filter(mayCycle);
  const componentOf = new Map<ModelElement, Set<ModelElement>>();
  for (const component of cyclicComponents(resolver, elements)) {
    // A cycle whose members also specialize something outside it is an equivalence the library itself
    // uses (`SelfLink`: `thisThing : Anything redefines source subsets sameThing`, and back).
    const closed = [...component].every((member) =>
      resolver.explicitGenerals(member).every((general) => component.has(general)),
    );
    if (closed) for (const member of component) componentOf.set(member, component);
  }
  const diagnostics: SysmlDiagnostic[] = [];
  for (const element of elements) {
    const component = componentOf.get(element);
    const node = element.node;
    if (!component || !node) continue;
    const path = cycleFrom(resolver, element, component);
    const verb = node.type === 'Definition' ? 'specializes' : 'subsets';
    const through = path.map(displayName).join(' → ');
    diagnostics.push(
      createDiagnostic(
        node.location,
        'specialization-cycle',
        `'${element.qualifiedName}' ${verb} itself through ${through} → ${displayName(element)}`,
      ),
    );
  }
  return diagnostics;
}
