import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hashLineRange } from '../contracts/index.js';
import { createWorkspaceIndex, scanWorkspace } from '../tools/index.js';
import { ModelError } from './model-error.js';
import { ClaimsOutputSchema, ObserveOutputSchema } from './model-tasks.js';
import { classifyCynefin } from './offline-cynefin.js';
import { createOfflineEngine } from './offline-engine.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

async function observeSample(query: string) {
  const index = createWorkspaceIndex(await scanWorkspace(sample));
  const engine = createOfflineEngine();
  const context = index.search(query, { limit: 10 });
  return engine.generate({
    task: 'observe',
    system: 'observer',
    prompt: query,
    context,
    input: { objective: query, persona: 'risk', queries: [query], feedback: [] },
    schema: ObserveOutputSchema,
  });
}

describe('offline engine', () => {
  it('makes observations whose refs resolve against the workspace', async () => {
    const { object } = await observeSample('payment retries idempotency timeout');
    expect(object.observations.length).toBeGreaterThan(0);
    for (const observation of object.observations) {
      const ref = observation.evidence_refs[0];
      if (ref?.kind !== 'file') throw new Error('expected a file ref');
      const text = await readFile(`${sample}/${ref.path}`, 'utf8');
      expect(hashLineRange(text, ref.lines)).toBe(ref.sha256);
      expect(text).toContain(ref.quote ?? 'missing quote');
    }
  });

  it('is deterministic', async () => {
    const first = await observeSample('session token secret');
    const second = await observeSample('session token secret');
    expect(second).toEqual(first);
  });

  it('turns observations into claims that quote their evidence', async () => {
    const { object } = await observeSample('SQL injection');
    const engine = createOfflineEngine();
    const { object: claims } = await engine.generate({
      task: 'claims',
      system: 'assimilator',
      prompt: 'claims',
      context: [],
      input: { objective: 'risks', persona: 'risk', observations: object.observations, feedback: [] },
      schema: ClaimsOutputSchema,
    });
    expect(claims.claims).toHaveLength(object.observations.length);
    const quoted = claims.claims.find((claim) => claim.text.includes('pool.ts'));
    expect(quoted?.evidence_refs[0]).toEqual(
      object.observations.find((observation) => observation.text.includes('pool.ts'))?.evidence_refs[0],
    );
  });

  it('refuses to judge instead of pretending', async () => {
    const engine = createOfflineEngine();
    const call = engine.generate({ task: 'judge', system: '', prompt: '', context: [], schema: z.unknown() });
    await expect(call).rejects.toSatisfy(
      (error) => ModelError.isInstance(error) && error.code === 'MODEL_TASK_UNSUPPORTED',
    );
  });
});

describe('classifyCynefin', () => {
  const observation = (path: string, text = 'fine') => ({
    id: path,
    text,
    evidence_refs: [
      { kind: 'file' as const, path, lines: [1, 1] as [number, number], sha256: 'a'.repeat(64) },
    ],
  });

  it('maps evidence spread to a domain', () => {
    const classify = (observations: ReturnType<typeof observation>[]) =>
      classifyCynefin({ objective: 'x', observations, similarCaseCount: 0 }).cynefin_domain;
    expect(classify([])).toBe('confused');
    expect(classify([observation('a.ts'), observation('a.ts')])).toBe('clear');
    expect(classify([observation('a.ts'), observation('b.ts')])).toBe('complicated');
    expect(classify(['a', 'b', 'c', 'd', 'e'].map((name) => observation(`${name}.ts`)))).toBe('complex');
    expect(classify([observation('a.ts', 'the service crashed with data loss')])).toBe('chaotic');
  });
});
