import type { FeatureChain, QualifiedName } from './ast.js';
import { binaryBaseType, implicitRedefinitions } from './implicit-generals.js';
import type { ModelElement } from './model-element.js';
import { referencedFeature } from './referenced-feature.js';
import { semanticBaseTypes } from './semantic-metadata.js';
import { actionBaseTypes, implicitBaseTypes, implicitFeatureBase } from './standard-library.js';

/** A resolved element, a name of the standard library, or nothing (as `NameResolver` resolves). */
type Resolution = { element: ModelElement } | { external: true } | undefined;

/** What computing generals needs from the name resolver. */
export interface GeneralsResolver {
  resolveQualifiedName(name: QualifiedName, scope: ModelElement, exclude?: ModelElement): Resolution;
  resolveFeatureChain(chain: FeatureChain, scope: ModelElement, exclude?: ModelElement): Resolution;
  libraryElement(qualifiedName: string): ModelElement | undefined;
  member(namespace: ModelElement, name: string): ModelElement | undefined;
}

/**
 * The scope `chain`, written in `element`'s declaration, is resolved in: the element's owner, except
 * for the feature an end of a connector references (`end e references a;`), which is found where the
 * connector is declared, not among the connector's own (inherited) ends such as `source`.
 */
export function scopeOf(element: ModelElement, chain: FeatureChain): ModelElement | undefined {
  const owner = element.parent;
  const node = element.node;
  const isEndReference = node?.type === 'Usage' && node.isEnd && node.specification.references === chain;
  return isEndReference && owner?.node?.type === 'Usage' && owner.parent ? owner.parent : owner;
}

/** The generals of every element, memoized; see `generals`. */
export class ElementGenerals {
  private readonly cache = new Map<ModelElement, ModelElement[]>();
  /** How many of an element's generals, at the front, come from written relationships. */
  private readonly explicitCounts = new Map<ModelElement, number>();
  /** Written generals of elements whose full generals were not needed (see `explicitGenerals`). */
  private readonly explicitCache = new Map<ModelElement, ModelElement[]>();
  /** The generals found so far of the elements whose generals are being computed. */
  private readonly inProgress = new Map<ModelElement, ModelElement[]>();
  private settled = false;
  /**
   * Counts computations cut short by the cycle guard. A result computed while this grew may miss
   * something that resolves later, so it is not memoized (here or by the resolver's lookups).
   */
  cycleHits = 0;

  constructor(private readonly resolver: GeneralsResolver) {}

  /** Imports are settled: generals computed before may have missed imported names. */
  settle(): void {
    this.cache.clear();
    this.settled = true;
  }

  /**
   * The generals of `element` that written relationships name (specializations, types, subsets, …),
   * without computing the implicit ones when they are not known yet (the cycle check needs only these).
   */
  explicitGenerals(element: ModelElement): ModelElement[] {
    const generals = this.cache.get(element);
    if (generals) return generals.slice(0, this.explicitCounts.get(element) ?? generals.length);
    const cached = this.explicitCache.get(element);
    if (cached) return cached;
    const explicit: ModelElement[] = [];
    const cycleHitsBefore = this.cycleHits;
    this.addExplicitGenerals(element, (resolution) => {
      const general = resolution && 'element' in resolution ? resolution.element : undefined;
      if (general && general !== element && !explicit.includes(general)) explicit.push(general);
    });
    if (this.cycleHits === cycleHitsBefore && this.settled) this.explicitCache.set(element, explicit);
    return explicit;
  }

  /** How many of `generals(element)`, at the front, come from written relationships. */
  explicitCount(element: ModelElement): number {
    return this.explicitCounts.get(element) ?? this.generals(element).length;
  }

  private addExplicitGenerals(element: ModelElement, add: (resolution: Resolution) => void): void {
    const node = element.node;
    const scope = element.parent;
    if (!node || !scope) return;
    if (node.type === 'Definition') {
      for (const name of node.specializes) add(this.resolver.resolveQualifiedName(name, scope, element));
      return;
    }
    if (
      node.type !== 'Usage' &&
      node.type !== 'RequirementConstraint' &&
      node.type !== 'RequirementReference'
    )
      return;
    const specification = node.specification;
    const chains = [
      ...specification.typings.map((typing) => typing.target),
      ...specification.subsets,
      ...specification.redefines,
      ...(specification.references ? [specification.references] : []),
      // Cross subsetting is a subsetting (KerML 8.3.3.3.4): `end cart crosses cart::pa.inCart`.
      ...(specification.crosses ? [specification.crosses] : []),
      ...(node.type === 'RequirementReference' ? [node.target] : []),
    ];
    const referenced = node.type === 'Usage' ? referencedFeature(node) : undefined;
    if (referenced) chains.push(referenced);
    for (const chain of chains) {
      add(this.resolver.resolveFeatureChain(chain, scopeOf(element, chain) ?? scope, element));
    }
  }

  /** The library base type of `kind` (`part` → `Parts::Part`), when the library is loaded. */
  private implicitBase(kind: string): ModelElement | undefined {
    const qualifiedName = implicitBaseTypes[kind] ?? actionBaseTypes[kind.replace(/^action /, '')];
    return qualifiedName === undefined ? undefined : this.resolver.libraryElement(qualifiedName);
  }

  /**
   * The elements `element` inherits from: first those its written relationships name (the specialized
   * definitions of a definition; the types, subsetted, redefined, referenced and crossed features of a
   * usage), then the implicit ones: the ends, parameters, result, objective and subject of the owner's
   * generals it redefines; the variation of a variant; the enum def of an enum value; semantic
   * metadata's base type; the kind's library base; `Base::things`.
   */
  generals(element: ModelElement): ModelElement[] {
    const cached = this.cache.get(element);
    if (cached) return cached;
    const node = element.node;
    const scope = element.parent;
    if (!node || !scope) return [];
    const partial = this.inProgress.get(element);
    if (partial) {
      // A lookup inside the element's own declaration (`ref president : Person :> president.term`)
      // sees the generals found so far: the types come first.
      this.cycleHits += 1;
      return [...partial];
    }
    const cycleHitsBefore = this.cycleHits;
    const generals: ModelElement[] = [];
    this.inProgress.set(element, generals);
    const addElement = (general: ModelElement | undefined): void => {
      if (general && general !== element && !generals.includes(general)) generals.push(general);
    };
    this.addExplicitGenerals(element, (resolution) => {
      if (resolution && 'element' in resolution) addElement(resolution.element);
    });
    const explicitCount = generals.length;
    for (const redefined of implicitRedefinitions(this, element)) addElement(redefined);
    const owner = scope.node;
    // A variant is one of its variation's values (SysML 7.6.6): it has the variation's features.
    const inVariation = (owner?.type === 'Definition' || owner?.type === 'Usage') && owner.isVariation;
    if (node.type === 'Usage' && node.keywords?.includes('variant') && inVariation) addElement(scope);
    if (
      node.type === 'Usage' &&
      owner?.type === 'Definition' &&
      owner.kind === 'enum' &&
      node.kind !== 'attribute'
    )
      addElement(scope);
    if (node.type === 'Definition' || node.type === 'Usage') {
      // `#service def S`: semantic metadata makes S specialize the metadata def's `baseType`.
      for (const name of node.metadata ?? []) {
        const metadata = this.resolver.resolveQualifiedName(name, scope, element);
        if (metadata && 'element' in metadata) {
          for (const base of semanticBaseTypes(this.resolver, metadata.element, element)) addElement(base);
        }
      }
    }
    if ((node.type === 'Definition' || node.type === 'Usage') && node.kind) {
      // A definition or usage specializes its kind's library base (SysML 8.4: `part def` → `Parts::Part`,
      // a binary `connection def` → `BinaryConnection`), searched after the explicit generals.
      const action = node.clauses?.find((clause) => clause.keyword in actionBaseTypes)?.keyword;
      const binary = binaryBaseType(element);
      addElement(
        binary === undefined
          ? this.implicitBase(action === undefined ? node.kind : `action ${action}`)
          : this.resolver.libraryElement(binary),
      );
    }
    if (node.type !== 'Definition' && node.type !== 'Package' && node.type !== 'Alias') {
      // Every feature subsets `Base::things`, whose `that` and `self` every feature sees.
      addElement(this.resolver.libraryElement(implicitFeatureBase));
    }
    this.inProgress.delete(element);
    this.explicitCounts.set(element, explicitCount);
    if (this.cycleHits === cycleHitsBefore && this.settled) this.cache.set(element, generals);
    return generals;
  }

  /** True when `general` is among the generals of `element`, transitively. */
  specializes(element: ModelElement, general: ModelElement): boolean {
    const seen = new Set<ModelElement>([element]);
    const pending = [element];
    while (pending.length > 0 && seen.size < 10_000) {
      for (const next of this.generals(pending.pop() as ModelElement)) {
        if (next === general) return true;
        if (!seen.has(next)) {
          seen.add(next);
          pending.push(next);
        }
      }
    }
    return false;
  }
}
