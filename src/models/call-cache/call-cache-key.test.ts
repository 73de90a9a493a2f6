import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ModelRequest, ModelTool } from '../model-port.js';
import { callCacheKey, canonicalJson } from './call-cache-key.js';

/** The key as it was computed before the fast path (one canonical copy of everything): keys on disk. */
function referenceKey(port: { provider: string; modelId: string }, request: ModelRequest<unknown>): string {
  const schemaOf = (schema: z.ZodType<unknown>) => z.toJSONSchema(schema, { unrepresentable: 'any' });
  const material = {
    provider: port.provider,
    modelId: port.modelId,
    task: request.task,
    system: request.system,
    prompt: request.prompt,
    context: request.context.map((excerpt) => ({
      id: excerpt.id ?? null,
      ref: excerpt.ref,
      text: excerpt.text,
    })),
    input: request.input ?? null,
    schema: schemaOf(request.schema),
    tools: (request.tools ?? []).map((tool) => ({
      name: tool.name,
      inputSchema: schemaOf(tool.inputSchema),
    })),
    maxSteps: request.maxSteps ?? null,
    maxOutputTokens: request.maxOutputTokens ?? null,
  };
  return createHash('sha256').update(canonicalJson(material)).digest('hex');
}

const port = { provider: 'openai', modelId: 'gpt-test' };
const answer = z.object({
  summary: z.string(),
  claims: z.array(z.object({ text: z.string(), refs: z.array(z.string()) })),
});
const transformed = z.object({ n: z.string().transform((text) => text.length) }).describe('with a transform');
const search: ModelTool = {
  name: 'search',
  description: 'Search.',
  inputSchema: z.object({ query: z.string(), limit: z.number().int().optional() }),
  execute: async () => '{}',
};
const readTool: ModelTool = { ...search, name: 'read_file', inputSchema: z.object({ path: z.string() }) };

function base(overrides: Partial<ModelRequest<unknown>> = {}): ModelRequest<unknown> {
  return {
    task: 'react',
    system: 'You are a lane.',
    prompt: 'Summarise "the" service\n\ttabs, quotes \\ and unicode: é 漢 \u2028 😀',
    context: [
      {
        id: 'E1',
        ref: { path: 'src/orders.ts', lines: [3, 9], sha256: 'ab'.repeat(32) } as never,
        text: 'export function order() {}\n',
        score: 0.5,
      },
      { ref: { path: 'b.ts', lines: [1, 1] } as never, text: '', score: 0 },
    ],
    schema: answer,
    ...overrides,
  };
}

const variants: [string, ModelRequest<unknown>][] = [
  ['plain', base()],
  ['no context', base({ context: [] })],
  [
    'input with sorted-late and integer-like keys',
    base({ input: { zeta: 1, alpha: [3, { b: 2, a: 1 }], 10: 'x', 9: 'y' } }),
  ],
  ['input null / string / array', base({ input: ['x', null, { y: undefined, z: 2 }] })],
  ['input with a Date and undefined', base({ input: { when: new Date(0), gone: undefined } })],
  [
    'input with nested plain data',
    base({ input: { b: [1.5, -0, 1e21, true, null, { z: 'é', y: [[]] }], a: {}, '': 'e', A: NaN } }),
  ],
  [
    'input with an object without prototype',
    base({ input: Object.assign(Object.create(null), { b: 1, a: [undefined] }) }),
  ],
  [
    'input with toJSON and a Map',
    base({ input: { a: { toJSON: () => ({ z: 1, y: 2 }) }, m: new Map([[1, 2]]) } }),
  ],
  ['input with mixed integer-like keys deep', base({ input: { list: [{ 2: 'b', 1: 'a', x: 'c' }] } })],
  ['tools', base({ tools: [search, readTool] })],
  ['empty tools', base({ tools: [] })],
  ['limits', base({ maxSteps: 4, maxOutputTokens: 0 })],
  ['schema with a transform', base({ schema: transformed })],
  ['other task', base({ task: 'judge', system: '' })],
  ['system missing at run time', base({ system: undefined as never })],
];

describe('callCacheKey', () => {
  it.each(variants)('is byte-identical to the reference key (%s)', (_name, request) => {
    expect(callCacheKey(port, request)).toBe(referenceKey(port, request));
    // A second call (schemas now remembered) gives the same key.
    expect(callCacheKey(port, request)).toBe(referenceKey(port, request));
  });

  it('differs whenever a part of the request differs', () => {
    const keys = new Set(variants.map(([, request]) => callCacheKey(port, request)));
    // `tools: []` and no tools are the same request: every other variant has its own key.
    expect(keys.size).toBe(variants.length - 1);
    expect(callCacheKey({ ...port, modelId: 'other' }, base())).not.toBe(callCacheKey(port, base()));
  });

  it('keys a changed schema by its content, not by a stale remembered copy', () => {
    const first = z.object({ a: z.string() });
    const second = z.object({ a: z.number() });
    expect(callCacheKey(port, base({ schema: first }))).not.toBe(
      callCacheKey(port, base({ schema: second })),
    );
    expect(callCacheKey(port, base({ schema: first.describe('now described') }))).toBe(
      referenceKey(port, base({ schema: first.describe('now described') })),
    );
  });
});
