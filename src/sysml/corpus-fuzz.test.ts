import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { listCorpusFiles } from './corpus-files.js';
import { parseSysml } from './parse-sysml.js';

// Every fourth file keeps the run short while covering SysML, KerML and the library.
const sample = listCorpusFiles()
  .filter((_file, index) => index % 4 === 0)
  .map((file) => ({ name: file.name, text: readFileSync(file.path, 'utf8') }));

const edit = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('{', '}', '(', ';', 'then', 'accept', '#', '@', 'def', ':>>', '[', 'if', "'", '/*'),
  }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(source: string, change: Edit): string {
  const at = change.at % (source.length + 1);
  if (change.kind === 'truncate') return source.slice(0, at);
  if (change.kind === 'delete') return source.slice(0, at) + source.slice(at + change.length);
  return source.slice(0, at) + change.text + source.slice(at);
}

describe('parseSysml on truncated and mutated release files', () => {
  it('never throws, never reports an internal error and finishes quickly', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: sample.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (index, edits) => {
          const file = sample[index] as (typeof sample)[number];
          const source = edits.reduce(apply, file.text);
          const started = performance.now();
          const result = parseSysml(source, { file: file.name });
          for (const diagnostic of result.diagnostics) {
            expect(diagnostic.message).not.toMatch(/internal parser error/);
            expect(diagnostic.line).toBeGreaterThanOrEqual(1);
          }
          buildSysmlModel([result.document], { standardLibrary: false }).definitions();
          expect(performance.now() - started).toBeLessThan(2_000);
        },
      ),
      { numRuns: 150, seed: 20_261_201 },
    );
  });
});
