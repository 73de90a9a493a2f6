import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseSysml } from './parse-sysml.js';
import { maxNestingDepth } from './parser-context.js';

const levels = 2000;

const diagnosticsOf = (source: string, file: string) => {
  const parsed = parseSysml(source, { file });
  const model = buildSysmlModel([parsed.document]);
  return [...parsed.diagnostics, ...model.diagnostics].map(formatDiagnostic);
};

describe('excessive nesting', () => {
  it('reports 2,000 nested packages as one positioned error and checks the rest of the file', () => {
    const source = `package Top {\n${'package P { '.repeat(levels)}${'}'.repeat(levels)}\n  part def X :> Missing;\n}\n`;
    const column = 'package P { '.length * (maxNestingDepth - 1) + 'package P '.length + 1;
    expect(diagnosticsOf(source, 'deep.sysml')).toEqual([
      `deep.sysml:2:${column}: error: nesting deeper than ${maxNestingDepth} levels: its contents are skipped`,
      "deep.sysml:3:17: error: unresolved name 'Missing'",
    ]);
  });

  it('reports 2,000 nested parts the same way', () => {
    const source = `${'part p { '.repeat(levels)}${'}'.repeat(levels)}\npart def Y :> Absent;\n`;
    const messages = diagnosticsOf(source, 'parts.sysml');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^parts\.sysml:1:\d+: error: nesting deeper than \d+ levels/);
    expect(messages[1]).toBe("parts.sysml:2:15: error: unresolved name 'Absent'");
  });

  it('reports 2,000 nested parentheses as one positioned error and parses the next member', () => {
    const source = `part def Q {\n  attribute a = ${'('.repeat(levels)}1${')'.repeat(levels)};\n  attribute b :> Gone;\n}\n`;
    const messages = diagnosticsOf(source, 'expr.sysml');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(
      /^expr\.sysml:2:\d+: error: nesting deeper than \d+ levels in an expression$/,
    );
    expect(messages.join('\n')).not.toMatch(/internal parser error/);
    expect(messages[1]).toBe("expr.sysml:3:18: error: unresolved name 'Gone'");
  });
});
