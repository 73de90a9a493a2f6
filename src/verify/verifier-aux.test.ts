import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregateBundle } from '../contracts/index.js';
import { isNegationOf } from './find-contradictions.js';
import {
  createTestWorkspace,
  forge,
  groundedInput,
  makeAggregate,
  makeBundle,
  makeClaim,
  numberedSource,
  type TestWorkspace,
} from './test-workspace.js';
import { createVerifierAux } from './verifier-aux.js';

describe('verifier_aux', () => {
  let workspace: TestWorkspace;

  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'src/cache.ts': numberedSource(20) });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  async function validate(aggregate: AggregateBundle) {
    return createVerifierAux().validate(await groundedInput(workspace.root, aggregate));
  }

  it('passes consistent bundles', async () => {
    const report = await validate(
      makeAggregate([
        makeBundle('lane-1', [
          makeClaim('lane-1', 'c1', 'value1 is one', [workspace.ref('src/cache.ts', [1, 3])]),
        ]),
        makeBundle('lane-2', [
          makeClaim('lane-2', 'c1', 'value2 is two', [workspace.ref('src/cache.ts', [1, 3])]),
        ]),
      ]),
    );
    expect(report).toMatchObject({ passed: true, findings: [], failing_lanes: [] });
  });

  it('flags the same range cited with different hashes, blaming the lane whose hash is wrong', async () => {
    const report = await validate(
      makeAggregate([
        makeBundle('lane-1', [
          makeClaim('lane-1', 'c1', 'the cache holds values', [workspace.ref('src/cache.ts', [4, 6])]),
        ]),
        makeBundle('lane-2', [
          makeClaim('lane-2', 'c7', 'the cache holds keys', [forge(workspace.ref('src/cache.ts', [4, 6]))]),
        ]),
      ]),
    );
    expect(report.passed).toBe(false);
    expect(report.failing_lanes).toEqual(['lane-2']);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      code: 'inconsistent-evidence',
      severity: 'error',
      lane_id: 'lane-2',
    });
    expect(report.findings[0]?.message).toContain('src/cache.ts:4-6 is cited with 2 different sha256 values');
  });

  it('errors on a contradiction between two grounded claims and names both lanes', async () => {
    const report = await validate(
      makeAggregate([
        makeBundle('lane-1', [
          makeClaim('lane-1', 'c1', 'The cache is thread-safe.', [workspace.ref('src/cache.ts', [2, 5])]),
        ]),
        makeBundle('lane-2', [
          makeClaim('lane-2', 'c2', "The cache isn't thread-safe", [workspace.ref('src/cache.ts', [4, 8])]),
        ]),
      ]),
    );
    expect(report.passed).toBe(false);
    expect(report.failing_lanes).toEqual(['lane-1', 'lane-2']);
    expect(report.findings.map((finding) => [finding.code, finding.severity, finding.lane_id])).toEqual([
      ['contradiction', 'error', 'lane-1'],
      ['contradiction', 'error', 'lane-2'],
    ]);
  });

  it('only warns on a contradiction when a side is not grounded', async () => {
    const report = await validate(
      makeAggregate([
        makeBundle('lane-1', [
          makeClaim('lane-1', 'c1', 'The loader validates input', [workspace.ref('src/cache.ts', [2, 5])]),
        ]),
        makeBundle('lane-2', [
          makeClaim('lane-2', 'c2', 'The loader does not validate input', [
            forge(workspace.ref('src/cache.ts', [9, 9])),
          ]),
          makeClaim('lane-2', 'c3', 'The loader does not validate input', [
            workspace.ref('src/cache.ts', [5, 5]),
          ]),
        ]),
      ]),
    );
    const contradictions = report.findings.filter((finding) => finding.code === 'contradiction');
    expect(contradictions.map((finding) => finding.severity)).toEqual(['error', 'error']);
    expect(contradictions.map((finding) => finding.claim_id)).toEqual(['c1', 'c3']);

    const ungroundedSide = await validate(
      makeAggregate([
        makeBundle('lane-1', [
          makeClaim('lane-1', 'c1', 'The loader validates input', [workspace.ref('src/cache.ts', [2, 5])]),
        ]),
        makeBundle('lane-2', [
          makeClaim('lane-2', 'c2', 'The loader does not validate input', [
            forge(workspace.ref('src/cache.ts', [3, 3])),
          ]),
        ]),
      ]),
    );
    expect(ungroundedSide.passed).toBe(true);
    expect(ungroundedSide.findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['contradiction', 'warning'],
      ['contradiction', 'warning'],
    ]);
  });

  it('sees contradictions Aggregate merged away into merged_from', async () => {
    const ref = workspace.ref('src/cache.ts', [10, 10]);
    const first = makeClaim('lane-1', 'c1', 'Eviction is enabled', [ref]);
    const second = makeClaim('lane-2', 'c5', 'Eviction is not enabled', [ref]);
    const aggregate: AggregateBundle = {
      bundles: [makeBundle('lane-1', [first]), makeBundle('lane-2', [second])],
      claims: [{ ...first, merged_from: ['c5'] }],
      duplicates_merged: 1,
    };
    const report = await validate(aggregate);
    expect(report.failing_lanes).toEqual(['lane-1', 'lane-2']);
  });

  it('checks each bundle: lane ids match and claim ids are unique', async () => {
    const ref = workspace.ref('src/cache.ts', [1, 1]);
    const report = await validate(
      makeAggregate([
        makeBundle('lane-1', [
          makeClaim('lane-1', 'c1', 'one', [ref]),
          makeClaim('lane-1', 'c1', 'two', [ref]),
        ]),
        makeBundle('lane-2', [makeClaim('lane-3', 'c2', 'three', [ref])]),
      ]),
    );
    expect(report.findings.map((finding) => [finding.code, finding.lane_id])).toEqual([
      ['duplicate-claim-id', 'lane-1'],
      ['lane-mismatch', 'lane-2'],
    ]);
    expect(report.failing_lanes).toEqual(['lane-1', 'lane-2']);
  });
});

describe('isNegationOf', () => {
  it.each([
    ['The cache is thread-safe', 'The cache is not thread-safe'],
    ['The handler validates input', 'The handler does not validate input'],
    ['Retries can fail', 'Retries cannot fail'],
    ['Tokens never expire', 'Tokens expire'],
  ])('%j vs %j', (first, second) => {
    expect(isNegationOf(first, second)).toBe(true);
  });

  it.each([
    ['The cache is thread-safe', 'The cache is fast'],
    ['The cache is not thread-safe', 'The cache is not thread-safe'],
    ['safe', 'not safe'],
    ['It is not true that X is not set', 'X is set and checked'],
  ])('not %j vs %j', (first, second) => {
    expect(isNegationOf(first, second)).toBe(false);
  });
});
