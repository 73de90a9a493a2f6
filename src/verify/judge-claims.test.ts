import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelPort, ModelRequest, ModelResult } from '../models/model-port.js';
import { type JudgedItem, judgeClaims } from './judge-claims.js';

const ITEMS: JudgedItem[] = [
  { key: 'c1', text: 'the port is 3000', evidence: [{ label: 'a.ts:1', text: 'port 3000' }] },
];

/** A judge whose answer is released by hand; it records the signal it was given. */
function heldJudge() {
  const seen: { signal?: AbortSignal | undefined } = {};
  let release: (() => void) | undefined;
  const model: ModelPort = {
    provider: 'fake',
    modelId: 'held',
    label: 'held judge',
    generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
      seen.signal = request.signal;
      return new Promise((resolve) => {
        release = () =>
          resolve({
            object: request.schema.parse({
              verdict: 'pass',
              reasons: ['ok'],
              claims: [{ claim_id: 'c1', support: 'supported', reason: 'says so' }],
            }),
            usage: { inputTokens: 0, outputTokens: 0 },
          });
      });
    },
  };
  return { model, seen, release: () => release?.() };
}

describe('judgeClaims deadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds one deadline timer while the judge thinks and clears it once the judge answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const judge = heldJudge();
    const run = judgeClaims({ validator: 'immunizer', model: judge.model, items: ITEMS, timeoutMs: 60_000 });
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(1);
    judge.release();
    const answer = await run;
    expect(answer.ok).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(judge.seen.signal?.aborted).toBe(false);
  });

  it('times out: a FAIL reason, and the judge is told to stop with a TimeoutError', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const judge = heldJudge();
    const run = judgeClaims({ validator: 'immunizer', model: judge.model, items: ITEMS, timeoutMs: 50 });
    await Promise.resolve();
    vi.advanceTimersByTime(50);
    const answer = await run;
    expect(answer).toEqual({ ok: false, model: 'fake:held', reason: 'judge timed out after 50 ms' });
    expect(judge.seen.signal?.aborted).toBe(true);
    expect(judge.seen.signal?.reason).toMatchObject({ name: 'TimeoutError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops when the caller aborts, passing the caller reason to the judge', async () => {
    const judge = heldJudge();
    const outer = new AbortController();
    const run = judgeClaims({
      validator: 'immunizer',
      model: judge.model,
      items: ITEMS,
      timeoutMs: 60_000,
      signal: outer.signal,
    });
    await Promise.resolve();
    const reason = new Error('mission stopped');
    outer.abort(reason);
    const answer = await run;
    expect(answer).toEqual({ ok: false, model: 'fake:held', reason: 'judge timed out after 60000 ms' });
    expect(judge.seen.signal?.reason).toBe(reason);
  });

  it('does not call a judge as if it had time when the caller already aborted', async () => {
    const judge = heldJudge();
    const outer = new AbortController();
    outer.abort(new Error('gone'));
    const answer = await judgeClaims({
      validator: 'immunizer',
      model: judge.model,
      items: ITEMS,
      timeoutMs: 60_000,
      signal: outer.signal,
    });
    expect(answer.ok).toBe(false);
    expect(judge.seen.signal?.aborted).toBe(true);
  });
});
