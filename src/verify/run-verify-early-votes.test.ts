import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimGrounding } from '../contracts/index.js';
import { castVotes } from './cast-votes.js';
import { createValidator } from './create-validator.js';
import { createGroundingResolver } from './grounding-resolver.js';
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

describe('the votes cast while the judges are out', () => {
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
        makeClaim('lane-1', 'c2', 'Idle connections are closed after 30.', [
          workspace.ref('src/pool.ts', [2, 2]),
        ]),
      ]),
    ]);
  const intent = makeIntent({ verify: { hallucination_rate_target: 0.7, hallucination_rate_fail: 0.8 } });

  it('are cast again when a judgement changed a claim: the immunizer counts the judged claim', async () => {
    const report = await runVerify({
      aggregate: aggregate(),
      intent,
      workspace: workspace.root,
      attempt: 1,
      judges: {
        immunizer: scriptedJudge('a', undefined, 20),
        disruptor: scriptedJudge('b', undefined, 20),
        verifier_aux: scriptedJudge('strict', /closed after/, 20),
      },
    });
    const immunizer = report.validators.find((vote) => vote.validator === 'immunizer');
    expect(immunizer?.summary).toMatch(/^1 of 2 lane claims not grounded or not supported/);
    expect(immunizer?.findings.map((finding) => [finding.claim_id, finding.code])).toEqual([
      ['c2', 'contradicted-claim'],
    ]);
  });

  it('are what the built-in validators say on the judged grounding: they do not read the records', async () => {
    const resolver = createGroundingResolver({ workspace: workspace.root });
    const bundle = aggregate();
    const plain = await Promise.all(bundle.claims.map((claim) => resolver.groundClaim(claim)));
    const judged: ClaimGrounding[] = plain.map((entry) => ({
      ...entry,
      judgements: [
        { validator: 'immunizer', model: 'a', support: 'supported', reason: 'the evidence says so' },
      ],
    }));
    const validators = ['immunizer', 'disruptor', 'verifier_aux'].map((name) =>
      createValidator(name as 'immunizer'),
    );
    const on = (grounding: ClaimGrounding[]) =>
      castVotes(validators, { aggregate: bundle, grounding, resolver, intent }, 60_000);
    expect(await on(judged)).toEqual(await on(plain));
  });
});
