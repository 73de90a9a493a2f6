import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MissionIntent, RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { createModelFromSpec } from '../models/providers/index.js';
import type { ProtocolServer, RecordedRequest, ScriptedReply } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';
import { createReadOnlyTools } from '../tools/index.js';
import { runMission } from './run-mission.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;
const servers: ProtocolServer[] = [];

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-real-model-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await rm(cwd, { recursive: true, force: true });
});

function intent(lanes: number): MissionIntent {
  return MissionIntentSchema.parse({
    mission_id: 'mi_real_0001',
    created_at: '2026-12-01T00:00:00Z',
    objective: 'Where is the SQL injection risk in the orders database code?',
    workspace: 'workspace',
    lanes,
    verify: { max_reruns: 0 },
  });
}

type Message = { role: string; content: unknown };

function messagesOf(request: RecordedRequest): Message[] {
  return (request.body as { messages: Message[] }).messages;
}

/** Everything a non-citing task needs (react, engage, judge), in one object that fits each schema. */
const plain = {
  cynefin_domain: 'complicated',
  rationale: 'a query is built from input',
  plan: ['report the risk'],
  tool_selections: ['read_lines'],
  artifacts: [],
  metrics: [],
  verdict: 'pass',
  claims: [],
  reasons: ['ok'],
};

/**
 * A model that reads before it speaks: Perceive calls `read_lines` on the pool file, then cites the
 * excerpt id the tool returned; Yield cites the same id, narrowed to the line with the query, plus a
 * line it was never shown.
 */
function citingModel(request: RecordedRequest): ScriptedReply {
  const messages = messagesOf(request);
  const last = messages.at(-1);
  const body = request.body as { tools?: unknown[] };
  const all = JSON.stringify(messages);
  if (body.tools !== undefined && last?.role !== 'tool' && !all.includes('"role":"tool"')) {
    return {
      kind: 'tool-calls',
      calls: [{ name: 'read_lines', input: { path: 'src/db/pool.ts', start_line: 1, end_line: 31 } }],
    };
  }
  const id = /\[(E\d+)\] src\/db\/pool\.ts:1-31/.exec(all)?.[1];
  if (all.includes('Report what the workspace shows')) {
    return {
      kind: 'json',
      value: {
        observations: [
          {
            text: 'findOrder concatenates the id into the SQL string',
            evidence: [{ ref_id: id, start_line: 29, end_line: 29 }],
          },
        ],
      },
    };
  }
  if (all.includes('State checkable claims')) {
    return {
      kind: 'json',
      value: {
        summary: 'one injection risk',
        claims: [
          {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the claim quotes source text that contains `${id}`.
            text: 'findOrder builds its query with `${id}` inside the SQL string',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a verbatim quote of the source.
            evidence: [{ ref_id: id, start_line: 27, end_line: 29, quote: "WHERE id = '${id}'" }],
          },
          {
            text: 'The pool is closed on shutdown',
            evidence: [{ path: 'src/server.ts', start_line: 200, end_line: 201 }],
          },
        ],
      },
    };
  }
  return { kind: 'json', value: plain };
}

async function serve(script: (request: RecordedRequest, index: number) => ScriptedReply): Promise<string> {
  const server = await startOpenAiProtocolServer(script);
  servers.push(server);
  return `${server.url}/v1`;
}

describe('runMission with a real adapter over HTTP', () => {
  it('lets Perceive call tools, pins citations to what the tools returned, and records every call', async () => {
    const url = await serve(citingModel);
    const model = createModelFromSpec('openai-compatible:reader-1', {
      env: { OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-local' },
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    const events: RunEvent[] = [];
    const result = await runMission({
      intent: intent(1),
      cwd,
      resolveModel: () => model,
      tools: ({ workspace, files, index }) => createReadOnlyTools({ workspace, files, index }),
      listeners: [(event) => void events.push(event)],
    });
    const toolCalls = events.filter((event) => event.type === 'tool-call-end');
    expect(toolCalls).toHaveLength(1);
    expect(toolCalls[0]?.type === 'tool-call-end' && toolCalls[0].evidence_refs[0]).toMatchObject({
      path: 'src/db/pool.ts',
      lines: [1, 31],
    });
    const [honest, invented] = result.aggregate.claims;
    expect(honest?.evidence_refs).toEqual([
      expect.objectContaining({ kind: 'file', path: 'src/db/pool.ts', lines: [27, 29] }),
    ]);
    expect(invented?.evidence_refs).toEqual([]);
    expect(invented?.unpinned_citations).toEqual([
      'src/server.ts:200-201: no tool returned these lines to lane-1',
    ]);
    const grounding = result.reports[0]?.grounding ?? [];
    // The claim names `findOrder` (line 27) and quotes line 29: cited 27-29, both are in its evidence.
    expect(grounding.find((entry) => entry.claim_id === honest?.id)?.status).toBe('grounded');
    expect(grounding.find((entry) => entry.claim_id === invented?.id)?.status).not.toBe('grounded');
    const calls = events.filter((event) => event.type === 'model-call-end');
    expect(calls.length).toBe(4);
    expect(result.digest.usage?.calls).toBe(4);
  });

  it('fails only the lane whose model answers broken JSON, with the reason on its receipt', async () => {
    const broken = await serve(() => ({ kind: 'text', text: '{"observations": [ {"text": "cut' }));
    const good = await serve(citingModel);
    const env = (url: string) => ({ OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-local' });
    const models = {
      broken: createModelFromSpec('openai-compatible:broken-1', { env: env(broken) }),
      good: createModelFromSpec('openai-compatible:reader-1', { env: env(good) }),
    };
    const events: RunEvent[] = [];
    const result = await runMission({
      intent: intent(2),
      cwd,
      resolveModel: (lane) => (lane.id === 'lane-1' ? models.broken : models.good),
      tools: ({ workspace, files, index }) => createReadOnlyTools({ workspace, files, index }),
      listeners: [(event) => void events.push(event)],
    });
    const failed = events.find((event) => event.type === 'lane-end' && event.status === 'failed');
    expect(failed?.type === 'lane-end' && failed.lane_id).toBe('lane-1');
    expect(failed?.type === 'lane-end' && failed.error).toMatch(/JSON|schema|invalid/i);
    expect(result.aggregate.bundles.map((bundle) => bundle.lane_id)).toEqual(['lane-2']);
    expect(result.digest.blockers.join('\n')).toMatch(/lane-1 attempt 1 did not finish/);
  });
});
