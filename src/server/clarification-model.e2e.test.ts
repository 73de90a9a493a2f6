import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProtocolServer, RecordedRequest, ScriptedReply } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';
import { isClarifyRequest, scriptedQuestions } from './test-scripted-model.js';
import type { ServeProcess } from './test-serve-process.js';
import { startServe } from './test-serve-process.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
const directories: string[] = [];
const servers: ServeProcess[] = [];
const models: ProtocolServer[] = [];

afterAll(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const model of models.splice(0)) await model.close();
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

interface PassState {
  id: string;
  state: string;
  pass: { pass: number; source: string; note?: string; questions: { text: string }[] };
}

async function post(url: string, body: unknown): Promise<PassState> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as PassState;
}

describe('clarification in the browser with a model (real HTTP, OpenAI-protocol server)', () => {
  it('asks the model’s questions, falls back to the fixed ones for a pass the model fails, and writes nothing before approval', async () => {
    // Pass 1 is answered; pass 2 is refused with a 400 (not retried); pass 3 answered again.
    const model = await startOpenAiProtocolServer((request: RecordedRequest): ScriptedReply => {
      if (!isClarifyRequest(request)) return { kind: 'status', status: 500 };
      const text = JSON.stringify(request.body);
      const pass = Number(/clarification pass (\d+)/.exec(text)?.[1] ?? '1');
      if (pass === 2) return { kind: 'status', status: 400, body: '{"error":{"message":"bad request"}}' };
      return { kind: 'json', value: { questions: scriptedQuestions(pass) } };
    });
    models.push(model);
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-clarify-model-'));
    directories.push(cwd);
    await cp(sample, join(cwd, 'sample-service'), { recursive: true });
    const server = await startServe(cwd, [], {
      OPENAI_BASE_URL: `${model.url}/v1`,
      OPENAI_API_KEY: 'x',
      SWARMLORD_MODEL: 'openai-compatible:scripted-model',
    });
    servers.push(server);
    const base = `${server.url}/api/clarifications`;
    let state = await post(base, { objective: 'Where are webhooks verified?', workspace: 'sample-service' });
    expect(state.pass).toMatchObject({ pass: 1, source: 'model' });
    expect(state.pass.questions[0]?.text).toBe(scriptedQuestions(1)[0]?.text);
    state = await post(`${base}/${state.id}/answers`, { pass: 1, answers: [] });
    expect(state.pass.pass).toBe(2);
    expect(state.pass.source).toBe('fixed');
    expect(state.pass.note).toContain('fixed questions asked instead');
    state = await post(`${base}/${state.id}/answers`, { pass: 2, answers: [] });
    expect(state.pass).toMatchObject({ pass: 3, source: 'model' });
    state = await post(`${base}/${state.id}/answers`, { pass: 3, answers: [] });
    expect(state.state).toBe('approving');
    expect(model.requests.filter(isClarifyRequest).length).toBeGreaterThanOrEqual(3);
    const written = await stat(join(cwd, 'hfo_mission_intent')).then(
      () => true,
      () => false,
    );
    expect(written).toBe(false);
    // Abandoned: nothing is written, ever.
    const abandoned = await fetch(`${base}/${state.id}`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
    });
    expect(abandoned.status).toBe(200);
    expect(await stat(join(cwd, 'hfo_mission_intent')).catch(() => undefined)).toBeUndefined();
  }, 90_000);
});
