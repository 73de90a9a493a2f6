import { createDiagnostic, type SysmlDiagnosticCode } from './diagnostic.js';
import type { SourceLocation, SysmlDiagnostic } from './model-types.js';
import type { Token } from './token.js';

/**
 * Thrown by `expect…` when a production cannot go on. Member loops catch it and call `recover`,
 * so one run reports every error. The diagnostic has already been recorded when this is thrown.
 */
export class SyntaxFailure extends Error {
  override readonly name = 'SyntaxFailure';
}

/** Describes a token for a message: `'Vehicle'`, `end of file`. */
export function describeToken(token: Token): string {
  if (token.kind === 'end-of-file') return 'end of file';
  if (token.kind === 'string') return `"${token.text}"`;
  if (token.kind === 'comment') return 'comment';
  return `'${token.text}'`;
}

/** Joins alternatives the way people write them: `';' or '{'`, `':', ';' or '{'`. */
export function describeAlternatives(alternatives: readonly string[]): string {
  if (alternatives.length <= 1) return alternatives.join('');
  return `${alternatives.slice(0, -1).join(', ')} or ${alternatives[alternatives.length - 1]}`;
}

/** Bodies or expressions nested deeper than this are one positioned error, not a stack overflow. */
export const maxNestingDepth = 200;

/** A saved cursor state (see `ParserContext.mark`). */
export interface ParserMark {
  index: number;
  braceDepth: number;
  diagnostics: number;
}

/** The token cursor shared by all productions: lookahead, `expect`, diagnostics and recovery. */
export class ParserContext {
  readonly diagnostics: SysmlDiagnostic[] = [];
  /** Index of the current token. */
  index = 0;
  /** First segments of every qualified name parsed: the top-level names the document may need. */
  readonly usedNames = new Set<string>();
  /** Number of `{` consumed and not yet closed: lets recovery stop at the right nesting depth. */
  braceDepth = 0;
  /** Number of expressions under way (parentheses, operands): capped at `maxNestingDepth`. */
  expressionDepth = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly source: string,
    readonly file: string,
  ) {}

  /** The token `offset` positions ahead; the end-of-file token past the end. */
  peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1] as Token;
    return this.tokens[this.index + offset] ?? last;
  }

  get current(): Token {
    return this.peek();
  }

  /** The last consumed token, or the first token at the start. */
  get previous(): Token {
    return this.tokens[this.index - 1] ?? this.peek();
  }

  get atEnd(): boolean {
    return this.current.kind === 'end-of-file';
  }

  locationOf(token: Token): SourceLocation {
    return { file: this.file, line: token.line, column: token.column };
  }

  /** Location of the current token. */
  here(): SourceLocation {
    return this.locationOf(this.current);
  }

  isSymbol(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'symbol' && token.text === text;
  }

  isKeyword(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'keyword' && token.text === text;
  }

  isName(offset = 0): boolean {
    return this.peek(offset).kind === 'name';
  }

  advance(): Token {
    const token = this.current;
    if (token.kind !== 'end-of-file') this.index += 1;
    if (token.kind === 'symbol' && token.text === '{') this.braceDepth += 1;
    if (token.kind === 'symbol' && token.text === '}') this.braceDepth = Math.max(0, this.braceDepth - 1);
    return token;
  }

  acceptSymbol(text: string): Token | undefined {
    return this.isSymbol(text) ? this.advance() : undefined;
  }

  acceptKeyword(text: string): Token | undefined {
    return this.isKeyword(text) ? this.advance() : undefined;
  }

  /** Records a diagnostic without interrupting the parse. */
  report(
    location: SourceLocation,
    message: string,
    code: SysmlDiagnosticCode = 'syntax',
    severity: SysmlDiagnostic['severity'] = 'error',
  ): void {
    this.diagnostics.push(createDiagnostic(location, code, message, severity));
  }

  /**
   * After a `{` past `maxNestingDepth`: reports `nesting deeper than N` at that brace and skips to
   * the matching `}` (consumed), so the rest of the file is still parsed.
   */
  skipTooDeepBody(): void {
    const brace = this.previous;
    this.report(
      this.locationOf(brace),
      `nesting deeper than ${maxNestingDepth} levels: its contents are skipped`,
    );
    const depth = this.braceDepth;
    while (!this.atEnd && this.braceDepth >= depth) this.advance();
  }

  /** Reports `nesting deeper than N` at the current token and aborts the production. */
  failTooDeep(): never {
    this.report(this.here(), `nesting deeper than ${maxNestingDepth} levels in an expression`);
    throw new SyntaxFailure('shallower nesting');
  }

  /** Reports `expected X after 'previous'` at the current token and aborts the production. */
  fail(expected: string): never {
    const after = this.index > 0 ? ` after ${describeToken(this.previous)}` : '';
    this.report(this.here(), `expected ${expected}${after}`);
    throw new SyntaxFailure(expected);
  }

  expectSymbol(text: string, ...alternatives: string[]): Token {
    if (this.isSymbol(text)) return this.advance();
    return this.fail(describeAlternatives([text, ...alternatives].map((symbol) => `'${symbol}'`)));
  }

  expectKeyword(text: string): Token {
    if (this.isKeyword(text)) return this.advance();
    return this.fail(`'${text}'`);
  }

  expectName(what = 'a name'): Token {
    if (this.isName()) return this.advance();
    return this.fail(what);
  }

  /** The cursor state, for a production that tries one reading and may fall back to another. */
  mark(): ParserMark {
    return { index: this.index, braceDepth: this.braceDepth, diagnostics: this.diagnostics.length };
  }

  /** Rewinds to `mark`, dropping the diagnostics reported since. */
  reset(mark: ParserMark): void {
    this.index = mark.index;
    this.braceDepth = mark.braceDepth;
    this.diagnostics.length = mark.diagnostics;
  }

  /** Source text from the start of token `fromIndex` to the end of the last consumed token. */
  textSince(fromIndex: number): string {
    const first = this.tokens[fromIndex];
    const last = this.tokens[this.index - 1];
    if (!first || !last || last.end < first.start) return '';
    return this.source.slice(first.start, last.end);
  }

  /**
   * Skips to the end of the broken member: past the next `;` or the `}` closing a body the member
   * opened, or up to (not past) the `}` closing the enclosing body. Also stops at a line starting
   * with a member keyword, so a forgotten `;` costs one diagnostic, not the next declaration.
   * Always consumes at least one token when the member consumed none, so callers make progress.
   */
  recover(
    memberStartIndex: number,
    memberDepth: number,
    startsMember: (context: ParserContext) => boolean,
  ): void {
    while (!this.atEnd) {
      const token = this.current;
      if (this.braceDepth === memberDepth && token.kind === 'symbol' && token.text === '}') break;
      const startsNewLine = this.index > memberStartIndex && token.line > this.previous.line;
      if (this.braceDepth === memberDepth && startsNewLine && startsMember(this)) break;
      this.advance();
      if (
        this.braceDepth === memberDepth &&
        token.kind === 'symbol' &&
        (token.text === ';' || token.text === '}')
      ) {
        break;
      }
    }
    if (this.index === memberStartIndex) this.advance();
  }
}
