/**
 * Words the class and requirement diagram grammars read as keywords where an identifier is expected;
 * an element named like one gets a trailing `_`.
 */
const RESERVED_IDS = new Set([
  'class',
  'classdiagram',
  'namespace',
  'note',
  'direction',
  'style',
  'classdef',
  'cssclass',
  'callback',
  'link',
  'click',
  'href',
  'call',
  'end',
  'graph',
  'requirement',
  'requirementdiagram',
  'functionalrequirement',
  'interfacerequirement',
  'performancerequirement',
  'physicalrequirement',
  'designconstraint',
  'element',
  'id',
  'text',
  'risk',
  'type',
  'docref',
  'verifymethod',
  'contains',
  'copies',
  'derives',
  'satisfies',
  'verifies',
  'refines',
  'traces',
  'low',
  'medium',
  'high',
  'analysis',
  'demonstration',
  'inspection',
  'test',
  'accdescr',
  'acctitle',
]);

function baseId(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (cleaned === '') return 'unnamed';
  const leading = /^[0-9]/.test(cleaned) ? `n_${cleaned}` : cleaned;
  return RESERVED_IDS.has(leading.toLowerCase()) ? `${leading}_` : leading;
}

/**
 * Gives each model element (by qualified name) a mermaid identifier: its simple name reduced to
 * `[A-Za-z0-9_]`, made unique with a numeric suffix when two elements share a simple name.
 */
export class MermaidIds {
  readonly #byKey = new Map<string, string>();
  readonly #taken = new Set<string>();

  /** The identifier for `key` (a qualified name), allocated from `name` on first use. */
  idFor(key: string, name: string): string {
    const known = this.#byKey.get(key);
    if (known !== undefined) return known;
    const base = baseId(name);
    let id = base;
    for (let suffix = 2; this.#taken.has(id.toLowerCase()); suffix += 1) id = `${base}_${suffix}`;
    this.#byKey.set(key, id);
    this.#taken.add(id.toLowerCase());
    return id;
  }

  /** The identifier already allocated for `key`, if any. */
  find(key: string): string | undefined {
    return this.#byKey.get(key);
  }
}

/** One line of free text: no line breaks, and no double quote (it would end a quoted string). */
export function mermaidString(text: string): string {
  return text
    .replace(/"/g, "'")
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A class member line: braces end a class body and `~` marks generics in mermaid's class grammar,
 * and `%%` starts a comment, so they are replaced by look-alikes.
 */
export function mermaidMember(text: string): string {
  return mermaidString(text)
    .replace(/\{/g, '(')
    .replace(/\}/g, ')')
    .replace(/~/g, '^')
    .replace(/%%/g, '%')
    .replace(/`/g, "'")
    .replace(/<<|>>/g, (match) => (match === '<<' ? '«' : '»'));
}

/** A relation label: words, numbers, multiplicities and dots only. */
export function mermaidLabel(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_ .[\]*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
