import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { parseSysml } from './parse-sysml.js';

const fixturesFolder = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtures = readdirSync(fixturesFolder)
  .filter((name) => name.endsWith('.sysml'))
  .sort()
  .map((name) => readFileSync(join(fixturesFolder, name), 'utf8'));

/** Fragments that stress the parser: unbalanced delimiters, keywords out of place, half tokens. */
const fragments = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '::',
  '::*',
  '::**',
  ':>>',
  ':>',
  ':',
  '=',
  ':=',
  '..',
  '.',
  '~',
  '#',
  '@',
  'part',
  'def',
  'part def',
  'package',
  'import',
  'private',
  'alias',
  'for',
  'doc',
  'comment',
  'about',
  'end',
  'connect',
  'to',
  'interface',
  'require constraint {',
  'subject',
  'flow',
  'transition',
  'if',
  '?',
  'else',
  'new',
  '/*',
  '*/',
  '//',
  "'",
  '"',
  "'quoted name'",
  '"text"',
  '1.5e3',
  '[kg]',
  "<'1'>",
  'abstract',
  'ref',
  'in',
  '\n',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number; to: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 60 }),
    to: fc.nat(),
  }),
);

function mutate(source: string, mutation: Mutation): string {
  const at = mutation.at % (source.length + 1);
  switch (mutation.kind) {
    case 'delete':
      return source.slice(0, at) + source.slice(at + mutation.length);
    case 'insert':
      return source.slice(0, at) + mutation.text + source.slice(at);
    case 'duplicate': {
      const span = source.slice(at, at + mutation.length);
      const to = mutation.to % (source.length + 1);
      return source.slice(0, to) + span + source.slice(to);
    }
  }
}

describe('parseSysml under mutation', () => {
  it('never throws, always finishes, and reports positions inside the text', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }),
        (fixtureIndex, mutations) => {
          const source = mutations.reduce(mutate, fixtures[fixtureIndex] as string);
          const started = performance.now();
          const result = parseSysml(source, { file: 'fuzz.sysml' });
          const lineCount = source.split(/\r\n|\r|\n/).length;
          for (const diagnostic of result.diagnostics) {
            expect(diagnostic.line).toBeGreaterThanOrEqual(1);
            expect(diagnostic.line).toBeLessThanOrEqual(lineCount);
            expect(diagnostic.column).toBeGreaterThanOrEqual(1);
            expect(diagnostic.message).not.toMatch(/internal parser error/);
          }
          const model = buildSysmlModel([result.document], { standardLibrary: false });
          model.definitions();
          model.requirements();
          model.agents();
          expect(performance.now() - started).toBeLessThan(2_000);
        },
      ),
      { numRuns: 200, seed: 20_260_614 },
    );
  });

  it('survives pathological input', () => {
    for (const source of [
      '{'.repeat(500),
      '}'.repeat(500),
      '('.repeat(200),
      'part '.repeat(300),
      "'",
      '/*',
      '::',
    ]) {
      expect(() => parseSysml(source)).not.toThrow();
    }
  });
});
