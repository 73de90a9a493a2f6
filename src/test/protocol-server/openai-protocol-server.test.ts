import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolServer } from './index.js';
import { startAnthropicProtocolServer, startOpenAiProtocolServer } from './index.js';

const servers: ProtocolServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('OpenAI protocol server', () => {
  it('answers JSON completions with usage and records the parsed request', async () => {
    const server = await startOpenAiProtocolServer((request) => ({
      kind: 'json',
      value: { echoed: (request.body as { model: string }).model },
      usage: { input: 12, output: 3, cached: 8 },
    }));
    servers.push(server);
    const response = await post(`${server.url}/v1/chat/completions`, { model: 'm1', messages: [] });
    const body = (await response.json()) as { choices: { message: { content: string } }[]; usage: unknown };
    expect(JSON.parse(body.choices[0]?.message.content ?? '')).toEqual({ echoed: 'm1' });
    expect(body.usage).toMatchObject({ prompt_tokens: 12, prompt_tokens_details: { cached_tokens: 8 } });
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v1/chat/completions',
        body: { model: 'm1', messages: [] },
      }),
    ]);
  });

  it('streams server-sent events when stream is true', async () => {
    const server = await startOpenAiProtocolServer([{ kind: 'text', text: 'hello' }]);
    servers.push(server);
    const response = await post(`${server.url}/v1/chat/completions`, {
      model: 'm',
      messages: [],
      stream: true,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter((line) => line.startsWith('data: '));
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice(6)));
    expect(chunks.map((chunk) => chunk.choices[0].delta.content ?? '').join('')).toBe('hello');
    expect(chunks.at(-1)).toMatchObject({
      choices: [{ finish_reason: 'stop' }],
      usage: { completion_tokens: 5 },
    });
  });

  it('lists models, scripts statuses with Retry-After, and resets connections', async () => {
    const server = await startOpenAiProtocolServer([
      { kind: 'status', status: 429, retryAfter: '2' },
      { kind: 'reset' },
    ]);
    servers.push(server);
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200);
    const limited = await post(`${server.url}/v1/chat/completions`, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    await expect(post(`${server.url}/v1/chat/completions`, {})).rejects.toThrow();
    expect((await post(`${server.url}/v1/messages`, {})).status).toBe(404);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/v1/models',
      '/v1/chat/completions',
      '/v1/chat/completions',
      '/v1/messages',
    ]);
  });
});

describe('Anthropic protocol server', () => {
  it('answers tool_use, refusals and max_tokens', async () => {
    const server = await startAnthropicProtocolServer([
      { kind: 'tool-calls', calls: [{ name: 'search', input: { query: 'q' } }] },
      { kind: 'refusal', text: 'no' },
      { kind: 'length', text: '{"a":' },
    ]);
    servers.push(server);
    const url = `${server.url}/v1/messages`;
    const first = (await (await post(url, { model: 'c' })).json()) as {
      content: unknown[];
      stop_reason: string;
    };
    expect(first).toMatchObject({
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'search', input: { query: 'q' } }],
    });
    expect(await (await post(url, {})).json()).toMatchObject({ stop_reason: 'refusal' });
    expect(await (await post(url, {})).json()).toMatchObject({ stop_reason: 'max_tokens' });
  });
});
