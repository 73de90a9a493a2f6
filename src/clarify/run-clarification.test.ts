import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntent } from '../intent/index.js';
import { createFakeModel, type ModelPort } from '../models/index.js';
import { clarificationReceipts } from './clarification-receipts.js';
import type { ClarifyPass } from './clarify-question.js';
import { createQuestionWriter } from './create-question-writer.js';
import { createScriptedHost } from './create-scripted-host.js';
import { loadAnswersFile } from './load-answers-file.js';
import { type ClarificationHost, runClarification } from './run-clarification.js';
import { parseScopeAnswer, shapeIntent } from './shape-intent.js';
import { summarizeIntent } from './summarize-intent.js';

const brief = { layout: ['src/', 'README.md'], languages: [{ extension: '.ts', files: 3 }], filesSeen: 4 };
const base = createIntent({
  objective: 'Where are webhooks verified?',
  now: new Date('2026-11-22T10:00:00Z'),
});
const exists = (path: string) => ['src', 'README.md'].includes(path);

/** A host that answers every question with `<topic> answer` and approves per the script. */
function recordingHost(approvals: boolean[]): ClarificationHost & { asked: ClarifyPass[] } {
  const asked: ClarifyPass[] = [];
  return {
    asked,
    async answer(pass) {
      asked.push(pass);
      return pass.questions.map((question) =>
        question.topic === 'scope'
          ? 'src'
          : question.topic === 'success_criteria'
            ? 'names the verifier; lists callers'
            : '',
      );
    },
    async approve() {
      return approvals.shift() ?? true;
    },
  };
}

function options(host: ClarificationHost, model?: ReturnType<typeof createFakeModel>) {
  return {
    minPasses: 3,
    writeQuestions: createQuestionWriter({ objective: base.objective, minPasses: 3, brief, model }),
    host,
    freeze: (passes: Parameters<typeof shapeIntent>[1]) => shapeIntent(base, passes, exists),
    summarize: (intent: typeof base) => summarizeIntent(intent, []),
  };
}

describe('runClarification', () => {
  it('asks three fixed passes offline, then records every Q&A and shapes scope and criteria', async () => {
    const host = recordingHost([true]);
    const outcome = await runClarification(options(host));
    expect(host.asked.map((pass) => pass.questions.map((question) => question.topic))).toEqual([
      ['scope', 'out_of_scope'],
      ['success_criteria', 'evidence'],
      ['constraints', 'risks', 'output'],
    ]);
    expect(outcome.intent.clarifications).toHaveLength(7);
    expect(outcome.intent.scope).toEqual({ include: ['src'], exclude: [] });
    expect(outcome.intent.criteria.map((criterion) => criterion.text)).toEqual([
      'names the verifier',
      'lists callers',
    ]);
    expect(outcome.intent.quorum.validators).toContain('mission_criteria');
    const receipts = clarificationReceipts(outcome.intent.mission_id, outcome.passes, {
      path: 'x.yml',
      version: 1,
      at: '2026-11-22T10:00:00Z',
    });
    expect(receipts.map((receipt) => receipt.phase)).toEqual([
      'clarify',
      'clarify',
      'clarify',
      'intent_frozen',
    ]);
  });

  it('asks a fourth pass after a rejection, revising scope with the earlier answer as default', async () => {
    const host = recordingHost([false, true]);
    const outcome = await runClarification(options(host));
    expect(outcome.passes).toHaveLength(4);
    expect(outcome.passes[2]?.approved).toBe(false);
    expect(host.asked[3]?.questions[0]).toMatchObject({ topic: 'scope', defaultAnswer: 'src' });
    expect(host.asked[3]?.questions[0]?.text).toMatch(/^Revise: /);
  });

  it('has the model write each pass from the objective, the workspace brief and the earlier answers', async () => {
    const inputs: unknown[] = [];
    const model = createFakeModel({
      respond: (request) => {
        inputs.push(request.input);
        return { questions: [{ topic: 'scope', text: 'Only src/webhooks?', default_answer: 'src/**' }] };
      },
    });
    const outcome = await runClarification(options(recordingHost([true]), model));
    expect(model.calls).toBe(3);
    expect(outcome.passes.every((pass) => pass.source === 'model')).toBe(true);
    expect(inputs[0]).toMatchObject({ objective: base.objective, pass: 1, workspace: brief, earlier: [] });
    expect(inputs[2]).toMatchObject({ pass: 3, earlier: [{ pass: 1, topic: 'scope' }, { pass: 2 }] });
  });

  it('takes a lazy workspace brief once for the model, and never for fixed questions', async () => {
    let taken = 0;
    const lazy = async () => {
      taken += 1;
      return brief;
    };
    const writer = (model?: ModelPort) =>
      createQuestionWriter({ objective: base.objective, minPasses: 3, brief: lazy, model });
    await runClarification({ ...options(recordingHost([true])), writeQuestions: writer() });
    const offline: ModelPort = { ...createFakeModel(), provider: 'offline' };
    await runClarification({ ...options(recordingHost([true])), writeQuestions: writer(offline) });
    expect(taken).toBe(0);
    const inputs: unknown[] = [];
    const model = createFakeModel({
      respond: (request) => {
        inputs.push(request.input);
        return { questions: [{ topic: 'scope', text: 'Only src/webhooks?', default_answer: 'src/**' }] };
      },
    });
    await runClarification({ ...options(recordingHost([true]), model), writeQuestions: writer(model) });
    expect(taken).toBe(1);
    expect(inputs.map((input) => (input as { workspace: unknown }).workspace)).toEqual([brief, brief, brief]);
  });

  it('falls back to the fixed questions, saying why, when the model fails', async () => {
    const model = createFakeModel({
      respond: () => {
        throw new Error('429 slow down');
      },
    });
    const outcome = await runClarification(options(recordingHost([true]), model));
    expect(outcome.passes[0]).toMatchObject({
      source: 'fixed',
      note: expect.stringContaining('429 slow down'),
    });
  });
});

describe('parseScopeAnswer', () => {
  it('takes globs and existing paths, never prose', () => {
    expect(parseScopeAnswer('the whole workspace', exists)).toEqual([]);
    expect(parseScopeAnswer('src, README.md and test/**; "docs/"', exists)).toEqual([
      'src',
      'README.md',
      'test/**',
      'docs/',
    ]);
  });
});

describe('answers files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swarmlord-answers-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers by topic or in order, and names a topic the pass does not ask at file:line:col', async () => {
    await writeFile(
      join(dir, 'a.yml'),
      'passes:\n  - scope: src\n  - [crit one, file citations]\n  - risks: replay\n',
    );
    const file = await loadAnswersFile(join(dir, 'a.yml'), 'a.yml');
    const outcome = await runClarification(options(createScriptedHost(file)));
    expect(outcome.intent.scope.include).toEqual(['src']);
    expect(outcome.intent.criteria.map((criterion) => criterion.name)).toEqual(['success-1', 'evidence']);
    await writeFile(join(dir, 'b.yml'), 'passes:\n  - success_criteria: x\n');
    const stray = await loadAnswersFile(join(dir, 'b.yml'), 'b.yml');
    await expect(runClarification(options(createScriptedHost(stray)))).rejects.toThrow(
      /^b\.yml:2:5 passes\[0\]\.success_criteria: pass 1 asks about scope, out_of_scope/,
    );
  });
});
