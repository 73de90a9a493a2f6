import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregateBundle, Claim, ValidatorReport } from '../contracts/index.js';
import { VerifyReportSchema } from '../contracts/index.js';
import { planRerun } from './plan-rerun.js';
import { runVerify } from './run-verify.js';
import {
  createTestWorkspace,
  forge,
  makeAggregate,
  makeBundle,
  makeClaim,
  makeIntent,
  numberedSource,
  type TestWorkspace,
} from './test-workspace.js';
import type { Validator } from './validator.js';

/** A validator with a fixed vote, standing for a specialist the caller supplies. */
function fixedVote(name: string, passed: boolean, failingLanes: string[] = []): Validator {
  return {
    name,
    validate: async (): Promise<ValidatorReport> => ({
      validator: name,
      passed,
      findings: passed ? [] : [{ code: 'custom', severity: 'error', message: `${name} says no` }],
      failing_lanes: failingLanes,
      summary: passed ? 'ok' : 'no',
    }),
  };
}

describe('runVerify', () => {
  let workspace: TestWorkspace;

  beforeAll(async () => {
    workspace = await createTestWorkspace({
      'src/server.ts': numberedSource(40),
      'src/db.ts': numberedSource(30),
    });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  function laneClaims(lane: string, file: string, count: number, forged: number): Claim[] {
    return Array.from({ length: count }, (_, index) => {
      const ref = workspace.ref(file, [index + 1, index + 2], `value${index + 1} = ${index + 1}`);
      return makeClaim(lane, `${lane}-c${index + 1}`, `${file} defines value${index + 1}`, [
        index < forged ? forge(ref) : ref,
      ]);
    });
  }

  function twoLanes(lane2Forged: number): AggregateBundle {
    return makeAggregate([
      makeBundle('lane-1', laneClaims('lane-1', 'src/server.ts', 6, 0)),
      makeBundle('lane-2', laneClaims('lane-2', 'src/db.ts', 4, lane2Forged)),
    ]);
  }

  function verify(
    aggregate: AggregateBundle,
    overrides: Parameters<typeof makeIntent>[0] = {},
    validators?: Validator[],
  ) {
    return runVerify({
      aggregate,
      intent: makeIntent(overrides),
      workspace: workspace.root,
      attempt: 1,
      validators,
    });
  }

  it('fails the lane with forged evidence and re-runs only that lane; the fixed bundle passes', async () => {
    const report = await verify(twoLanes(3));
    expect(VerifyReportSchema.parse(report)).toEqual(report);
    expect(report.verdict).toBe('FAIL');
    expect(report.hallucination_rate).toBeCloseTo(0.3);
    expect(report.claims_total).toBe(10);
    expect(report.claims_grounded).toBe(7);
    expect(report.failing_lanes).toEqual(['lane-2']);
    expect(report.quorum).toEqual({ threshold: 2, passed: 2, held: true });

    const plan = planRerun(report, makeIntent(), 0);
    expect(plan.rerun).toBe(true);
    expect(plan.lane_ids).toEqual(['lane-2']);
    expect(plan.feedback).toContain(
      'lane-2: claim lane-2-c1 unresolved: src/db.ts:1-2 sha256 mismatch (lines changed or ref forged)',
    );
    expect(plan.feedback.every((line) => line.startsWith('lane-2: '))).toBe(true);

    const fixed = await verify(twoLanes(0));
    expect(fixed.verdict).toBe('PASS');
    expect(fixed.failing_lanes).toEqual([]);
    expect(fixed.quorum.passed).toBe(3);
    expect(planRerun(fixed, makeIntent(), 0)).toMatchObject({ rerun: false, lane_ids: [], feedback: [] });
  });

  it('decides by band when the quorum holds: 1 of 10 bad → PASS, 3 of 20 → CAUTION', async () => {
    const tenth = await verify(
      makeAggregate([makeBundle('lane-1', laneClaims('lane-1', 'src/server.ts', 10, 1))]),
    );
    expect(tenth.hallucination_rate).toBe(0.1);
    expect(tenth.verdict).toBe('PASS');

    const caution = await verify(
      makeAggregate([
        makeBundle('lane-1', laneClaims('lane-1', 'src/server.ts', 17, 0)),
        makeBundle('lane-2', laneClaims('lane-2', 'src/db.ts', 3, 3)),
      ]),
    );
    expect(caution.hallucination_rate).toBe(0.15);
    expect(caution.verdict).toBe('CAUTION');
    expect(caution.validators.find((vote) => vote.validator === 'immunizer')?.passed).toBe(false);
    expect(caution.failing_lanes).toEqual(['lane-2']);
    expect(planRerun(caution, makeIntent(), 0).rerun).toBe(false);
  });

  it('fails when the quorum does not hold even though the band would pass', async () => {
    const quorum = { validators: ['immunizer', 'disruptor', 'verifier_aux'], threshold: 3 };
    const placeholder = makeAggregate([
      makeBundle('lane-1', [
        ...laneClaims('lane-1', 'src/server.ts', 3, 0),
        makeClaim('lane-1', 'x', 'Owner: TBD', [workspace.ref('src/db.ts', [1, 1])]),
      ]),
    ]);
    const strict = await verify(placeholder, { quorum });
    expect(strict.hallucination_rate).toBe(0);
    expect(strict.quorum).toEqual({ threshold: 3, passed: 2, held: false });
    expect(strict.verdict).toBe('FAIL');
    expect(strict.failing_lanes).toEqual(['lane-1']);

    const lenient = await verify(placeholder, { quorum: { ...quorum, threshold: 2 } });
    expect(lenient.quorum.held).toBe(true);
    expect(lenient.verdict).toBe('PASS');
  });

  it('fails a bundle with no claims and blames every lane', async () => {
    const report = await verify(makeAggregate([makeBundle('lane-1', []), makeBundle('lane-2', [])]));
    expect(report.verdict).toBe('FAIL');
    expect(report.hallucination_rate).toBe(0);
    expect(report.failing_lanes).toEqual(['lane-1', 'lane-2']);
    expect(report.validators.flatMap((vote) => vote.findings.map((finding) => finding.code))).toContain(
      'no-claims',
    );

    const noBundles = await verify(makeAggregate([]), {
      lanes: 3,
      quorum: { validators: ['verifier_aux'], threshold: 1 },
    });
    expect(noBundles.verdict).toBe('FAIL');
    expect(noBundles.failing_lanes).toEqual(['lane-1', 'lane-2', 'lane-3']);
    expect(noBundles.validators.map((vote) => vote.validator)).toEqual(['verifier_aux', 'gate']);
    expect(noBundles.quorum.passed).toBe(1);
  });

  it('runs specialist validators passed by the caller and refuses unknown names', async () => {
    const quorum = { validators: ['immunizer', 'security_reviewer'], threshold: 2 };
    const report = await verify(twoLanes(0), { quorum }, [fixedVote('security_reviewer', false, ['lane-1'])]);
    expect(report.validators.map((vote) => vote.validator)).toEqual(['immunizer', 'security_reviewer']);
    expect(report.verdict).toBe('FAIL');
    expect(report.failing_lanes).toEqual(['lane-1']);

    await expect(verify(twoLanes(0), { quorum })).rejects.toMatchObject({
      name: 'VerifyError',
      code: 'VALIDATOR_NOT_FOUND',
      message: expect.stringContaining('security_reviewer'),
    });
  });
});

describe('planRerun', () => {
  let workspace: TestWorkspace;
  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'a.ts': numberedSource(3) });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  async function failingReport() {
    const aggregate = makeAggregate([
      makeBundle('lane-1', [makeClaim('lane-1', 'c1', 'a', [forge(workspace.ref('a.ts', [1, 1]))])]),
    ]);
    return runVerify({ aggregate, intent: makeIntent(), workspace: workspace.root, attempt: 1 });
  }

  it('stops at max_reruns and when fail_over is stop', async () => {
    const report = await failingReport();
    expect(planRerun(report, makeIntent(), 1).rerun).toBe(true);
    expect(planRerun(report, makeIntent(), 2).rerun).toBe(false);
    expect(planRerun(report, makeIntent({ verify: { max_reruns: 0 } }), 0).rerun).toBe(false);
    expect(planRerun(report, makeIntent({ verify: { fail_over: 'stop' } }), 0).rerun).toBe(false);
  });
});
