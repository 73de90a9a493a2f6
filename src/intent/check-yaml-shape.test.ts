import { describe, expect, it } from 'vitest';
import { findExcessiveNesting, MAX_INTENT_DEPTH } from './check-yaml-shape.js';
import { formatIntentProblem } from './intent-problem.js';
import { parseIntentYaml } from './parse-intent-yaml.js';

const HEAD =
  'mission_id: mi_2026-11-22_000001\ncreated_at: 2026-11-22T10:00:00Z\nobjective: Find the slowest endpoints\n';

function problems(text: string): string[] {
  const result = parseIntentYaml(text, 'i.yml');
  if (result.ok) throw new Error('expected the intent to be refused');
  return result.problems.map(formatIntentProblem);
}

describe('intent input limits', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'rejects an unknown key named like an object built-in: %s',
    (name) => {
      expect(problems(`${HEAD}${name}: 1\n`)).toEqual([`i.yml:4:1 ${name}: unknown field`]);
      expect(problems(`${HEAD}quorum:\n  ${name}: 1\n`)).toEqual([`i.yml:5:3 quorum.${name}: unknown field`]);
    },
  );

  it('rejects complex keys (a list or a map as a key) with their position', () => {
    expect(problems(`${HEAD}? [a, b]\n: 1\n`)).toEqual([
      'i.yml:4:3 yaml: complex keys (a list or map as a key) are not allowed; use a plain name',
    ]);
    expect(problems(`${HEAD}quorum:\n  {a: 1}: x\n`)[0]).toMatch(/^i\.yml:5:3 yaml: complex keys/);
  });

  it('rejects a 100k-deep flow collection with a position, without parsing it', () => {
    const deep = `${HEAD}lanes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const lines = problems(deep);
    expect(lines).toEqual([
      `i.yml:4:${7 + MAX_INTENT_DEPTH} yaml: nested more than ${MAX_INTENT_DEPTH} levels deep; an intent is never this deep`,
    ]);
    // The top-level map is one level: 63 brackets inside it are the most an intent may hold.
    // The scan stops at the first level too deep: it reads the head of the file, not the rest.
    expect(findExcessiveNesting(deep)?.offset).toBe(HEAD.length + 6 + MAX_INTENT_DEPTH);
  });

  it('rejects deep block nesting and deep flow maps the same way', () => {
    const block = Array.from({ length: 70 }, (_, depth) => `${'  '.repeat(depth)}k${depth}:`).join('\n');
    expect(problems(`${HEAD}${block}\n`)[0]).toMatch(/^i\.yml:\d+:\d+ yaml: nested more than 64 levels/);
    expect(problems(`${HEAD}x: ${'{a: '.repeat(80)}1${'}'.repeat(80)}\n`)[0]).toMatch(/nested more than 64/);
  });

  it('counts no brackets inside quoted scalars or comments, and no apostrophe as a quote', () => {
    const text = `${HEAD}owner: it's a '${'['.repeat(100)}' "${'{'.repeat(100)}" # ${'['.repeat(100)}\n`;
    expect(findExcessiveNesting(text)).toBeUndefined();
    expect(findExcessiveNesting(`${HEAD}x: ${'['.repeat(100)}`)).toBeDefined();
  });
});
