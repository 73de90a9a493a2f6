import type { FeatureChain, ImportNode, QualifiedName } from './ast.js';
import { ElementGenerals, scopeOf } from './element-generals.js';
import { allElements, type ModelElement } from './model-element.js';

/** A resolved element, a name that belongs to the standard library, or nothing. */
export type Resolution = { element: ModelElement } | { external: true } | undefined;

interface LookupResult {
  element?: ModelElement;
  /** The name may come from a standard-library import in this scope. */
  external: boolean;
}

interface LookupOptions {
  /** Only members and imports visible from outside (not `private`). */
  publicOnly: boolean;
  /** The element whose own references are being resolved: it never resolves to itself. */
  exclude?: ModelElement;
}

const notFound: LookupResult = { external: false };
const noElements: readonly ModelElement[] = [];

/**
 * Resolves names as SysML does, in simplified form: a name is looked up in the owned, inherited
 * and imported members of each enclosing namespace, walking outward to the root; qualified names
 * then descend through visible members. Results are memoized; cycles resolve to nothing.
 */
export class NameResolver {
  private readonly importCache = new Map<ImportNode, Resolution>();
  private readonly aliasesInProgress = new Set<ModelElement>();
  private importsSettled = false;
  /** Alias lookups cut short by the alias cycle guard (see `ElementGenerals.cycleHits`). */
  private aliasCycleHits = 0;
  private readonly elementGenerals = new ElementGenerals(this);

  private readonly implicitBases = new Map<string, ModelElement | undefined>();
  private readonly lookups = new Map<ModelElement, Map<string, LookupResult>>();
  private readonly publicLookups = new Map<ModelElement, Map<string, LookupResult>>();
  /** The lookups under way, as a stack of (namespace, name, public only). */
  private readonly openNamespaces: ModelElement[] = [];
  private readonly openNames: string[] = [];
  private readonly openPublic: boolean[] = [];
  private lowLink = Number.POSITIVE_INFINITY;
  /** Results a cycle cut short, reused until the outermost lookup ends (a visited set per query). */
  private readonly transientLookups = new Map<ModelElement, Map<string, LookupResult>>();
  private readonly transientPublicLookups = new Map<ModelElement, Map<string, LookupResult>>();
  private readonly memberIndexes = new Map<ModelElement, Map<string, ModelElement[]>>();
  private readonly nameMemo = new Map<
    QualifiedName,
    { scope: ModelElement; exclude: ModelElement | undefined; resolution: Resolution }
  >();

  constructor(private readonly root: ModelElement) {
    this.settleImports(root);
  }

  /** Lookups cut short by a cycle guard so far: a result computed while this grew is not memoized. */
  private get cycleHits(): number {
    return this.aliasCycleHits + this.elementGenerals.cycleHits;
  }

  /** The library element named `qualifiedName`, found by owned names from the root. */
  libraryElement(qualifiedName: string): ModelElement | undefined {
    if (this.implicitBases.has(qualifiedName)) return this.implicitBases.get(qualifiedName);
    let current: ModelElement | undefined = this.root;
    for (const segment of qualifiedName.split('::')) {
      current = current?.children.find((child) => child.name === segment && child.fromLibrary);
    }
    this.implicitBases.set(qualifiedName, current);
    return current;
  }

  /**
   * `lookupMember` without an excluded element, memoized once imports are settled. A result cut short
   * by a cycle guard (generals or aliases in progress) may differ later, so it is not kept.
   */
  private cachedLookup(namespace: ModelElement, name: string, publicOnly: boolean): LookupResult {
    const cache = publicOnly ? this.publicLookups : this.lookups;
    let byName = cache.get(namespace);
    if (!byName) {
      byName = new Map();
      cache.set(namespace, byName);
    }
    const hit = byName.get(name);
    if (hit) return hit;
    const transient = publicOnly ? this.transientPublicLookups : this.transientLookups;
    const transientHit = transient.get(namespace)?.get(name);
    if (transientHit) return transientHit;
    // The open lookups are a stack a few dozen deep at most: a scan beats a map per namespace.
    let open: number | undefined;
    for (let position = this.openNamespaces.length - 1; position >= 0; position -= 1) {
      if (
        this.openNamespaces[position] === namespace &&
        this.openNames[position] === name &&
        this.openPublic[position] === publicOnly
      ) {
        open = position;
        break;
      }
    }
    if (open !== undefined) {
      // An import or specialization cycle leads back to a lookup still open: this path adds nothing,
      // and results below that lookup are complete only once it closes (Tarjan's low-link).
      this.lowLink = Math.min(this.lowLink, open);
      return notFound;
    }
    const depth = this.openNamespaces.length;
    this.openNamespaces.push(namespace);
    this.openNames.push(name);
    this.openPublic.push(publicOnly);
    const outerLowLink = this.lowLink;
    this.lowLink = Number.POSITIVE_INFINITY;
    const cycleHitsBefore = this.cycleHits;
    const result = this.lookupMember(namespace, name, { publicOnly });
    this.openNamespaces.pop();
    this.openNames.pop();
    this.openPublic.pop();
    const complete = this.lowLink >= depth;
    this.lowLink = Math.min(outerLowLink, this.lowLink);
    if (complete && this.importsSettled && this.cycleHits === cycleHitsBefore) byName.set(name, result);
    else if (depth > 0) {
      const transientByName = transient.get(namespace) ?? new Map<string, LookupResult>();
      transient.set(namespace, transientByName.set(name, result));
    }
    if (depth === 0) {
      this.transientLookups.clear();
      this.transientPublicLookups.clear();
    }
    return result;
  }

  /**
   * Resolves `A::B::C` as seen from `scope`. A written name is resolved from one scope for one element
   * (by the checks, the generals and the queries alike), so an outermost resolution is memoized per name.
   */
  resolveQualifiedName(name: QualifiedName, scope: ModelElement, exclude?: ModelElement): Resolution {
    const memo = this.nameMemo.get(name);
    if (memo && memo.scope === scope && memo.exclude === exclude) return memo.resolution;
    const outermost = this.openNamespaces.length === 0 && this.importsSettled;
    const cycleHitsBefore = this.cycleHits;
    const resolution = this.computeQualifiedName(name, scope, exclude);
    if (outermost && this.cycleHits === cycleHitsBefore)
      this.nameMemo.set(name, { scope, exclude, resolution });
    return resolution;
  }

  private computeQualifiedName(name: QualifiedName, scope: ModelElement, exclude?: ModelElement): Resolution {
    const [first, ...rest] = name.segments;
    if (first === undefined) return undefined;
    let sawExternal = false;
    let current: ModelElement | undefined;
    for (let namespace: ModelElement | undefined = scope; namespace; namespace = namespace.parent) {
      if (name.isGlobal && namespace.parent) continue;
      let result =
        exclude && namespace === exclude.parent ? undefined : this.cachedLookup(namespace, first, false);
      if (!result || (exclude && result.element === exclude)) {
        result = this.lookupMember(namespace, first, { publicOnly: false, ...(exclude ? { exclude } : {}) });
      }
      sawExternal ||= result.external;
      if (result.element) {
        current = result.element;
        break;
      }
    }
    if (!current) return sawExternal ? { external: true } : undefined;
    for (const segment of rest) {
      const result: LookupResult = this.cachedLookup(current, segment, true);
      if (!result.element) return result.external ? { external: true } : undefined;
      current = result.element;
    }
    return { element: current };
  }

  /** Resolves a feature chain `a.b.c`: each part is looked up in the features of the previous one. */
  resolveFeatureChain(chain: FeatureChain, scope: ModelElement, exclude?: ModelElement): Resolution {
    const [first, ...rest] = chain.parts;
    if (!first) return undefined;
    let resolution = this.resolveQualifiedName(first, scope, exclude);
    // A chain may start at the feature that declares it: `ref president : Person :> president.term`.
    if (!resolution && exclude && rest.length > 0) resolution = this.resolveQualifiedName(first, scope);
    for (const part of rest) {
      if (!resolution || !('element' in resolution)) return resolution;
      let current: ModelElement = resolution.element;
      for (const segment of part.segments) {
        const result = this.cachedLookup(current, segment, false);
        if (!result.element) return result.external ? { external: true } : undefined;
        current = result.element;
      }
      resolution = { element: current };
    }
    return resolution;
  }

  /** See `ElementGenerals.scopeOf`. */
  scopeOf(element: ModelElement, chain: FeatureChain): ModelElement | undefined {
    return scopeOf(element, chain);
  }

  /** The elements `element` inherits from, written relationships first (see `ElementGenerals`). */
  generals(element: ModelElement): ModelElement[] {
    return this.elementGenerals.generals(element);
  }

  /** The generals of `element` that written relationships name (specializations, types, subsets, …). */
  explicitGenerals(element: ModelElement): ModelElement[] {
    return this.elementGenerals.explicitGenerals(element);
  }

  /** The member named `name` of `namespace`: owned, inherited or imported. */
  member(namespace: ModelElement, name: string): ModelElement | undefined {
    return this.lookupMember(namespace, name, { publicOnly: false }).element;
  }

  /** What an import points at, resolved from the namespace that holds it. */
  resolveImport(importNode: ImportNode, namespace: ModelElement): Resolution {
    if (this.importCache.has(importNode) || !this.importsSettled) return this.importCache.get(importNode);
    return this.resolveQualifiedName(importNode.target, namespace);
  }

  /**
   * Resolves every import of the tree by fixpoint iteration: each pass sees the imports resolved by
   * earlier passes. Imports may depend on one another in cycles (`P1` imports `P2::*`, which imports
   * `P1::*`); iterating keeps that linear where recursive resolution with cycle guards goes exponential.
   */
  private settleImports(root: ModelElement): void {
    const imports = [root, ...allElements(root)].flatMap((namespace) =>
      namespace.imports.map((importNode) => ({ importNode, namespace })),
    );
    for (let pass = 0; pass <= imports.length; pass += 1) {
      let changed = false;
      for (const { importNode, namespace } of imports) {
        const previous = this.importCache.get(importNode);
        if (previous && 'element' in previous) continue;
        const resolution = this.resolveQualifiedName(importNode.target, namespace);
        if (resolution && (!previous || 'element' in resolution)) {
          this.importCache.set(importNode, resolution);
          changed = true;
        }
      }
      if (!changed) break;
    }
    for (const { importNode } of imports) {
      if (!this.importCache.has(importNode)) this.importCache.set(importNode, undefined);
    }
    this.importsSettled = true;
    // Generals computed while imports were still settling may have missed imported names.
    this.elementGenerals.settle();
  }

  /** Follows an alias to the element it names. */
  private followAlias(element: ModelElement): LookupResult {
    const node = element.node;
    if (node?.type !== 'Alias' || !element.parent) return { element, external: false };
    // An alias whose target leads back to itself (`alias A for B; alias B for A;`) names nothing.
    if (this.aliasesInProgress.has(element)) {
      this.aliasCycleHits += 1;
      return notFound;
    }
    this.aliasesInProgress.add(element);
    const target = this.resolveQualifiedName(node.target, element.parent, element);
    this.aliasesInProgress.delete(element);
    if (!target) return notFound;
    return 'element' in target ? { element: target.element, external: false } : { external: true };
  }

  /** The owned members of `namespace` named `name` (by name, short name or effective name), in order. */
  private ownedNamed(namespace: ModelElement, name: string): readonly ModelElement[] {
    let index = this.memberIndexes.get(namespace);
    if (!index) {
      index = new Map();
      for (const child of namespace.children) {
        const keys = new Set([child.name, child.shortName, child.effectiveName]);
        for (const key of keys) {
          if (key === undefined) continue;
          const list = index.get(key);
          if (list) list.push(child);
          else index.set(key, [child]);
        }
      }
      this.memberIndexes.set(namespace, index);
    }
    return index.get(name) ?? noElements;
  }

  /** Looks `name` up among the owned, inherited and imported members of `namespace`. */
  lookupMember(namespace: ModelElement, name: string, options: LookupOptions): LookupResult {
    for (const child of this.ownedNamed(namespace, name)) {
      if (child === options.exclude) continue;
      if (options.publicOnly && child.visibility === 'private') continue;
      return this.followAlias(child);
    }
    let external = false;
    let found: ModelElement | undefined;
    const generals = this.generals(namespace);
    const written = this.elementGenerals.explicitCount(namespace);
    for (let position = 0; position < generals.length; position += 1) {
      const general = generals[position] as ModelElement;
      // Memoized, and cycle-safe through `cachedLookup`; the excluded element is only ever an owned one.
      const result = this.cachedLookup(general, name, true);
      external ||= result.external;
      const inherited = result.element;
      if (!inherited || inherited === options.exclude || inherited === found) continue;
      // Two generals have the name: a feature that redefines the other hides it (KerML 8.3.3.1.6:
      // redefined features are not inherited), so `C :> A, B` sees `B`'s redefinition of `A::f`.
      if (!found || this.elementGenerals.specializes(inherited, found)) found = inherited;
      // Only features are redefined, and only a written general's feature hides another one: a
      // definition found first, or a feature found past the written generals, is the one.
      if (found.node?.type !== 'Usage' || position + 1 >= written) break;
    }
    if (found) return { element: found, external: false };
    for (const importNode of namespace.imports) {
      if (options.publicOnly && importNode.visibility === 'private') continue;
      const imported = this.lookupImported(importNode, namespace, name);
      if (imported.element && imported.element !== options.exclude) return imported;
      external ||= imported.external;
    }
    return { external };
  }

  private lookupImported(
    importNode: ImportNode,
    namespace: ModelElement,
    name: string,
    visited = new Set<ModelElement>(),
  ): LookupResult {
    const lastSegment = importNode.target.segments[importNode.target.segments.length - 1];
    const target = this.resolveImport(importNode, namespace);
    if (!target) return notFound;
    if (!('element' in target)) return notFound;
    if (!importNode.importsMembers) {
      if (lastSegment === name) return { element: target.element, external: false };
      return importNode.isRecursive
        ? this.lookupNested(target.element, name, importNode.isAll, visited)
        : notFound;
    }
    const direct = this.cachedLookup(target.element, name, !importNode.isAll);
    if (direct.element || !importNode.isRecursive) return direct;
    return this.lookupNested(target.element, name, importNode.isAll, visited);
  }

  /**
   * Searches the visible members of `namespace` and, recursively, of its visible owned namespaces, for
   * recursive imports (`::**`). Visible members include those a namespace imports publicly (KerML
   * `visibleMemberships`): `import V::**` sees what `V` and its packages re-export.
   */
  private lookupNested(
    namespace: ModelElement,
    name: string,
    all: boolean,
    visited: Set<ModelElement>,
  ): LookupResult {
    if (visited.has(namespace)) return notFound;
    visited.add(namespace);
    for (const child of this.ownedNamed(namespace, name)) {
      if (all || child.visibility !== 'private') return this.followAlias(child);
    }
    for (const importNode of namespace.imports) {
      if (!all && importNode.visibility === 'private') continue;
      const imported = this.lookupImported(importNode, namespace, name, visited);
      if (imported.element) return imported;
    }
    for (const child of namespace.children) {
      if (!all && child.visibility === 'private') continue;
      const nested = this.lookupNested(child, name, all, visited);
      if (nested.element) return nested;
    }
    return notFound;
  }
}
