import { createDiagnostic } from './diagnostic.js';
import { allElements, type ModelElement } from './model-element.js';
import type { SysmlDiagnostic } from './model-types.js';
import type { NameResolver } from './name-resolver.js';
import { findSpecializationCycles } from './specialization-cycles.js';

/** What each definition kind may specialize besides itself (SysML 8.3: part ⊂ item ⊂ occurrence, …). */
const broader: Readonly<Record<string, readonly string[]>> = {
  part: ['item', 'occurrence'],
  item: ['occurrence'],
  port: ['occurrence'],
  connection: ['part', 'item', 'occurrence'],
  interface: ['connection', 'part', 'item', 'occurrence'],
  allocation: ['connection', 'part', 'item', 'occurrence'],
  flow: ['connection', 'action', 'occurrence'],
  action: ['occurrence'],
  state: ['action', 'occurrence'],
  calc: ['action', 'occurrence'],
  constraint: ['occurrence'],
  requirement: ['constraint', 'occurrence'],
  concern: ['requirement', 'constraint', 'occurrence'],
  viewpoint: ['requirement', 'constraint', 'occurrence'],
  case: ['calc', 'action', 'occurrence'],
  analysis: ['case', 'calc', 'action', 'occurrence'],
  verification: ['case', 'calc', 'action', 'occurrence'],
  'use case': ['case', 'calc', 'action', 'occurrence'],
  view: ['part', 'item', 'occurrence'],
  rendering: ['part', 'item', 'occurrence'],
  metadata: ['item', 'occurrence'],
  enum: ['attribute'],
  occurrence: [],
  attribute: [],
};

const hasKindKeyword = (keywords: readonly string[] | undefined): boolean =>
  keywords?.some((word) => word in broader || word === 'use') ?? false;

function describe(element: ModelElement): string {
  return element.qualifiedName || element.name || '(unnamed)';
}

/**
 * Genuine problems beyond unresolved names: a name declared twice in one namespace, a definition
 * specializing a definition of an incompatible kind, and cycles of specialization.
 */
export function findModelProblems(root: ModelElement, resolver: NameResolver): SysmlDiagnostic[] {
  const diagnostics: SysmlDiagnostic[] = [];
  for (const namespace of [root, ...allElements(root)]) {
    if (namespace.fromLibrary) continue;
    const seen = new Map<string, ModelElement>();
    for (const child of namespace.children) {
      const node = child.node;
      if (child.name === undefined || child.fromLibrary || !node || node.type === 'Package') continue;
      // KerML relationship statements (`redefinition`, `subset`) reuse names; only SysML is checked.
      if (node.location.file.endsWith('.kerml')) continue;
      const first = seen.get(child.name);
      if (first?.node) {
        const at = first.node.location;
        diagnostics.push(
          createDiagnostic(
            node.location,
            'duplicate-name',
            `duplicate name '${child.name}' in ${describe(namespace) || 'the root namespace'} (first declared at ${at.file}:${at.line}:${at.column})`,
          ),
        );
      } else {
        seen.set(child.name, child);
      }
    }
    const node = namespace.node;
    if (node?.type !== 'Definition' || !namespace.parent) continue;
    for (const general of resolver.generals(namespace)) {
      const generalNode = general.node;
      if (generalNode?.type !== 'Definition' || general.fromLibrary) continue;
      // `#service def S` has no kind keyword: its kind comes from metadata, which is not checked here.
      if (!hasKindKeyword(node.keywords) || !hasKindKeyword(generalNode.keywords)) continue;
      const allowed = broader[node.kind];
      // A narrower kind of the same line is fine too: `item def Alice :> Person` (a part def) makes
      // Alice a part; `part def X :> R` (a requirement def) mixes structure with behaviour.
      const narrower = broader[generalNode.kind]?.includes(node.kind) ?? false;
      if (
        allowed &&
        generalNode.kind !== node.kind &&
        !allowed.includes(generalNode.kind) &&
        !narrower &&
        generalNode.kind in broader
      ) {
        diagnostics.push(
          createDiagnostic(
            node.location,
            'wrong-specialization-kind',
            `${node.kind} def '${describe(namespace)}' cannot specialize ${generalNode.kind} def '${describe(general)}'`,
          ),
        );
      }
    }
  }
  diagnostics.push(...findSpecializationCycles(root, resolver));
  return diagnostics;
}
