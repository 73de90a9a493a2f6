import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ProtocolScript,
  type ProtocolServer,
  startAnthropicProtocolServer,
  startOpenAiProtocolServer,
} from '../../test/protocol-server/index.js';
import { ModelError } from '../model-error.js';
import type { ModelRequest } from '../model-port.js';
import { type AiSdkModelOptions, createAiSdkModel } from './ai-sdk-model.js';

const Answer = z.object({ summary: z.string().min(1), note: z.string().optional() });

const servers: ProtocolServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function openAi(script: ProtocolScript, options: Partial<AiSdkModelOptions> = {}) {
  const server = await startOpenAiProtocolServer(script);
  servers.push(server);
  const model = createAiSdkModel({
    provider: 'openai',
    kind: 'openai',
    modelId: 'gpt-test',
    baseURL: `${server.url}/v1`,
    apiKey: 'test-key',
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...options,
  });
  return { server, model };
}

function request(
  overrides: Partial<ModelRequest<z.infer<typeof Answer>>> = {},
): ModelRequest<z.infer<typeof Answer>> {
  return {
    task: 'claims',
    system: 'You are the assimilator.',
    prompt: 'Summarise the excerpts.',
    context: [
      {
        id: 'E3',
        ref: { kind: 'file', path: 'src/app.ts', lines: [10, 22], sha256: 'a'.repeat(64) },
        text: 'export function app() {}',
        score: 1,
      },
    ],
    input: { objective: 'map risks' },
    schema: Answer,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ModelError.isInstance(error)) throw new Error(`expected a ModelError, got ${String(error)}`);
  return error;
}

type ChatBody = { messages: { role: string; content: unknown }[]; response_format?: { type: string } };

describe('createAiSdkModel over OpenAI chat completions', () => {
  it('returns the structured answer, renders system, excerpts and input, and maps usage', async () => {
    const { server, model } = await openAi([
      { kind: 'json', value: { summary: 'ok' }, usage: { input: 120, output: 30, cached: 100 } },
    ]);
    const result = await model.generate(request());
    expect(result.object).toEqual({ summary: 'ok' });
    expect(result.usage).toEqual({ inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 });
    expect(result.response).toMatchObject({ modelId: 'gpt-test', finishReasons: ['stop'], attempts: 1 });
    expect(result.response?.id).toMatch(/^chatcmpl-/);
    expect(result.costUsd).toBeUndefined();
    const body = server.requests[0]?.body as ChatBody;
    expect(body.response_format?.type).toBe('json_schema');
    expect(JSON.stringify(body.response_format)).toContain('"strict":false');
    expect(body.messages[0]).toMatchObject({ role: 'system' });
    expect(String(body.messages[0]?.content)).toContain('You are the assimilator.');
    const user = String(body.messages[1]?.content);
    expect(user).toContain('[E3] src/app.ts:10-22\nexport function app() {}');
    expect(user).toContain('"objective": "map risks"');
  });

  it('prices a call from its usage, cached tokens at the cached price', async () => {
    const { model } = await openAi(
      [
        {
          kind: 'json',
          value: { summary: 'ok' },
          usage: { input: 1_000_000, output: 500_000, cached: 400_000 },
        },
      ],
      {
        price: { input_per_mtok: 2, output_per_mtok: 10, cached_input_per_mtok: 0.5 },
      },
    );
    const result = await model.generate(request());
    expect(result.costUsd).toBeCloseTo(0.6 * 2 + 0.4 * 0.5 + 0.5 * 10, 9);
  });

  it('runs the tool loop: two tools called, their results sent back, then the answer', async () => {
    const executed: string[] = [];
    const { server, model } = await openAi([
      {
        kind: 'tool-calls',
        calls: [
          { name: 'search', input: { query: 'retry' } },
          { name: 'read_file', input: { path: 'src/app.ts' } },
        ],
      },
      { kind: 'json', value: { summary: 'used tools' } },
    ]);
    const tool = (name: string) => ({
      name,
      description: `the ${name} tool`,
      inputSchema: z.object({ query: z.string().optional(), path: z.string().optional() }),
      execute: async (input: unknown) => {
        executed.push(`${name} ${JSON.stringify(input)}`);
        return `${name} result`;
      },
    });
    const result = await model.generate(request({ tools: [tool('search'), tool('read_file')], maxSteps: 4 }));
    expect(result.object).toEqual({ summary: 'used tools' });
    expect(executed).toEqual(['search {"query":"retry"}', 'read_file {"path":"src/app.ts"}']);
    expect(result.response?.finishReasons).toEqual(['tool-calls', 'stop']);
    expect(server.requests).toHaveLength(2);
    const second = server.requests[1]?.body as ChatBody;
    expect(
      second.messages.filter((message) => message.role === 'tool').map((message) => message.content),
    ).toEqual(['search result', 'read_file result']);
  });

  it('forbids tool calls on the last step so the loop ends in an answer', async () => {
    const { server, model } = await openAi((body) =>
      (body.body as { tool_choice?: string }).tool_choice === 'none'
        ? { kind: 'json', value: { summary: 'forced' } }
        : { kind: 'tool-calls', calls: [{ name: 'search', input: {} }] },
    );
    const search = { name: 'search', description: 's', inputSchema: z.object({}), execute: async () => 'r' };
    const result = await model.generate(request({ tools: [search], maxSteps: 3 }));
    expect(result.object).toEqual({ summary: 'forced' });
    expect(server.requests).toHaveLength(3);
  });

  it('repairs an invalid answer once, telling the model what was wrong', async () => {
    const { server, model } = await openAi([
      { kind: 'text', text: '{"summary": "cut' },
      { kind: 'json', value: { summary: 'repaired' } },
    ]);
    const result = await model.generate(request());
    expect(result.object).toEqual({ summary: 'repaired' });
    expect(result.response?.finishReasons).toEqual(['stop', 'stop']);
    expect(result.usage.inputTokens).toBe(20);
    const repair = server.requests[1]?.body as ChatBody;
    expect(repair.messages.at(-2)).toMatchObject({ role: 'assistant', content: '{"summary": "cut' });
    expect(String(repair.messages.at(-1)?.content)).toContain('is not valid JSON');
  });

  it('fails with MODEL_OUTPUT_INVALID when the repair is invalid too', async () => {
    const { server, model } = await openAi([
      { kind: 'json', value: { summary: '' } },
      { kind: 'json', value: { wrong: true } },
    ]);
    const error = await rejection(model.generate(request()));
    expect(error.code).toBe('MODEL_OUTPUT_INVALID');
    expect(error.message).toContain('does not match the schema');
    expect(server.requests).toHaveLength(2);
  });

  it('reports an answer cut at the token limit as MODEL_OUTPUT_TRUNCATED without a repair', async () => {
    const { server, model } = await openAi([{ kind: 'length', text: '{"summary": "a lo' }]);
    const error = await rejection(model.generate(request({ maxOutputTokens: 5 })));
    expect(error.code).toBe('MODEL_OUTPUT_TRUNCATED');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: 5 });
  });

  it('reports a refusal as MODEL_REFUSED and an empty answer as MODEL_OUTPUT_EMPTY', async () => {
    const refused = await openAi([{ kind: 'refusal', text: 'I cannot help with that.' }]);
    const refusal = await rejection(refused.model.generate(request()));
    expect(refusal.code).toBe('MODEL_REFUSED');
    expect(refusal.message).toContain('I cannot help with that.');
    const empty = await openAi([{ kind: 'empty' }]);
    expect((await rejection(empty.model.generate(request()))).code).toBe('MODEL_OUTPUT_EMPTY');
  });

  it('puts the schema in the system text for JSON-mode-only endpoints (DeepSeek)', async () => {
    const { server, model } = await openAi([{ kind: 'json', value: { summary: 'ok' } }], {
      provider: 'deepseek',
      kind: 'openai-compatible',
      structuredOutputs: false,
    });
    await model.generate(request());
    const body = server.requests[0]?.body as ChatBody;
    expect(body.response_format?.type).toBe('json_object');
    expect(String(body.messages[0]?.content)).toContain('"summary"');
  });

  it('rejects a 401 without retrying', async () => {
    const { server, model } = await openAi([{ kind: 'status', status: 401 }]);
    const error = await rejection(model.generate(request()));
    expect(error.code).toBe('MODEL_REQUEST_REJECTED');
    expect(error.message).toContain('check the API key');
    expect(server.requests).toHaveLength(1);
  });
});

describe('createAiSdkModel over Anthropic messages', () => {
  it('returns the structured answer with usage including cache reads', async () => {
    const server = await startAnthropicProtocolServer([
      { kind: 'json', value: { summary: 'from claude' }, usage: { input: 50, output: 7, cached: 20 } },
    ]);
    servers.push(server);
    const model = createAiSdkModel({
      provider: 'anthropic',
      kind: 'anthropic',
      modelId: 'claude-sonnet-4-5',
      baseURL: `${server.url}/v1`,
      apiKey: 'test-key',
    });
    const result = await model.generate(request());
    expect(result.object).toEqual({ summary: 'from claude' });
    expect(result.usage).toEqual({ inputTokens: 50, outputTokens: 7, cachedInputTokens: 20 });
    expect(result.response?.id).toMatch(/^msg_/);
    expect(server.requests[0]?.headers['x-api-key']).toBe('test-key');
  });
});
