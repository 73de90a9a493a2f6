/**
 * The query surface of a resolved SysML model. `src/ssot` and the CLI depend on these types only;
 * `buildSysmlModel` in this folder implements them.
 */

/** A position in a `.sysml` source. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A parser or resolver message. */
export interface SysmlDiagnostic extends SourceLocation {
  severity: 'error' | 'warning';
  /** Stable code: `syntax`, `unsupported-construct`, `unresolved-name`, `bare-import`, … */
  code: string;
  message: string;
}

export type DefinitionKind =
  | 'part'
  | 'attribute'
  | 'port'
  | 'item'
  | 'enum'
  | 'requirement'
  | 'action'
  | 'state'
  | 'connection'
  | 'interface'
  | 'constraint'
  | 'occurrence'
  | 'flow'
  | 'allocation'
  | 'calc'
  | 'concern'
  | 'case'
  | 'analysis'
  | 'verification'
  | 'use case'
  | 'view'
  | 'viewpoint'
  | 'rendering'
  | 'metadata'
  // KerML classifiers, declared without `def` (`class C;`, `function F { … }`).
  | 'type'
  | 'classifier'
  | 'class'
  | 'struct'
  | 'assoc'
  | 'datatype'
  | 'behavior'
  | 'function'
  | 'predicate'
  | 'interaction'
  | 'metaclass';

/**
 * The kind of a usage: a definition kind, a usage-only kind (`event`, `snapshot`, `message`, …), a
 * KerML feature kind (`feature`, `step`, …) or the operator that introduces it (`perform`, `bind`, …).
 */
export type UsageKind =
  | DefinitionKind
  | 'event'
  | 'message'
  | 'snapshot'
  | 'timeslice'
  | 'binding'
  | 'succession'
  | 'dependency'
  | 'transition'
  | 'merge'
  | 'decide'
  | 'join'
  | 'fork'
  | 'actor'
  | 'stakeholder'
  | 'objective'
  | 'return'
  | 'subject'
  | 'feature'
  | 'step'
  | 'expr'
  | 'bool'
  | 'connector'
  | 'multiplicity'
  | 'specialization'
  | 'conjugation'
  | 'disjoining'
  | 'featuring'
  | 'inv'
  | 'perform'
  | 'exhibit'
  | 'include'
  | 'satisfy'
  | 'assert'
  | 'verify'
  | 'frame'
  | 'render'
  | 'bind'
  | 'allocate'
  | 'accept'
  | 'send'
  | 'assign'
  | 'if'
  | 'while'
  | 'loop'
  | 'for'
  | 'first'
  | 'then'
  | 'entry'
  | 'do'
  | 'exit'
  | 'else'
  | 'filter'
  | 'terminate'
  | 'not'
  | 'subclassifier'
  | 'subtype'
  | 'subset'
  | 'redefinition'
  | 'conjugate'
  | 'disjoint'
  | 'inverting'
  | 'typing';

/** A feature (usage) owned by a definition or usage. */
export interface FeatureInfo {
  /** Usage kind keyword, or `ref` for a keyword-less usage. */
  kind: UsageKind | 'ref' | 'end';
  /** Empty string for an unnamed usage. */
  name: string;
  direction?: 'in' | 'out' | 'inout';
  /** Resolved qualified names of the types (`:`), or the written names when unresolved. */
  types: string[];
  /** True when a port type is conjugated (`~P`). */
  conjugated?: boolean;
  subsets: string[];
  redefines: string[];
  /** As written, e.g. `[0..1]`. */
  multiplicity?: string;
  /** The value expression's source text, e.g. `"deepseek/deepseek-chat"` or `2000 [kg]`. */
  valueText?: string;
  /** The value when it is a literal. */
  value?: string | number | boolean;
  doc?: string;
  location: SourceLocation;
}

/** A requirement definition or usage. */
export interface RequirementInfo {
  name: string;
  qualifiedName: string;
  shortName?: string;
  isDefinition: boolean;
  doc?: string;
  subject?: { name: string; types: string[] };
  /** Source text of each `require constraint { … }` body. */
  requiredConstraints: string[];
  /** Source text of each `assume constraint { … }` body. */
  assumedConstraints: string[];
  /** Qualified name of the owning definition or package. */
  owner: string;
  location: SourceLocation;
}

/** Any definition (`part def`, `port def`, …). */
export interface DefinitionInfo {
  kind: DefinitionKind;
  name: string;
  qualifiedName: string;
  shortName?: string;
  isAbstract: boolean;
  doc?: string;
  /** Resolved qualified names of the specialized definitions (or written names when unresolved). */
  specializes: string[];
  features: FeatureInfo[];
  requirements: RequirementInfo[];
  /** For enum defs: the enumerated values. */
  enumValues?: string[];
  location: SourceLocation;
}

/** A port of an agent with the port def (and its items) that types it. */
export interface AgentPortInfo {
  name: string;
  direction?: 'in' | 'out' | 'inout';
  types: string[];
  /** The definition typing the port (a port def, or an item def used directly as in the seed). */
  typeDefinition?: DefinitionInfo;
}

/** A part def that specializes `Agent`, directly or transitively. */
export interface AgentInfo {
  name: string;
  qualifiedName: string;
  doc?: string;
  specializes: string[];
  /** Attribute usages with their literal values, e.g. `model = "deepseek/deepseek-chat"`. */
  attributes: FeatureInfo[];
  /** Requirement defs and usages owned by the agent, and those inherited from its supertypes. */
  requirements: RequirementInfo[];
  ports: AgentPortInfo[];
  location: SourceLocation;
}

/** A resolved model built from one or more parsed documents. */
export interface SysmlModel {
  /** Resolution diagnostics (e.g. each unresolved type), parse diagnostics excluded. */
  readonly diagnostics: readonly SysmlDiagnostic[];
  /** Every definition, in source order. */
  definitions(): DefinitionInfo[];
  /** One definition by qualified name (`Pkg::Sub::Name`) or by simple name when unambiguous. */
  findDefinition(name: string): DefinitionInfo | undefined;
  /** Every requirement definition and usage. */
  requirements(): RequirementInfo[];
  /** Part defs specializing `Agent` (transitively), in source order. */
  agents(): AgentInfo[];
}
