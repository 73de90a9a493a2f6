import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeModel } from '../models/index.js';
import { runVerify } from './run-verify.js';
import { scriptedJudge } from './test-judges.js';
import {
  createTestWorkspace,
  makeAggregate,
  makeBundle,
  makeClaim,
  makeIntent,
  type TestWorkspace,
} from './test-workspace.js';

describe('runVerify with language-model judges', () => {
  let workspace: TestWorkspace;
  beforeAll(async () => {
    workspace = await createTestWorkspace({
      'src/pool.ts': 'export const pool = createPool({ max: 10 });\nexport const idle = closeIdle(pool, 30);',
    });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  const aggregate = () =>
    makeAggregate([
      makeBundle('lane-1', [
        makeClaim('lane-1', 'c1', 'The pool holds at most 10 connections.', [
          workspace.ref('src/pool.ts', [1, 1]),
        ]),
        makeClaim('lane-1', 'c2', 'Idle connections are kept forever.', [
          workspace.ref('src/pool.ts', [2, 2]),
        ]),
        makeClaim('lane-1', 'c3', 'The pool holds at most 50 connections.', [
          workspace.ref('src/pool.ts', [1, 1]),
        ]),
      ]),
    ]);

  it('one agrees, one contradicts a claim, one throws: the claim is worse, the thrower votes FAIL', async () => {
    const agree = scriptedJudge('agree');
    const contradict = scriptedJudge('strict', /kept forever/);
    const broken = createFakeModel({
      modelId: 'broken',
      respond: () => {
        throw new Error('rate limited');
      },
    });
    const report = await runVerify({
      aggregate: aggregate(),
      intent: makeIntent({ verify: { hallucination_rate_target: 0.7, hallucination_rate_fail: 0.8 } }),
      workspace: workspace.root,
      attempt: 1,
      judges: { immunizer: agree, verifier_aux: contradict, disruptor: broken },
    });
    const byId = new Map(report.grounding.map((entry) => [entry.claim_id, entry]));
    expect(byId.get('c1')?.status).toBe('grounded');
    expect(byId.get('c2')?.status).toBe('contradicted');
    expect(byId.get('c2')?.problems[0]).toBe(
      'judged contradicted by verifier_aux (fake:strict): the evidence says otherwise',
    );
    // The deterministic check failed c3 (50 is not in the lines); no judge can rescue it.
    expect(byId.get('c3')?.status).toBe('unsupported');
    expect(agree.calls + contradict.calls + broken.calls).toBe(3);
    const votes = new Map(report.validators.map((vote) => [vote.validator, vote]));
    expect(votes.get('disruptor')?.passed).toBe(false);
    expect(votes.get('disruptor')?.findings.map((finding) => finding.code)).toContain('judge-error');
    expect(votes.get('disruptor')?.summary).toContain('rate limited');
    expect(
      votes.get('verifier_aux')?.findings.map((finding) => [finding.code, finding.claim_id]),
    ).toContainEqual(['judged-contradicted', 'c2']);
    expect(votes.get('immunizer')?.judged_by).toBe('fake:agree');
    expect(report.judged_by).toEqual(['fake:agree', 'fake:broken', 'fake:strict']);
    expect(report.support_judges).toBe(2);
    expect(report.checked).toContain('support judged by 2 distinct model(s), at least the quorum of 2');
    expect(report.hallucination_rate).toBeCloseTo(2 / 3);
  });

  it('shows each judge the canaries mixed with the claims and reports its catch per class', async () => {
    const credulous = scriptedJudge('credulous');
    const report = await runVerify({
      aggregate: aggregate(),
      intent: makeIntent(),
      workspace: workspace.root,
      attempt: 1,
      judges: { immunizer: credulous },
    });
    const catches = report.validators.find((vote) => vote.validator === 'immunizer')?.canary_catch ?? [];
    expect(catches.length).toBeGreaterThan(0);
    expect(
      catches.every((entry) => entry.checker === 'immunizer judge (fake:credulous)' && entry.caught === 0),
    ).toBe(true);
    expect(report.support_judges).toBe(1);
    expect(report.checked).toContain('fewer than the quorum of 2');
  });

  it('counts one model judging for several validators as one voice, and gives each its own angle', async () => {
    const systems: string[] = [];
    const same = createFakeModel({
      modelId: 'same',
      respond: (request) => {
        systems.push(request.system);
        const claims = (request.input as { claims: { claim_id: string }[] }).claims;
        return {
          verdict: 'pass',
          claims: claims.map((claim) => ({ claim_id: claim.claim_id, support: 'supported', reason: 'ok' })),
          reasons: ['ok'],
        };
      },
    });
    const report = await runVerify({
      aggregate: aggregate(),
      intent: makeIntent(),
      workspace: workspace.root,
      attempt: 1,
      judges: { immunizer: same, disruptor: same, verifier_aux: same },
    });
    expect(report.support_judges).toBe(1);
    expect(report.checked).toContain('judges on one model are one voice');
    expect(new Set(systems).size).toBe(3);
  });

  it('with no judges stays deterministic and says so', async () => {
    const report = await runVerify({
      aggregate: aggregate(),
      intent: makeIntent(),
      workspace: workspace.root,
      attempt: 1,
    });
    expect(report.checked).toBe(
      'quotes and cited tokens verified; relevance and correctness not judged (no language model)',
    );
    expect(report.grounding.every((entry) => entry.judgements === undefined)).toBe(true);
  });
});
