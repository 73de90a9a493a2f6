import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregateBundle } from '../contracts/index.js';
import { createImmunizer } from './immunizer.js';
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

describe('immunizer', () => {
  let workspace: TestWorkspace;
  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'src/a.ts': numberedSource(10) });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  async function validate(aggregate: AggregateBundle) {
    return createImmunizer().validate(await groundedInput(workspace.root, aggregate));
  }

  it('fails above the target with one coded finding per problem and blames the owning lanes', async () => {
    const good = workspace.ref('src/a.ts', [2, 3]);
    const report = await validate(
      makeAggregate([
        makeBundle('lane-1', [makeClaim('lane-1', 'c1', 'fine', [good])]),
        makeBundle('lane-2', [
          makeClaim('lane-2', 'c2', 'forged', [forge(good)]),
          makeClaim('lane-2', 'c3', 'no refs', []),
          makeClaim('lane-2', 'c4', 'past eof', [{ ...forge(good), lines: [11, 12] }]),
          makeClaim('lane-2', 'c5', 'escape', [{ ...good, path: '../../etc/passwd' }]),
          makeClaim('lane-2', 'c6', 'missing', [{ ...good, path: 'src/gone.ts' }]),
          makeClaim('lane-2', 'c7', 'misquoted', [{ ...good, quote: 'value9' }]),
        ]),
      ]),
    );
    expect(report.passed).toBe(false);
    expect(report.failing_lanes).toEqual(['lane-2']);
    expect(report.findings.map((finding) => [finding.claim_id, finding.code])).toEqual([
      ['c2', 'sha256-mismatch'],
      ['c3', 'ungrounded-claim'],
      ['c4', 'range-invalid'],
      ['c5', 'outside-workspace'],
      ['c6', 'file-missing'],
      ['c7', 'quote-not-found'],
    ]);
    expect(report.summary).toContain('6 of 7 lane claims not grounded or not supported');
  });

  it('passes at the target, keeping the bad claim as a warning', async () => {
    const claims = Array.from({ length: 10 }, (_, index) =>
      makeClaim('lane-1', `c${index}`, 'x', [
        index === 0 ? forge(workspace.ref('src/a.ts', [1, 1])) : workspace.ref('src/a.ts', [1, 1]),
      ]),
    );
    const report = await validate(makeAggregate([makeBundle('lane-1', claims)]));
    expect(report.passed).toBe(true);
    expect(report.failing_lanes).toEqual([]);
    expect(report.findings.map((finding) => finding.severity)).toEqual(['warning']);
  });

  it('blames the lanes whose duplicates were merged into a bad claim', async () => {
    const forged = forge(workspace.ref('src/a.ts', [4, 4]));
    const first = makeClaim('lane-1', 'c1', 'x', [forged]);
    const duplicate = makeClaim('lane-3', 'c9', 'x', [forged]);
    const report = await validate({
      bundles: [makeBundle('lane-1', [first]), makeBundle('lane-3', [duplicate])],
      claims: [{ ...first, merged_from: ['c9'] }],
      duplicates_merged: 1,
    });
    expect(report.failing_lanes).toEqual(['lane-1', 'lane-3']);
  });

  it('refuses to pass an empty bundle', async () => {
    const report = await validate(makeAggregate([makeBundle('lane-1', [])]));
    expect(report).toMatchObject({ passed: false, findings: [{ code: 'no-claims' }] });
  });
});
