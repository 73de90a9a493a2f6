import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer.js';

const kindsAndTexts = (source: string): string[] =>
  tokenize(source).tokens.map((token) => `${token.kind}:${token.text}`);

describe('tokenize', () => {
  it('takes the longest symbol first', () => {
    expect(kindsAndTexts('::> :>> :: :> := .. ** ::* ::**')).toEqual([
      'symbol:::>',
      'symbol::>>',
      'symbol:::',
      'symbol::>',
      'symbol::=',
      'symbol:..',
      'symbol:**',
      'symbol:::',
      'symbol:*',
      'symbol:::',
      'symbol:**',
      'end-of-file:',
    ]);
  });

  it('unescapes unrestricted names and keeps them apart from keywords', () => {
    const [name, keyword, quotedKeyword] = tokenize("'it\\'s a \\\"name\\\"\\n' part 'part'").tokens;
    expect(name).toMatchObject({ kind: 'name', text: 'it\'s a "name"\n', quoted: true });
    expect(keyword).toMatchObject({ kind: 'keyword', text: 'part' });
    expect(quotedKeyword).toMatchObject({ kind: 'name', text: 'part', quoted: true });
  });

  it('drops notes, keeps regular comments, and counts lines across CRLF', () => {
    const tokens = tokenize('// note\r\n//* multi\nline */ a /* doc */\r\n  b').tokens;
    expect(tokens.map((token) => [token.kind, token.text, token.line, token.column])).toEqual([
      ['name', 'a', 3, 9],
      ['comment', '/* doc */', 3, 11],
      ['name', 'b', 4, 3],
      ['end-of-file', '', 4, 4],
    ]);
  });

  it('splits reals into DECIMAL . DECIMAL and lexes EXP', () => {
    expect(kindsAndTexts('4.0 1e5 2E-3 1..5')).toEqual([
      'decimal:4',
      'symbol:.',
      'decimal:0',
      'exponent:1e5',
      'exponent:2E-3',
      'decimal:1',
      'symbol:..',
      'decimal:5',
      'end-of-file:',
    ]);
  });

  it('reports unterminated literals and bad characters with positions', () => {
    const result = tokenize('a "open\n`\n/* never closed', 'x.sysml');
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      `1:3 unterminated string, expected '"'`,
      "2:1 unexpected character '`'",
      "3:1 unterminated comment, expected '*/'",
    ]);
  });
});
