import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ProtocolServer, startOpenAiProtocolServer } from '../../test/protocol-server/index.js';
import { ModelError } from '../model-error.js';
import { checkModelEndpoint } from './check-model-endpoint.js';
import { createModelFromSpec } from './create-model-from-spec.js';

const servers: ProtocolServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const request = {
  task: 'react' as const,
  system: 's',
  prompt: 'p',
  context: [],
  schema: z.object({ ok: z.boolean() }),
};

describe('createModelFromSpec', () => {
  it('fails at creation with MODEL_CONFIG_INVALID when a key is missing', () => {
    expect(() => createModelFromSpec('openai:gpt-4o', { env: {} })).toThrow(
      expect.objectContaining({
        code: 'MODEL_CONFIG_INVALID',
        message: expect.stringContaining('OPENAI_API_KEY'),
      }),
    );
    expect(ModelError.isInstance(new ModelError('MODEL_CONFIG_INVALID', 'x'))).toBe(true);
  });

  it('returns the offline engine for offline', () => {
    expect(createModelFromSpec('offline', { env: {} }).provider).toBe('offline');
  });

  it('reaches an Ollama-style server through OLLAMA_BASE_URL, priced by the intent', async () => {
    const server = await startOpenAiProtocolServer([
      { kind: 'json', value: { ok: true }, usage: { input: 1000, output: 100 } },
    ]);
    servers.push(server);
    const model = createModelFromSpec('ollama:qwen2.5-coder:7b', {
      env: { OLLAMA_BASE_URL: `${server.url}/v1` },
      prices: { 'ollama:qwen2.5-coder:7b': { input_per_mtok: 1, output_per_mtok: 2 } },
    });
    const result = await model.generate(request);
    expect(result.object).toEqual({ ok: true });
    expect(result.costUsd).toBeCloseTo(0.0012, 9);
    expect(server.requests[0]?.body).toMatchObject({ model: 'qwen2.5-coder:7b' });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('sends OPENAI_API_KEY to an openai-compatible server and leaves unknown models unpriced', async () => {
    const server = await startOpenAiProtocolServer([{ kind: 'json', value: { ok: true } }]);
    servers.push(server);
    const model = createModelFromSpec('openai-compatible:tiny', {
      env: { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'local-key' },
    });
    const result = await model.generate(request);
    expect(result.costUsd).toBeUndefined();
    expect(server.requests[0]?.headers.authorization).toBe('Bearer local-key');
  });
});

describe('checkModelEndpoint', () => {
  it('reports a live endpoint, a dead one and a missing key', async () => {
    const server = await startOpenAiProtocolServer([]);
    servers.push(server);
    const live = await checkModelEndpoint('ollama:m', { OLLAMA_BASE_URL: `${server.url}/v1` });
    expect(live.ok).toBe(true);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
    const dead = await checkModelEndpoint(
      'ollama:m',
      { OLLAMA_BASE_URL: 'http://127.0.0.1:9/v1' },
      { timeoutMs: 500 },
    );
    expect(dead.ok).toBe(false);
    const missing = await checkModelEndpoint('anthropic:claude-sonnet-4-5', {});
    expect(missing).toMatchObject({ ok: false, detail: expect.stringContaining('ANTHROPIC_API_KEY') });
  });
});
