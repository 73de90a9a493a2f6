import { createDiagnostic } from './diagnostic.js';
import { keywordsOf, languageOfFile, type SourceLanguage, symbols } from './keywords.js';
import type { SysmlDiagnostic } from './model-types.js';
import type { Token, TokenKind } from './token.js';

/** The tokens of one source and the lexical errors found on the way. */
export interface TokenizeResult {
  /** Always ends with one `end-of-file` token. */
  tokens: Token[];
  diagnostics: SysmlDiagnostic[];
}

const escapes: Readonly<Record<string, string>> = {
  "'": "'",
  '"': '"',
  '\\': '\\',
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
};

const isBasicNameStartCode = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
const isBasicNamePartCode = (code: number): boolean =>
  isBasicNameStartCode(code) || (code >= 48 && code <= 57);
const isDigit = (character: string): boolean => character >= '0' && character <= '9';

/** The symbols by first character, longest first (they are listed longest first). */
const symbolsByFirst = new Map<string, string[]>();
for (const symbol of symbols) {
  const first = symbol[0] as string;
  symbolsByFirst.set(first, [...(symbolsByFirst.get(first) ?? []), symbol]);
}
const isWhiteSpace = (character: string): boolean =>
  character === ' ' || character === '\t' || character === '\f' || character === '\r' || character === '\n';

/**
 * Splits SysML text into tokens following the KerML lexical rules (clause 8.2.2): notes (`//…`, `//*…*\/`)
 * are dropped, REGULAR_COMMENTs are kept as tokens, symbols take the longest match. Never throws: a bad
 * character or an unterminated literal becomes a `syntax` diagnostic and lexing goes on.
 */
export function tokenize(
  source: string,
  file = '<input>',
  language: SourceLanguage = languageOfFile(file),
): TokenizeResult {
  const reservedKeywords = keywordsOf(language);
  const tokens: Token[] = [];
  const diagnostics: SysmlDiagnostic[] = [];
  let offset = 0;
  let line = 1;
  let column = 1;

  const advanceTo = (target: number): void => {
    while (offset < target) {
      const character = source[offset];
      offset += 1;
      if (character === '\n' || (character === '\r' && source[offset] !== '\n')) {
        line += 1;
        column = 1;
      } else {
        column += 1;
      }
    }
  };
  const push = (kind: TokenKind, text: string, end: number, quoted = false): void => {
    tokens.push({ kind, text, quoted, start: offset, end, line, column });
    advanceTo(end);
  };
  const report = (message: string): void => {
    diagnostics.push(createDiagnostic({ file, line, column }, 'syntax', message));
  };

  // Reads a quoted literal starting at `offset`; returns the unescaped text and the end offset.
  const readQuoted = (quote: string): { text: string; end: number; terminated: boolean } => {
    let index = offset + 1;
    let text = '';
    while (index < source.length) {
      const character = source[index] as string;
      if (character === quote) return { text, end: index + 1, terminated: true };
      if (character === '\n' || character === '\r') break;
      if (character === '\\' && index + 1 < source.length) {
        const escaped = source[index + 1] as string;
        text += escapes[escaped] ?? escaped;
        index += 2;
        continue;
      }
      text += character;
      index += 1;
    }
    return { text, end: index, terminated: false };
  };

  while (offset < source.length) {
    const character = source[offset] as string;
    if (isWhiteSpace(character)) {
      advanceTo(offset + 1);
      continue;
    }
    if (character === '/' && (source.startsWith('//*', offset) || source.startsWith('/*', offset))) {
      const isNote = source.startsWith('//*', offset);
      const close = source.indexOf('*/', offset + (isNote ? 3 : 2));
      const end = close === -1 ? source.length : close + 2;
      if (close === -1)
        report(isNote ? "unterminated note, expected '*/'" : "unterminated comment, expected '*/'");
      if (isNote) advanceTo(end);
      else push('comment', source.slice(offset, end), end);
      continue;
    }
    if (character === '/' && source.startsWith('//', offset)) {
      let end = offset;
      while (end < source.length && source[end] !== '\n' && source[end] !== '\r') end += 1;
      advanceTo(end);
      continue;
    }
    if (character === "'" || character === '"') {
      const literal = readQuoted(character);
      if (!literal.terminated) {
        report(character === "'" ? 'unterminated name, expected "\'"' : "unterminated string, expected '\"'");
      }
      push(character === "'" ? 'name' : 'string', literal.text, literal.end, character === "'");
      continue;
    }
    if (isBasicNameStartCode(source.charCodeAt(offset))) {
      let end = offset + 1;
      while (end < source.length && isBasicNamePartCode(source.charCodeAt(end))) end += 1;
      const text = source.slice(offset, end);
      push(reservedKeywords.has(text) ? 'keyword' : 'name', text, end);
      continue;
    }
    if (isDigit(character)) {
      let end = offset + 1;
      while (end < source.length && isDigit(source[end] as string)) end += 1;
      const exponent = /^[eE][+-]?[0-9]+/.exec(source.slice(end, end + 40));
      if (exponent) end += exponent[0].length;
      push(exponent ? 'exponent' : 'decimal', source.slice(offset, end), end);
      continue;
    }
    const symbol = symbolsByFirst.get(character)?.find((candidate) => source.startsWith(candidate, offset));
    if (symbol) {
      push('symbol', symbol, offset + symbol.length);
      continue;
    }
    report(`unexpected character '${character}'`);
    advanceTo(offset + 1);
  }
  tokens.push({ kind: 'end-of-file', text: '', quoted: false, start: offset, end: offset, line, column });
  return { tokens, diagnostics };
}
