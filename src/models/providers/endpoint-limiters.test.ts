import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ProtocolServer, startOpenAiProtocolServer } from '../../test/protocol-server/index.js';
import { createAiSdkModel } from './ai-sdk-model.js';
import { createConcurrencyLimiter, createEndpointLimiters } from './endpoint-limiters.js';

const servers: ProtocolServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('endpoint limiters', () => {
  it('caps the requests one endpoint sees, across adapters sharing the registry', async () => {
    const server = await startOpenAiProtocolServer([
      { kind: 'delay', ms: 40, reply: { kind: 'json', value: { n: 1 } } },
    ]);
    servers.push(server);
    const limiters = createEndpointLimiters();
    const adapters = [1, 2].map(() =>
      createAiSdkModel({
        provider: 'ollama',
        kind: 'openai-compatible',
        modelId: 'qwen2.5-coder:7b',
        baseURL: `${server.url}/v1`,
        limiters,
      }),
    );
    const calls = Array.from({ length: 8 }, (_, index) =>
      adapters[index % 2]?.generate({
        task: 'react',
        system: '',
        prompt: 'p',
        context: [],
        schema: z.object({ n: z.number() }),
      }),
    );
    await Promise.all(calls);
    expect(server.requests).toHaveLength(8);
    expect(server.maxConcurrent).toBe(2);
  });

  it('keeps one limiter per provider and base URL, with per-provider limits', () => {
    const limiters = createEndpointLimiters({ defaultLimit: 5, perProvider: { openrouter: 3 } });
    expect(limiters.forEndpoint('ollama', 'http://a')).toBe(limiters.forEndpoint('ollama', 'http://a'));
    expect(limiters.forEndpoint('ollama', 'http://a')).not.toBe(limiters.forEndpoint('ollama', 'http://b'));
    expect(limiters.forEndpoint('ollama', 'http://a').limit).toBe(2);
    expect(limiters.forEndpoint('openrouter', undefined).limit).toBe(3);
    expect(limiters.forEndpoint('openai', undefined).limit).toBe(5);
  });

  it('passes freed slots in order and drops aborted waiters', async () => {
    const limiter = createConcurrencyLimiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    release();
    const releaseNext = await next;
    expect(limiter.active).toBe(1);
    releaseNext();
    expect(limiter.active).toBe(0);
  });
});
