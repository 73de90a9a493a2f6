import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ProtocolServer, startOpenAiProtocolServer } from '../../test/protocol-server/index.js';
import { ModelError } from '../model-error.js';
import type { ModelRequest, ModelTool } from '../model-port.js';
import { createAiSdkModel } from '../providers/index.js';
import { createCallCache } from './call-cache.js';
import { callCacheKey } from './call-cache-key.js';
import { withCallCache } from './with-call-cache.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((run) => run()));
});

async function setup() {
  const server: ProtocolServer = await startOpenAiProtocolServer([
    { kind: 'tool-calls', calls: [{ name: 'search', input: { query: 'retry' } }] },
    { kind: 'json', value: { summary: 'done' }, usage: { input: 40, output: 8, cached: 4 } },
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'swarmlord-cache-'));
  cleanup.push(
    () => server.close(),
    () => rm(dir, { recursive: true, force: true }),
  );
  const model = createAiSdkModel({
    provider: 'openai',
    kind: 'openai',
    modelId: 'gpt-test',
    baseURL: `${server.url}/v1`,
    apiKey: 'test-key',
  });
  return { server, dir, model, cache: createCallCache({ dir, env: {} }) };
}

function request(executed: string[], prompt = 'Summarise.'): ModelRequest<{ summary: string }> {
  const search: ModelTool = {
    name: 'search',
    description: 'search the workspace',
    inputSchema: z.object({ query: z.string() }),
    execute: async (input) => {
      executed.push(JSON.stringify(input));
      return 'found it';
    },
  };
  return {
    task: 'observe',
    system: 'observer',
    prompt,
    context: [],
    schema: z.object({ summary: z.string() }),
    tools: [search],
    scope: { lane_id: 'lane-1', phase: 'perceive', role: 'observer' },
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('withCallCache', () => {
  it('records, then replays with no request, re-running the recorded tool calls', async () => {
    const { server, model, cache, dir } = await setup();
    const recordedTools: string[] = [];
    const recorded = await withCallCache(model, { cache, mode: 'record' }).generate(request(recordedTools));
    expect(recorded.response?.cache).toBe('miss');
    expect(server.requests).toHaveLength(2);
    const files = await filesUnder(dir);
    expect(files).toHaveLength(1);
    const key = callCacheKey(model, request([]) as ModelRequest<unknown>);
    expect(files[0]).toBe(join(dir, key.slice(0, 2), `${key}.json`));

    const replayedTools: string[] = [];
    const replayed = await withCallCache(model, { cache, mode: 'replay' }).generate(request(replayedTools));
    expect(server.requests).toHaveLength(2);
    expect(replayed.object).toEqual({ summary: 'done' });
    expect(replayed.usage).toEqual(recorded.usage);
    expect(replayed.response?.cache).toBe('hit');
    expect(replayedTools).toEqual(recordedTools);
    expect(replayedTools).toEqual(['{"query":"retry"}']);
  });

  it('names the task, scope and key on a replay miss, sending nothing', async () => {
    const { server, model, cache } = await setup();
    const error = await withCallCache(model, { cache, mode: 'replay' })
      .generate(request([]))
      .catch((caught: unknown) => caught);
    if (!ModelError.isInstance(error)) throw new Error('expected a ModelError');
    expect(error.code).toBe('MODEL_REPLAY_MISS');
    expect(error.message).toContain('observe');
    expect(error.message).toContain('lane lane-1 / phase perceive / role observer');
    expect(error.message).toContain(callCacheKey(model, request([]) as ModelRequest<unknown>));
    expect(server.requests).toHaveLength(0);
  });

  it('keeps secrets out of cache files', async () => {
    const secret = 'sk-test1234567890abcdefghijklmnop';
    const server = await startOpenAiProtocolServer([
      { kind: 'json', value: { summary: `the key is ${secret}` } },
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'swarmlord-cache-'));
    cleanup.push(
      () => server.close(),
      () => rm(dir, { recursive: true, force: true }),
    );
    const model = createAiSdkModel({
      provider: 'openai',
      kind: 'openai',
      modelId: 'm',
      baseURL: `${server.url}/v1`,
      apiKey: secret,
    });
    const cached = withCallCache(model, { cache: createCallCache({ dir, env: {} }), mode: 'record' });
    await cached.generate({ ...request([], `use ${secret} to call`), tools: [] });
    const [file] = await filesUnder(dir);
    const text = await readFile(file ?? '', 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
    expect(file?.endsWith('.tmp')).toBe(false);
  });

  it('passes through with cache off', async () => {
    const { server, model, cache, dir } = await setup();
    const result = await withCallCache(model, { cache, mode: 'off' }).generate(request([]));
    expect(result.response?.cache).toBe('off');
    expect(server.requests).toHaveLength(2);
    expect(await filesUnder(dir)).toHaveLength(0);
  });
});

describe('callCacheKey', () => {
  it('ignores credentials and base URLs but not the prompt, schema or limits', () => {
    const base = request([]) as ModelRequest<unknown>;
    const key = callCacheKey({ provider: 'openai', modelId: 'm' }, base);
    expect(callCacheKey({ provider: 'openai', modelId: 'm' }, { ...base })).toBe(key);
    expect(callCacheKey({ provider: 'openai', modelId: 'm' }, { ...base, prompt: 'other' })).not.toBe(key);
    expect(callCacheKey({ provider: 'openai', modelId: 'm' }, { ...base, maxSteps: 3 })).not.toBe(key);
    expect(
      callCacheKey(
        { provider: 'openai', modelId: 'm' },
        { ...base, schema: z.object({ other: z.string() }) },
      ),
    ).not.toBe(key);
    expect(callCacheKey({ provider: 'openai', modelId: 'n' }, base)).not.toBe(key);
  });
});
