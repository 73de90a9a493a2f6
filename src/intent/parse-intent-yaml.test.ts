import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIntentProblem } from './intent-problem.js';
import { parseIntentYaml } from './parse-intent-yaml.js';

const fixtures = join(import.meta.dirname, 'fixtures');

function problemLines(name: string): string[] {
  const result = parseIntentYaml(readFileSync(join(fixtures, name), 'utf8'), name);
  if (result.ok) throw new Error(`expected ${name} to be invalid`);
  return result.problems.map(formatIntentProblem);
}

describe('parseIntentYaml', () => {
  it('accepts a complete intent and keeps every value', () => {
    const result = parseIntentYaml(readFileSync(join(fixtures, 'valid-full.yml'), 'utf8'), 'valid-full.yml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.intent.lanes).toEqual([
      { id: 'lane-a', model: 'offline', persona: 'security' },
      { id: 'lane-b', model: 'openai:gpt-4o-mini' },
    ]);
    expect(result.intent.telemetry.otel_format).toBe('yaml');
    expect(result.intent.outputs.digest_dir).toBe('out/digests');
    expect(result.intent.clarifications).toHaveLength(3);
    expect(result.intent.scope).toEqual({ include: ['src/**'], exclude: ['src/legacy/**'] });
    expect(result.intent.criteria).toHaveLength(1);
    expect(result.intent.version).toBe(1);
  });

  it('refuses values of fields the run does not act on yet, naming the field and its location', () => {
    const lines = problemLines('unimplemented-field.yml');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^unimplemented-field\.yml:5:3 tooling\.receipts_required: not implemented yet: only true/,
    );
    expect(lines[1]).toMatch(/^unimplemented-field\.yml:6:1 anytime_behavior: not implemented yet/);
  });

  it('fills every default into a minimal intent', () => {
    const result = parseIntentYaml(readFileSync(join(fixtures, 'minimal.yml'), 'utf8'), 'minimal.yml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.intent.lanes).toBe(2);
    expect(result.intent.quorum).toEqual({
      validators: ['immunizer', 'disruptor', 'verifier_aux'],
      threshold: 2,
    });
    expect(result.intent.verify.hallucination_rate_target).toBe(0.1);
    expect(result.intent.outputs.digest_dir).toBe('hfo_digests');
  });

  it('points a quorum above the validator count at the threshold key', () => {
    expect(problemLines('quorum-threshold.yml')).toEqual([
      'quorum-threshold.yml:7:3 quorum.threshold: must be ≤ the number of validators (3), got 4',
    ]);
  });

  it('reports every YAML syntax error with its position and nothing else', () => {
    expect(problemLines('syntax-error.yml')).toEqual([
      'syntax-error.yml:4:1 yaml: Map keys must be unique',
      'syntax-error.yml:7:3 yaml: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    const unclosed = parseIntentYaml('objective: "open\nlanes: 2\n', 'q.yml');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok)
      expect(unclosed.problems.map(formatIntentProblem)).toEqual(['q.yml:3:1 yaml: Missing closing "quote']);
  });

  it('says what type was expected and what was found', () => {
    expect(problemLines('wrong-type.yml')).toEqual([
      'wrong-type.yml:6:3 safety.chunk_size_max: must be a number, got "two"',
    ]);
  });

  it('names lane_concurrency when it is not a whole number ≥ 1', () => {
    const base = 'mission_id: m1\ncreated_at: 2026-11-22T10:00:00Z\nobjective: x\nlanes: 6\n';
    const zero = parseIntentYaml(`${base}lane_concurrency: 0\n`, 'c.yml');
    expect(zero.ok ? [] : zero.problems.map(formatIntentProblem)).toEqual([
      'c.yml:5:1 lane_concurrency: must be ≥ 1, got 0',
    ]);
    const half = parseIntentYaml(`${base}lane_concurrency: 1.5\n`, 'c.yml');
    expect(half.ok ? [] : half.problems.map(formatIntentProblem)).toEqual([
      'c.yml:5:1 lane_concurrency: must be an integer, got 1.5',
    ]);
    const two = parseIntentYaml(`${base}lane_concurrency: 2\n`, 'c.yml');
    expect(two.ok && two.intent.lane_concurrency).toBe(2);
  });

  it('rejects an unknown key and suggests the field it probably meant', () => {
    expect(problemLines('unknown-key.yml')).toEqual([
      "unknown-key.yml:4:1 qourum: unknown field (did you mean 'quorum'?)",
    ]);
  });

  it('reports every problem of a file at once, in file order', () => {
    expect(problemLines('many-problems.yml')).toEqual([
      'many-problems.yml:1:1 mission_id: must contain only letters, digits, - and _',
      'many-problems.yml:1:1 objective: is required',
      'many-problems.yml:2:1 created_at: must be an ISO 8601 date-time such as 2026-11-22T10:00:00Z, got "yesterday"',
      'many-problems.yml:3:1 lanes: must be a number or a list, got "two"',
      'many-problems.yml:5:3 telemetry.otel_format: must be one of json, yaml, got "xml"',
      // A consequence of the bad target, located at the section because the fail rate is a default.
      'many-problems.yml:6:1 verify.hallucination_rate_fail: must be ≥ hallucination_rate_target (1.5), got 0.2',
      'many-problems.yml:7:3 verify.hallucination_rate_target: must be ≤ 1, got 1.5',
      "many-problems.yml:8:3 verify.max_rerun: unknown field (did you mean 'max_reruns'?)",
      'many-problems.yml:10:5 clarifications[0].answer: is required',
      'many-problems.yml:10:5 clarifications[0].pass: must be ≥ 1, got 0',
    ]);
  });

  it('locates a missing nested field at its parent and an empty document at 1:1', () => {
    const nested = parseIntentYaml(
      'mission_id: m1\ncreated_at: 2026-11-22T10:00:00Z\nobjective: x\nclarifications:\n  - pass: 1\n    answer: yes\n',
      'n.yml',
    );
    expect(nested.ok).toBe(false);
    if (!nested.ok) {
      expect(nested.problems.map(formatIntentProblem)).toEqual([
        'n.yml:5:5 clarifications[0].question: is required',
      ]);
    }
    const empty = parseIntentYaml('', 'empty.yml');
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect(empty.problems.map(formatIntentProblem)).toEqual([
        'empty.yml:1:1 (root): must be a map, got nothing',
      ]);
  });

  it('checks keys inside lane lists and treats a value-less key as present', () => {
    const result = parseIntentYaml(
      'mission_id: m1\ncreated_at: 2026-11-22T10:00:00Z\nobjective: x\nlanes:\n  - id: a\n    modle: offline\nworkspace:\n',
      'l.yml',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatIntentProblem)).toEqual([
      "l.yml:6:5 lanes[0].modle: unknown field (did you mean 'model'?)",
      'l.yml:7:1 workspace: must be a string, got nothing',
    ]);
  });
});
