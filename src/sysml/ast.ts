/**
 * The syntax tree of a SysML document. Every node carries the 1-based location of its first token.
 */
import type { DefinitionKind, SourceLocation, UsageKind } from './model-types.js';

/** Fields shared by every node. */
export interface SysmlNode {
  location: SourceLocation;
}

/** `public`, `private` or `protected`. */
export type Visibility = 'public' | 'private' | 'protected';

/** `A::B::C`, optionally global (`$::A`). `segments` hold unescaped names. */
export interface QualifiedName extends SysmlNode {
  type: 'QualifiedName';
  segments: string[];
  isGlobal: boolean;
  /** The segments joined with `::`, as a display form. */
  text: string;
}

/** A feature chain `a.b::c.d`: qualified names joined with `.`. */
export interface FeatureChain extends SysmlNode {
  type: 'FeatureChain';
  parts: QualifiedName[];
  text: string;
}

/** A short name and/or a name: `<'1.1'> name`. */
export interface Identification {
  shortName?: string;
  name?: string;
}

/** A parsed file: the members of the root namespace. */
export interface SysmlDocument extends SysmlNode {
  type: 'Document';
  file: string;
  members: Member[];
}

/** Anything that may appear in a namespace body. */
export type Member =
  | PackageNode
  | ImportNode
  | AliasNode
  | AnnotationNode
  | DefinitionNode
  | UsageNode
  | RequirementConstraintNode
  | RequirementReferenceNode
  | ResultExpressionNode
  | TextualRepresentationNode;

/** `package P { … }`, `library package L;`, `standard library package S { … }`. */
export interface PackageNode extends SysmlNode, Identification {
  type: 'Package';
  visibility?: Visibility;
  isLibrary: boolean;
  isStandard: boolean;
  members: Member[];
}

/** `private import P::*;`. `visibility` is absent for a bare import. */
export interface ImportNode extends SysmlNode {
  type: 'Import';
  visibility?: Visibility;
  /** `import all`: ignore the visibility of the imported members. */
  isAll: boolean;
  target: QualifiedName;
  /** `::*`: import the members of `target` rather than `target` itself. */
  importsMembers: boolean;
  /** `::**`: also import, recursively, everything nested inside. */
  isRecursive: boolean;
  /** Filter conditions of a filtered import: `import V::**[@Safety];`. */
  filters?: Expression[];
  /** True for a view's `expose`, which imports like `import` does. */
  isExpose?: boolean;
  annotations: AnnotationNode[];
}

/** `alias Car for Automobile;`. */
export interface AliasNode extends SysmlNode, Identification {
  type: 'Alias';
  visibility?: Visibility;
  target: QualifiedName;
  annotations: AnnotationNode[];
}

/** `doc /* … *\/` */
export interface DocNode extends SysmlNode, Identification {
  type: 'Doc';
  locale?: string;
  /** Comment body without `/*`, `*\/` and leading `*` decoration, trimmed. */
  text: string;
}

/** `comment c about X /* … *\/`, or a bare `/* … *\/`. */
export interface CommentNode extends SysmlNode, Identification {
  type: 'Comment';
  about: QualifiedName[];
  locale?: string;
  text: string;
}

/** `rep r language "ocl" /* … *\/` or `language "ocl" /* … *\/`: text in another language. */
export interface TextualRepresentationNode extends SysmlNode, Identification {
  type: 'TextualRepresentation';
  language: string;
  text: string;
}

/**
 * A clause of a declaration that the model does not interpret further: its keyword (`to`, `from`,
 * `via`, `then`, `perform`, …; `''` for an operand list without one) and its operands as written.
 */
export interface ClauseNode extends SysmlNode {
  type: 'Clause';
  keyword: string;
  operands: Expression[];
}

/** What definitions and usages share beyond their specifications: the words and clauses as written. */
export interface DeclarationExtras {
  /** Every prefix and kind keyword as written, e.g. `['perform', 'action']`, `['use', 'case']`. */
  keywords?: string[];
  /** Prefix metadata annotations: `#Safety part x;`. */
  metadata?: QualifiedName[];
  /** Clauses after the name and specializations, in source order. */
  clauses?: ClauseNode[];
}

/** A documentation or comment element. */
export type AnnotationNode = DocNode | CommentNode;

/** `abstract part def Name :> Base { … }`. */
export interface DefinitionNode extends SysmlNode, Identification, DeclarationExtras {
  type: 'Definition';
  kind: DefinitionKind;
  visibility?: Visibility;
  isAbstract: boolean;
  isVariation: boolean;
  specializes: QualifiedName[];
  members: Member[];
}

/** A typing `: T` or `defined by ~T`. */
export interface TypingNode extends SysmlNode {
  type: 'Typing';
  target: FeatureChain;
  isConjugated: boolean;
}

/** One multiplicity bound: a number, `*` or a name. */
export type MultiplicityBound =
  | { type: 'Number'; value: number }
  | { type: 'Infinity' }
  | { type: 'Name'; name: QualifiedName }
  | { type: 'Expression'; expression: Expression };

/** `[lower..upper]` or `[upper]`. */
export interface MultiplicityNode extends SysmlNode {
  type: 'Multiplicity';
  lower?: MultiplicityBound;
  upper: MultiplicityBound;
  /** As written, e.g. `[0..1]`. */
  text: string;
}

/** The feature specializations written after a usage's name. */
export interface FeatureSpecification {
  typings: TypingNode[];
  subsets: FeatureChain[];
  redefines: FeatureChain[];
  references?: FeatureChain;
  crosses?: FeatureChain;
  multiplicity?: MultiplicityNode;
  isOrdered: boolean;
  isNonunique: boolean;
  /** Other relationships written as specializations (KerML `disjoint from`, `unions`, `chains`, `~`). */
  others?: { keyword: string; targets: FeatureChain[] }[];
}

/** `= expr`, `:= expr`, `default = expr`. */
export interface ValueNode extends SysmlNode {
  type: 'Value';
  operator: '=' | ':=';
  isDefault: boolean;
  expression: Expression;
  /** The expression's source text. */
  text: string;
}

/** One end of a connector: `[0..1] name ::> a.b`. */
export interface ConnectorEndNode extends SysmlNode {
  type: 'ConnectorEnd';
  multiplicity?: MultiplicityNode;
  name?: string;
  target: FeatureChain;
}

/** `connect a to b` or `connect (a, b, c)`. */
export interface ConnectorNode extends SysmlNode {
  type: 'Connector';
  ends: ConnectorEndNode[];
  isNary: boolean;
}

/** The identification and specializations written between `end` and the usage keyword. */
export interface EndFeatureNode extends SysmlNode, Identification {
  specification: FeatureSpecification;
}

/** A usage (feature): `part eng : Engine[1];`, `:>> code = "x";`, `connect a to b;`, `subject v : V;`. */
export interface UsageNode extends SysmlNode, Identification, DeclarationExtras {
  type: 'Usage';
  /** The usage keyword, absent for a keyword-less usage. */
  kind?: UsageKind;
  visibility?: Visibility;
  direction?: 'in' | 'out' | 'inout';
  isEnd: boolean;
  /** `end [1] part x` keeps the part written after `end` here. */
  endFeature?: EndFeatureNode;
  isRef: boolean;
  isAbstract: boolean;
  isVariation: boolean;
  isDerived: boolean;
  isConstant: boolean;
  /** The requirement subject: `subject v : Vehicle;`. */
  isSubject: boolean;
  specification: FeatureSpecification;
  value?: ValueNode;
  connector?: ConnectorNode;
  members: Member[];
}

/** `require constraint { … }` or `assume constraint c : C { … }`. */
export interface RequirementConstraintNode extends SysmlNode, Identification {
  type: 'RequirementConstraint';
  kind: 'require' | 'assume';
  specification: FeatureSpecification;
  members: Member[];
}

/** `require Load;`: a requirement or constraint required (or assumed) by reference. */
export interface RequirementReferenceNode extends SysmlNode {
  type: 'RequirementReference';
  kind: 'require' | 'assume';
  target: FeatureChain;
  specification: FeatureSpecification;
  members: Member[];
}

/** The final expression of a constraint body: `{ massActual <= massReqd }`. */
export interface ResultExpressionNode extends SysmlNode {
  type: 'ResultExpression';
  expression: Expression;
  /** The expression's source text. */
  text: string;
}

/** An expression. */
export type Expression =
  | LiteralExpression
  | NameExpression
  | UnaryExpression
  | BinaryExpression
  | TypeTestExpression
  | ConditionalExpression
  | MemberAccessExpression
  | IndexExpression
  | QuantityExpression
  | InvocationExpression
  | InstantiationExpression
  | SequenceExpression
  | BodyExpression
  | SelectExpression
  | CollectExpression;

/** A number, string, boolean, `null` or `*`. */
export interface LiteralExpression extends SysmlNode {
  type: 'Literal';
  literalKind: 'integer' | 'real' | 'string' | 'boolean' | 'null' | 'infinity';
  value: number | string | boolean | null;
}

/** A reference to a named element. */
export interface NameExpression extends SysmlNode {
  type: 'Name';
  name: QualifiedName;
}

/** `-x`, `not x`, `all T`. */
export interface UnaryExpression extends SysmlNode {
  type: 'Unary';
  operator: string;
  operand: Expression;
}

/** `a + b`, `a and b`, `1..n`. */
export interface BinaryExpression extends SysmlNode {
  type: 'Binary';
  operator: string;
  left: Expression;
  right: Expression;
}

/** `x istype T`, `x as T`, `x @ T`. */
export interface TypeTestExpression extends SysmlNode {
  type: 'TypeTest';
  operator: string;
  operand: Expression;
  target: QualifiedName;
}

/** `if c ? a else b`. */
export interface ConditionalExpression extends SysmlNode {
  type: 'Conditional';
  condition: Expression;
  thenBranch: Expression;
  elseBranch: Expression;
}

/** `x.name`. */
export interface MemberAccessExpression extends SysmlNode {
  type: 'MemberAccess';
  target: Expression;
  member: QualifiedName;
}

/** `x#(i)`. */
export interface IndexExpression extends SysmlNode {
  type: 'Index';
  target: Expression;
  index: Expression[];
}

/** `2000 [kg]`. */
export interface QuantityExpression extends SysmlNode {
  type: 'Quantity';
  value: Expression;
  unit: Expression;
}

/** One argument of an invocation; `name` is set for `name = value`. */
export interface Argument {
  name?: string;
  value: Expression;
}

/** `f(a, b)` or `f(x = a)`. */
export interface InvocationExpression extends SysmlNode {
  type: 'Invocation';
  target: Expression;
  arguments: Argument[];
}

/** `new T(args)`. */
export interface InstantiationExpression extends SysmlNode {
  type: 'Instantiation';
  instantiated: QualifiedName;
  arguments: Argument[];
}

/** `(a, b, c)`; `()` is the empty sequence. */
export interface SequenceExpression extends SysmlNode {
  type: 'Sequence';
  elements: Expression[];
}

/** `{ in x; x > 0 }`: an expression body with parameters. */
export interface BodyExpression extends SysmlNode {
  type: 'Body';
  parameters: string[];
  /** Every member of the body, parameters included. */
  members?: Member[];
  result: Expression;
}

/** `xs.?{ … }`. */
export interface SelectExpression extends SysmlNode {
  type: 'Select';
  target: Expression;
  body: BodyExpression;
}

/** `xs->f{ … }` or `xs->f(args)`. */
export interface CollectExpression extends SysmlNode {
  type: 'Collect';
  target: Expression;
  function: QualifiedName;
  body?: BodyExpression;
  arguments: Argument[];
}
