import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregateBundle } from '../contracts/index.js';
import { CANARY_LANE_ID, plantCanaryClaims } from './canary-claims.js';
import { createDisruptor } from './disruptor.js';
import { createGroundingResolver } from './grounding-resolver.js';
import type { GroundingResolver } from './ref-resolution.js';
import {
  createTestWorkspace,
  groundedInput,
  makeAggregate,
  makeBundle,
  makeClaim,
  makeIntent,
  numberedSource,
  type TestWorkspace,
} from './test-workspace.js';
import type { ValidatorInput } from './validator.js';

const MARKER_TASK = ['TO', 'DO'].join('');

describe('disruptor', () => {
  let workspace: TestWorkspace;
  let honest: AggregateBundle;

  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'src/a.ts': numberedSource(12), 'src/b.ts': numberedSource(6) });
    honest = makeAggregate([
      makeBundle('lane-1', [
        makeClaim('lane-1', 'c1', 'value1 is 1', [workspace.ref('src/a.ts', [1, 1], 'value1 = 1')]),
        makeClaim('lane-1', 'c2', 'values 3 to 5 are constants', [workspace.ref('src/a.ts', [3, 5])]),
      ]),
      makeBundle('lane-2', [
        makeClaim('lane-2', 'c1', 'b defines value6', [workspace.ref('src/b.ts', [6, 6])]),
      ]),
    ]);
  });
  afterAll(async () => {
    await workspace.remove();
  });

  function inputFor(aggregate: AggregateBundle, intent = makeIntent()): Promise<ValidatorInput> {
    return groundedInput(workspace.root, aggregate, intent);
  }

  it('passes an honest bundle: every canary is rejected', async () => {
    const report = await createDisruptor().validate(await inputFor(honest));
    expect(report.passed).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatch(/^15 of 15 canaries rejected/);
    const kinds = new Set(report.canary_catch?.map((entry) => entry.kind));
    for (const kind of [
      'sha256-forged',
      'range-past-eof',
      'quote-forged',
      'number-perturbed',
      'identifier-absent',
    ])
      expect(kinds).toContain(kind);
    expect(report.canary_catch?.every((entry) => entry.caught === entry.planted)).toBe(true);
  });

  it('plants one canary per forgery kind into a copy, leaving the bundle untouched', async () => {
    const input = await inputFor(honest);
    const before = structuredClone(honest);
    const { bundle, canaries } = plantCanaryClaims(honest, input.grounding, 7);
    expect(honest).toEqual(before);
    expect(new Set(canaries.map((canary) => canary.kind))).toEqual(
      new Set([
        'sha256-forged',
        'range-past-eof',
        'quote-forged',
        'path-escape',
        'absolute-path',
        'file-missing',
      ]),
    );
    expect(bundle.claims.filter((claim) => claim.lane_id === CANARY_LANE_ID)).toHaveLength(canaries.length);
    expect(plantCanaryClaims(honest, input.grounding, 7).canaries).toEqual(canaries);
  });

  it('still plants path canaries when nothing grounded', async () => {
    const empty = makeAggregate([makeBundle('lane-1', [makeClaim('lane-1', 'c1', 'no evidence', [])])]);
    const { canaries } = plantCanaryClaims(empty, (await inputFor(empty)).grounding);
    expect(canaries.map((canary) => canary.kind)).toEqual(['path-escape', 'absolute-path', 'file-missing']);
  });

  it('fails with canary-accepted when the resolver rubber-stamps', async () => {
    const rubberStamp: GroundingResolver = {
      workspace: workspace.root,
      resolveRef: async (ref) => ({ ref, status: 'resolved', outcome: 'VERIFIED', problems: [], text: '' }),
      groundClaim: async (claim) => ({
        claim_id: claim.id,
        lane_id: claim.lane_id,
        status: 'grounded',
        problems: [],
      }),
    };
    const report = await createDisruptor({ resolver: () => rubberStamp }).validate(await inputFor(honest));
    expect(report.passed).toBe(false);
    const codes = new Set(report.findings.map((finding) => finding.code));
    expect(codes).toEqual(new Set(['canary-accepted']));
    expect(report.findings.some((finding) => finding.message.includes('etc/passwd'))).toBe(true);
    expect(report.failing_lanes).toEqual([]);
  });

  it('catches a resolver that skips only the hash check', async () => {
    const hashBlind = (options: { workspace: string }): GroundingResolver => {
      const real = createGroundingResolver(options);
      const blind = async (ref: Parameters<GroundingResolver['resolveRef']>[0]) => {
        const resolution = await real.resolveRef(ref);
        const problems = resolution.problems.filter((problem) => problem.code !== 'sha256-mismatch');
        return {
          ...resolution,
          problems,
          status: problems.length === 0 ? ('resolved' as const) : ('unresolved' as const),
        };
      };
      return { workspace: real.workspace, resolveRef: blind, groundClaim: real.groundClaim };
    };
    const report = await createDisruptor({ resolver: hashBlind }).validate(await inputFor(honest));
    expect(report.passed).toBe(false);
    expect(report.findings.every((finding) => finding.message.startsWith('canary sha256-forged'))).toBe(true);
  });

  it('flags placeholder text in claims and artifacts but not in evidence quotes', async () => {
    await workspace.write('src/notes.ts', `// ${MARKER_TASK}: retry on failure\nexport const retries = 0;`);
    const aggregate = makeAggregate([
      makeBundle('lane-1', [
        makeClaim('lane-1', 'c1', 'Retries are not implemented yet', [
          workspace.ref('src/notes.ts', [1, 2], `${MARKER_TASK}: retry on failure`),
        ]),
      ]),
      makeBundle(
        'lane-2',
        [makeClaim('lane-2', 'c2', 'The cache policy is TBD', [workspace.ref('src/a.ts', [2, 2])])],
        [{ name: 'report.md', kind: 'report', content: '## Risks\n[insert risks]\n' }],
      ),
      makeBundle('lane-3', [], [{ name: 'analysis.md', kind: 'analysis', content: 'Lorem ipsum dolor.' }]),
    ]);
    const report = await createDisruptor().validate(await inputFor(aggregate));
    expect(report.passed).toBe(false);
    expect(report.failing_lanes).toEqual(['lane-2', 'lane-3']);
    expect(report.findings.map((finding) => [finding.code, finding.lane_id, finding.severity])).toEqual([
      ['placeholder-text', 'lane-2', 'error'],
      ['placeholder-text', 'lane-2', 'error'],
      ['placeholder-text', 'lane-3', 'error'],
    ]);
  });

  it('only warns about placeholders when the ban is off', async () => {
    const aggregate = makeAggregate([
      makeBundle('lane-1', [makeClaim('lane-1', 'c1', 'Owner: TBD', [workspace.ref('src/a.ts', [2, 2])])]),
    ]);
    const intent = makeIntent({ safety: { placeholder_ban: false } });
    const report = await createDisruptor().validate(await inputFor(aggregate, intent));
    expect(report.passed).toBe(true);
    expect(report.failing_lanes).toEqual([]);
    expect(report.findings.map((finding) => finding.severity)).toEqual(['warning']);
  });
});
