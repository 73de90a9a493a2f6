import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregateBundle, Claim } from '../contracts/index.js';
import { createFakeModel } from '../models/index.js';
import { type Criterion, createCriteriaValidator } from './criteria-validator.js';
import {
  createTestWorkspace,
  groundedInput,
  makeAggregate,
  makeBundle,
  makeClaim,
  numberedSource,
  type TestWorkspace,
} from './test-workspace.js';

const CRITERIA: Criterion[] = [
  { name: 'names-owner', text: 'Every risk names an owner' },
  { name: 'cites-test', text: 'Every behaviour claim cites a test' },
];

describe('createCriteriaValidator', () => {
  let workspace: TestWorkspace;
  let aggregate: AggregateBundle;
  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'src/a.ts': numberedSource(5) });
    aggregate = makeAggregate([
      makeBundle('lane-1', [
        makeClaim('lane-1', 'c1', 'owner: platform team', [workspace.ref('src/a.ts', [1, 1])]),
      ]),
      makeBundle('lane-2', [
        makeClaim('lane-2', 'c2', 'an unowned risk', [workspace.ref('src/a.ts', [2, 2])]),
      ]),
    ]);
  });
  afterAll(async () => {
    await workspace.remove();
  });

  function inputFor(bundle: AggregateBundle) {
    return groundedInput(workspace.root, bundle);
  }

  it('without a judge checks grounding and reports each criterion as not judged', async () => {
    const validator = createCriteriaValidator({ name: 'risk_reviewer', criteria: CRITERIA });
    const report = await validator.validate(await inputFor(aggregate));
    expect(validator.name).toBe('risk_reviewer');
    expect(report.passed).toBe(true);
    expect(report.findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['criterion-not-judged', 'warning'],
      ['criterion-not-judged', 'warning'],
    ]);
    expect(report.findings[0]?.message).toContain('a model is needed to judge it');
  });

  it('without a judge still fails ungrounded claims', async () => {
    const bundle = makeAggregate([makeBundle('lane-2', [makeClaim('lane-2', 'c3', 'no evidence', [])])]);
    const report = await createCriteriaValidator({ name: 'risk_reviewer', criteria: CRITERIA }).validate(
      await inputFor(bundle),
    );
    expect(report.passed).toBe(false);
    expect(report.failing_lanes).toEqual(['lane-2']);
    expect(report.findings[0]?.code).toBe('ungrounded-claim');
  });

  it('with a judge asks once per claim and fails the lanes it rejects', async () => {
    const asked: string[] = [];
    const judge = async (claim: Claim, criteria: readonly Criterion[]) => {
      asked.push(`${claim.id}:${criteria.length}`);
      const passed = claim.text.includes('owner');
      return { passed, reason: passed ? 'names an owner' : 'no owner named' };
    };
    const report = await createCriteriaValidator({
      name: 'risk_reviewer',
      criteria: CRITERIA,
      judge,
    }).validate(await inputFor(aggregate));
    expect(asked).toEqual(['c1:2', 'c2:2']);
    expect(report.passed).toBe(false);
    expect(report.failing_lanes).toEqual(['lane-2']);
    expect(report.findings).toEqual([
      {
        code: 'criterion-failed',
        severity: 'error',
        claim_id: 'c2',
        lane_id: 'lane-2',
        message: 'claim c2: no owner named',
      },
    ]);
  });

  it('lets a judge failure propagate instead of voting', async () => {
    const judge = async () => {
      throw new Error('model unavailable');
    };
    const validator = createCriteriaValidator({ name: 'risk_reviewer', criteria: CRITERIA, judge });
    await expect(validator.validate(await inputFor(aggregate))).rejects.toThrow('model unavailable');
  });

  it('judges the claims against the criteria with the model runVerify gives it, one call for all', async () => {
    let calls = 0;
    const model = createFakeModel({
      modelId: 'criteria-judge',
      respond: (request) => {
        calls += 1;
        const input = request.input as {
          criteria: Criterion[];
          claims: { claim_id: string; text: string }[];
        };
        expect(input.criteria.map((criterion) => criterion.name)).toEqual(['names-owner', 'cites-test']);
        // Answers for the first claim only: the second must fail, since silence is not a pass.
        return {
          claims: [{ claim_id: input.claims[0]?.claim_id ?? '', passed: true, reason: 'names its owner' }],
        };
      },
    });
    const validator = createCriteriaValidator({ name: 'SecurityAuditor', criteria: CRITERIA });
    const input = await inputFor(aggregate);
    const report = await validator.validate({ ...input, judges: { SecurityAuditor: model } });
    expect(calls).toBe(1);
    expect(report.passed).toBe(false);
    expect(report.findings.map((finding) => [finding.code, finding.claim_id])).toEqual([
      ['criterion-failed', 'c2'],
    ]);
    expect(report.findings[0]?.message).toContain('gave no answer');
    expect(report.summary).toContain('by fake:criteria-judge');
  });
});
