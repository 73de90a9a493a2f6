import type {
  DefinitionNode,
  EndFeatureNode,
  FeatureSpecification,
  QualifiedName,
  UsageNode,
  Visibility,
} from './ast.js';
import {
  declaringKinds,
  definitionKinds,
  kermlTypeKinds,
  operatorKinds,
  prefixKeywords,
} from './member-keywords.js';
import type { DefinitionKind, SourceLocation, UsageKind } from './model-types.js';
import { parseDeclarationTail } from './parse-declaration-tail.js';
import {
  atFeatureSpec,
  createFeatureSpecification,
  parseFeatureSpecification,
} from './parse-feature-spec.js';
import { parseFeatureChain, parseIdentification, parseQualifiedName } from './parse-name.js';
import { skipUnsupportedConstruct } from './parse-unsupported.js';
import { atValuePart } from './parse-value-part.js';
import { type ParserContext, SyntaxFailure } from './parser-context.js';

/** The words before a declaration's name, as parsed by `parseElementHead`. */
interface ElementHead {
  keywords: string[];
  metadata: QualifiedName[];
  endMultiplicity?: EndFeatureNode;
  isDefinition: boolean;
  visibility?: Visibility;
}

const visibilities = new Set(['public', 'private', 'protected']);

const isKindWord = (text: string): boolean =>
  declaringKinds.has(text) || kermlTypeKinds.has(text) || operatorKinds.has(text);

/**
 * `(Prefix | '#' QName)* KindWord* 'def'?`: the prefixes (`abstract`, `ref`, `in`, `end [1]`, prefix
 * metadata) and the kind words (`perform action`, `use case`, `event occurrence`) of a member.
 */
function parseElementHead(context: ParserContext): ElementHead {
  const head: ElementHead = { keywords: [], metadata: [], isDefinition: false };
  if (context.acceptSymbol('@')) {
    // `@Safety { … }` is the short form of `metadata Safety { … }`.
    head.keywords.push('metadata');
    return head;
  }
  for (;;) {
    const token = context.current;
    if (context.isSymbol('#') && (context.isName(1) || context.isSymbol('$', 1))) {
      context.advance();
      head.metadata.push(parseQualifiedName(context, 'a metadata name'));
    } else if (token.kind === 'keyword' && visibilities.has(token.text) && head.keywords.length > 0) {
      // `then private action a …`: the visibility of a member introduced by a succession.
      head.visibility = context.advance().text as Visibility;
    } else if (token.kind === 'keyword' && prefixKeywords.has(token.text)) {
      head.keywords.push(context.advance().text);
      if (token.text === 'end') parseEndFeature(context, head);
    } else if (token.kind === 'keyword' && isKindWord(token.text) && !endsHead(head, token.text)) {
      head.keywords.push(context.advance().text);
    } else {
      break;
    }
  }
  if (context.acceptKeyword('def')) head.isDefinition = true;
  return head;
}

/**
 * `end (Identification FeatureSpec*)? KindWord`: the end's own name and multiplicity written before
 * the usage kind (`end inCart[0..1] item cart : Cart;`). Without a kind word after them they belong to
 * the usage itself (`end e : A;`), so the cursor goes back.
 */
function parseEndFeature(context: ParserContext, head: ElementHead): void {
  if (!context.isSymbol('[') && !context.isName() && !context.isSymbol('<')) return;
  const mark = context.mark();
  const location = context.here();
  try {
    const identification = parseIdentification(context);
    const specification = parseFeatureSpecification(context);
    const token = context.current;
    if (token.kind === 'keyword' && (isKindWord(token.text) || prefixKeywords.has(token.text))) {
      head.endMultiplicity = { ...identification, specification, location };
      return;
    }
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
  }
  context.reset(mark);
}

/**
 * After a declaring kind, an operator word starts the tail (`transition first s …`, `inv not { … }`),
 * while before one it is part of the head (`then action a`, `perform action p`).
 */
function endsHead(head: ElementHead, word: string): boolean {
  if (declaringKinds.has(word) || kermlTypeKinds.has(word)) return false;
  return head.keywords.some((written) => declaringKinds.has(written) || kermlTypeKinds.has(written));
}

/** The kind a head declares: its last declaring kind word (`use case` as one), else its operator. */
function kindOf(keywords: readonly string[]): UsageKind | undefined {
  let kind: string | undefined;
  let operator: string | undefined;
  for (const [index, word] of keywords.entries()) {
    if (word === 'case' && keywords[index - 1] === 'use') kind = 'use case';
    else if (word === 'subject') continue;
    else if (declaringKinds.has(word) || kermlTypeKinds.has(word)) kind = word;
    else if (operatorKinds.has(word)) operator ??= word;
  }
  return (kind ?? operator) as UsageKind | undefined;
}

/** True when the head declares a named element rather than referring to one (`perform x;`). */
function declaresName(keywords: readonly string[]): boolean {
  return (
    keywords.length === 0 ||
    keywords.some((word) => declaringKinds.has(word) || kermlTypeKinds.has(word) || prefixKeywords.has(word))
  );
}

function baseUsage(
  visibility: Visibility | undefined,
  location: SourceLocation,
  head: ElementHead,
  specification: FeatureSpecification,
): UsageNode {
  const has = (word: string): boolean => head.keywords.includes(word);
  const direction = head.keywords.find((word) => word === 'in' || word === 'out' || word === 'inout');
  const kind = kindOf(head.keywords);
  return {
    type: 'Usage',
    ...(kind ? { kind } : {}),
    ...(visibility === undefined ? {} : { visibility }),
    ...(direction ? { direction: direction as 'in' | 'out' | 'inout' } : {}),
    isEnd: has('end'),
    ...(head.endMultiplicity ? { endFeature: head.endMultiplicity } : {}),
    isRef: has('ref'),
    isAbstract: has('abstract'),
    isVariation: has('variation'),
    isDerived: has('derived'),
    isConstant: has('constant') || has('const'),
    isSubject: has('subject'),
    specification,
    members: [],
    location,
    keywords: head.keywords,
    ...(head.metadata.length > 0 ? { metadata: head.metadata } : {}),
  };
}

/**
 * Any definition or usage of SysML or KerML: `Head Identification? Clause* Body`. The head decides
 * between a definition (`part def`, KerML `class`) and a usage; the tail parses the name, the
 * specializations, the value and the clauses (`connect a to b`, `first s accept e then t`).
 */
export function parseElement(
  context: ParserContext,
  outerVisibility: Visibility | undefined,
  location: SourceLocation,
): DefinitionNode | UsageNode | undefined {
  const startIndex = context.index;
  const head = parseElementHead(context);
  const visibility = head.visibility ?? outerVisibility;
  const kind = kindOf(head.keywords);
  const isType = head.isDefinition || (kind !== undefined && kermlTypeKinds.has(kind));
  if (isType) {
    const definitionKind = (
      head.isDefinition && kind && !definitionKinds.has(kind) && kind !== 'use case'
        ? 'part'
        : (kind ?? 'part')
    ) as DefinitionKind;
    const tail = parseDeclarationTail(context, { declares: true, keywords: head.keywords });
    return {
      type: 'Definition',
      kind: definitionKind,
      ...tail.identification,
      ...(visibility === undefined ? {} : { visibility }),
      isAbstract: head.keywords.includes('abstract'),
      isVariation: head.keywords.includes('variation'),
      specializes: tail.specification.subsets.map((chain) => chain.parts[0] as QualifiedName),
      members: tail.members,
      location,
      keywords: head.keywords,
      ...(head.metadata.length > 0 ? { metadata: head.metadata } : {}),
      ...(tail.clauses.length > 0 ? { clauses: tail.clauses } : {}),
    };
  }
  if (
    context.index === startIndex &&
    !context.isName() &&
    !atFeatureSpec(context) &&
    !context.isSymbol('<') &&
    !atValuePart(context)
  ) {
    if (context.current.kind === 'keyword') {
      skipUnsupportedConstruct(context);
      return undefined;
    }
    context.fail('a member declaration');
  }
  const specification = createFeatureSpecification();
  const usage = baseUsage(visibility, location, head, specification);
  // `VariantReference = ReferenceSubsetting FeatureSpecializationPart* UsageBody` (SysML BNF 8.2.2.6):
  // a `variant` without a kind word names the feature it references (`variant '4cylEngine';`).
  const isVariantReference = head.keywords.length === 1 && head.keywords[0] === 'variant' && context.isName();
  if (isVariantReference) specification.references = parseFeatureChain(context, 'a variant');
  const tail = parseDeclarationTail(context, {
    declares: !isVariantReference && declaresName(head.keywords),
    ...(isVariantReference ? { afterReference: true } : {}),
    keywords: head.keywords,
    specification,
    isMetadataUsage: kind === 'metadata',
  });
  if (context.index === startIndex) context.fail('a member declaration');
  Object.assign(usage, tail.identification);
  if (tail.value) usage.value = tail.value;
  if (tail.connector) usage.connector = tail.connector;
  if (tail.clauses.length > 0) usage.clauses = tail.clauses;
  usage.members = tail.members;
  return usage;
}
