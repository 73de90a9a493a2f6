import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ProtocolScript,
  type ProtocolServer,
  startOpenAiProtocolServer,
} from '../../test/protocol-server/index.js';
import { ModelError } from '../model-error.js';
import type { ModelRequest } from '../model-port.js';
import { type AiSdkModelOptions, createAiSdkModel } from './ai-sdk-model.js';

const servers: ProtocolServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function model(script: ProtocolScript, options: Partial<AiSdkModelOptions> = {}) {
  const server = await startOpenAiProtocolServer(script);
  servers.push(server);
  const port = createAiSdkModel({
    provider: 'openai-compatible',
    kind: 'openai-compatible',
    modelId: 'local-model',
    baseURL: `${server.url}/v1`,
    retry: { baseDelayMs: 5, maxDelayMs: 40, maxRetries: 3 },
    ...options,
  });
  return { server, port };
}

const ok = { kind: 'json', value: { ok: true } } as const;
const request = (signal?: AbortSignal): ModelRequest<{ ok: boolean }> => ({
  task: 'react',
  system: 's',
  prompt: 'p',
  context: [],
  schema: z.object({ ok: z.boolean() }),
  ...(signal === undefined ? {} : { signal }),
});

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ModelError.isInstance(error)) throw new Error(`expected a ModelError, got ${String(error)}`);
  return error;
}

describe('retries, timeouts and aborts through real HTTP', () => {
  it('waits out a 429 Retry-After, then succeeds on the second attempt', async () => {
    const { server, port } = await model([{ kind: 'status', status: 429, retryAfter: '1' }, ok], {
      retry: { baseDelayMs: 5, maxDelayMs: 5_000 },
    });
    const started = performance.now();
    const result = await port.generate(request());
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.response?.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('caps a long Retry-After at maxDelayMs', async () => {
    const { port } = await model([{ kind: 'status', status: 429, retryAfter: '3600' }, ok], {
      retry: { baseDelayMs: 5, maxDelayMs: 30 },
    });
    const started = performance.now();
    await port.generate(request());
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('retries a 500 and a reset connection', async () => {
    const { server, port } = await model([{ kind: 'status', status: 500 }, { kind: 'reset' }, ok]);
    const result = await port.generate(request());
    expect(result.object).toEqual({ ok: true });
    expect(result.response?.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after maxRetries with a retryable MODEL_UNAVAILABLE or MODEL_RATE_LIMITED', async () => {
    const failing = await model([{ kind: 'status', status: 503 }]);
    const unavailable = await rejection(failing.port.generate(request()));
    expect(unavailable).toMatchObject({ code: 'MODEL_UNAVAILABLE', isRetryable: true });
    expect(failing.server.requests).toHaveLength(4);
    const limited = await model([{ kind: 'status', status: 429 }], {
      retry: { baseDelayMs: 1, maxRetries: 1 },
    });
    expect((await rejection(limited.port.generate(request()))).code).toBe('MODEL_RATE_LIMITED');
    expect(limited.server.requests).toHaveLength(2);
  });

  it('times out a slow answer per attempt, retries, and reports MODEL_TIMEOUT', async () => {
    const slow = { kind: 'delay', ms: 2_000, reply: ok } as const;
    const recovering = await model([slow, ok], { timeoutMs: 100 });
    const result = await recovering.port.generate(request());
    expect(result.response?.attempts).toBe(2);
    const stuck = await model([slow], { timeoutMs: 80, retry: { baseDelayMs: 1, maxRetries: 1 } });
    const started = performance.now();
    const error = await rejection(stuck.port.generate(request()));
    expect(error.code).toBe('MODEL_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(stuck.server.requests).toHaveLength(2);
  });

  it('aborts the HTTP request when the caller aborts', async () => {
    const { server, port } = await model([{ kind: 'delay', ms: 5_000, reply: ok }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('lane cancelled')), 50);
    const started = performance.now();
    const error = await rejection(port.generate(request(controller.signal)));
    expect(error.code).toBe('MODEL_ABORTED');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });
});
