import type { RecordedRequest, ScriptedReply } from '../test/protocol-server/index.js';

/** The questions the scripted Swarmlord writes for clarification pass `pass` (task `clarify`). */
export function scriptedQuestions(pass: number) {
  const byPass: Record<number, { topic: string; text: string; default_answer: string }[]> = {
    1: [
      {
        topic: 'scope',
        text: 'Pass 1 (model): which folders hold the webhook code?',
        default_answer: 'src/**',
      },
      {
        topic: 'out_of_scope',
        text: 'Pass 1 (model): what should the swarm leave alone?',
        default_answer: '',
      },
    ],
    2: [
      {
        topic: 'success_criteria',
        text: 'Pass 2 (model): what must the answer name for you to trust it?',
        default_answer: 'the file and line that verifies the signature',
      },
    ],
    3: [
      {
        topic: 'evidence',
        text: 'Pass 3 (model): which evidence counts: code lines, commits, or both?',
        default_answer: 'code lines',
      },
    ],
  };
  return (
    byPass[pass] ?? [{ topic: 'other', text: `Pass ${pass} (model): anything else?`, default_answer: '' }]
  );
}

function textOf(request: RecordedRequest): string {
  const body = request.body as { messages?: { role: string; content: unknown }[] } | undefined;
  return (body?.messages ?? []).map((message) => JSON.stringify(message.content)).join('\n');
}

/** True for a `clarify` request (the Swarmlord writing questions). */
export function isClarifyRequest(request: RecordedRequest): boolean {
  return textOf(request).includes('Write the questions of clarification pass');
}

/**
 * A scripted model for the dashboard's browser tests (over the OpenAI protocol server): `clarify`
 * requests get the pass's questions at once; every other task gets one answer that fits its schema,
 * `laneDelayMs` late — after the first `fastCalls` of them, `slowDelayMs` late — so a mission runs
 * long enough to be cancelled or killed mid-run on a busy machine.
 */
export function scriptedMissionModel(
  laneDelayMs: number,
  slow: { fastCalls: number; slowDelayMs: number } = { fastCalls: Number.POSITIVE_INFINITY, slowDelayMs: 0 },
) {
  let laneCalls = 0;
  return (request: RecordedRequest): ScriptedReply => {
    if (isClarifyRequest(request)) {
      const pass = Number(/clarification pass (\d+)/.exec(textOf(request))?.[1] ?? '1');
      return {
        kind: 'json',
        value: { questions: scriptedQuestions(pass) },
        usage: { input: 200, output: 60 },
      };
    }
    const value = {
      summary: 'Webhooks are verified in the server.',
      observations: [
        {
          text: 'The server verifies sessions',
          evidence: [{ path: 'src/server.ts', start_line: 1, end_line: 3 }],
        },
      ],
      claims: [
        {
          text: 'The server module exists',
          evidence: [{ path: 'src/server.ts', start_line: 1, end_line: 1 }],
          claim_id: 'c',
          support: 'supported',
          reason: 'the cited line is in the workspace',
        },
      ],
      cynefin_domain: 'complicated',
      rationale: 'several moving parts',
      plan: ['report the findings'],
      tool_selections: [],
      artifacts: [],
      metrics: [],
      verdict: 'pass',
      reasons: ['all claims are supported'],
      questions: ['What is in scope?'],
    };
    laneCalls += 1;
    const ms = laneCalls > slow.fastCalls ? slow.slowDelayMs : laneDelayMs;
    return { kind: 'delay', ms, reply: { kind: 'json', value, usage: { input: 300, output: 80 } } };
  };
}
