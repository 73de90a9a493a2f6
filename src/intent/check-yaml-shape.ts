import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/**
 * Deepest nesting an intent may have. The real schema is five levels deep; 64 leaves room for any
 * hand-written file while a 100k-deep flow collection is refused before the YAML parser (whose cost
 * grows with the depth) ever sees it.
 */
export const MAX_INTENT_DEPTH = 64;

/** A problem found before or beside the schema: where, and what. */
export interface ShapeProblem {
  offset: number;
  message: string;
}

/**
 * One linear pass over the raw text counting open flow collections (`[`, `{`) outside quotes and
 * comments, plus block nesting by indentation; the offset of the first place deeper than `limit`.
 * Cheap enough to run on any input before parsing it.
 */
export function findExcessiveNesting(text: string, limit = MAX_INTENT_DEPTH): ShapeProblem | undefined {
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  let indent = 0;
  const indents: number[] = [];
  for (let offset = 0; offset < text.length; offset += 1) {
    const char = text[offset] as string;
    if (char === '\n') {
      lineStart = true;
      indent = 0;
      // A quoted scalar may span lines; comments and everything else end here.
      continue;
    }
    if (lineStart && quote === undefined && flow === 0) {
      if (char === ' ' || char === '-') {
        indent += 1;
        continue;
      }
      lineStart = false;
      if (char === '#') {
        offset = skipToLineEnd(text, offset);
        continue;
      }
      // Block nesting: a stack of the indentations of the open blocks.
      while (indents.length > 0 && (indents.at(-1) as number) >= indent) indents.pop();
      indents.push(indent);
      if (indents.length > limit) return tooDeep(offset, limit);
    }
    lineStart = false;
    if (quote !== undefined) {
      if (char === quote) {
        // '' inside a single-quoted scalar is an escaped quote.
        if (quote === "'" && text[offset + 1] === "'") offset += 1;
        else quote = undefined;
      } else if (char === '\\' && quote === '"') offset += 1;
      continue;
    }
    if ((char === '"' || char === "'") && startsScalar(text, offset)) quote = char;
    else if (char === '#' && (offset === 0 || /\s/.test(text[offset - 1] as string))) {
      offset = skipToLineEnd(text, offset) - 1;
    } else if (char === '[' || char === '{') {
      flow += 1;
      if (flow + indents.length > limit) return tooDeep(offset, limit);
    } else if ((char === ']' || char === '}') && flow > 0) flow -= 1;
  }
  return undefined;
}

/** A quote opens a quoted scalar only where a scalar may start (`don't` in plain text is an apostrophe). */
function startsScalar(text: string, offset: number): boolean {
  return offset === 0 || /[\s[{,:]/.test(text[offset - 1] as string);
}

function skipToLineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

function tooDeep(offset: number, limit: number): ShapeProblem {
  return { offset, message: `nested more than ${limit} levels deep; an intent is never this deep` };
}

/**
 * Map keys that are not plain scalars (`? [a, b]: x`, `{a: 1}: x`): no intent field is named so,
 * and in JavaScript they would become the text `"a,b"` or `"[object Object]"` — refused, never
 * silently renamed. Walks the parsed document without recursion.
 */
export function findComplexKeys(root: unknown): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (pair.key !== null && !isScalar(pair.key)) {
          problems.push({
            offset: (pair.key as Node).range?.[0] ?? 0,
            message: 'complex keys (a list or map as a key) are not allowed; use a plain name',
          });
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return problems;
}

/** `line`/`column` (1-based) of an offset. */
export function positionOf(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const position = lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

/** `line`/`column` (1-based) of an offset in raw text, before any parser has counted its lines. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    start = index + 1;
  }
  return { line, column: offset - start + 1 };
}
