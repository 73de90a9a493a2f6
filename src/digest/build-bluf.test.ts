import { describe, expect, it } from 'vitest';
import { buildBluf } from './build-bluf.js';
import { buildClaimViews } from './build-claim-views.js';
import { passedAttempt, sampleRun } from './fixtures/sample-run.js';

describe('buildBluf', () => {
  const input = sampleRun();
  const caution = {
    ...passedAttempt,
    verdict: 'CAUTION' as const,
    hallucination_rate: 1 / 3,
    claims_grounded: 2,
    grounding: passedAttempt.grounding.map((entry, index) =>
      index === 2 ? { ...entry, status: 'ungrounded' as const, problems: ['no evidence'] } : entry,
    ),
  };
  const views = buildClaimViews(input.aggregate, caution);

  it('on CAUTION says which claims to check and from which lanes', () => {
    const lines = buildBluf({
      verdict: 'CAUTION',
      report: caution,
      views,
      confidence: 0.55,
      offline: false,
      partial: false,
      blockers: [],
    });
    expect(lines[0]).toBe(
      'Verdict: CAUTION (usable with care) — 2 of 3 claims grounded in the workspace (hallucination rate 33.3 %, confidence 0.55).',
    );
    expect(lines[1]).toBe(
      'Checked: quotes and cited tokens verified; relevance and correctness not judged (no language model).',
    );
    expect(lines.at(-1)).toBe('Next: check the 1 unverified claim(s) from lane-2 before acting on them.');
    expect(lines).toHaveLength(5);
  });

  it('stays within 3 to 5 lines with and without the offline notice or findings', () => {
    for (const offline of [true, false]) {
      for (const claimViews of [views, []]) {
        const lines = buildBluf({
          verdict: 'PASS',
          report: passedAttempt,
          views: claimViews,
          confidence: 0.9,
          offline,
          partial: true,
          blockers: [],
        });
        expect(lines.length).toBeGreaterThanOrEqual(3);
        expect(lines.length).toBeLessThanOrEqual(5);
        expect(lines.some((line) => line.startsWith('Engine: offline'))).toBe(offline);
      }
    }
  });

  it('shortens long claims to one line', () => {
    const claims = input.aggregate.claims
      .slice(0, 1)
      .map((claim) => ({ ...claim, text: `${'word '.repeat(60)}\nend` }));
    const long = buildClaimViews({ ...input.aggregate, claims }, passedAttempt);
    const lines = buildBluf({
      verdict: 'PASS',
      report: passedAttempt,
      views: long,
      confidence: 0.9,
      offline: false,
      partial: false,
      blockers: [],
    });
    expect(lines[2]).toMatch(
      /^Finding: “(word ){10,}.*…” \(2 independent lanes agree; src\/config\.ts:3-5\)\.$/,
    );
    expect(lines[2]?.length).toBeLessThan(160);
  });

  it('says "safe to act on" only when claims were judged for support by at least the quorum', () => {
    const facts = {
      verdict: 'PASS' as const,
      views,
      confidence: 0.9,
      offline: false,
      partial: false,
      blockers: [],
    };
    const unjudged = buildBluf({ ...facts, report: passedAttempt });
    expect(unjudged[0]).toMatch(/^Verdict: PASS \(checks passed\)/);
    expect(unjudged.join('\n')).not.toContain('safe to act on');
    const oneJudge = { ...passedAttempt, judged_by: ['openai:gpt-4o'], support_judges: 1 };
    expect(buildBluf({ ...facts, report: oneJudge }).join('\n')).not.toContain('safe to act on');
    const quorum = { ...passedAttempt, judged_by: ['anthropic:claude', 'openai:gpt-4o'], support_judges: 2 };
    const judged = buildBluf({ ...facts, report: quorum });
    expect(judged[0]).toMatch(/^Verdict: PASS \(safe to act on\)/);
    expect(judged[1]).toContain('models: anthropic:claude, openai:gpt-4o');
  });

  it('counts duplicated lanes as one voice', () => {
    const oneVoice = buildClaimViews(input.aggregate, {
      ...passedAttempt,
      grounding: passedAttempt.grounding.map((entry) => ({ ...entry, independent_lanes: 1 })),
    });
    const lines = buildBluf({
      verdict: 'PASS',
      report: passedAttempt,
      views: oneVoice,
      confidence: 0.8,
      offline: false,
      partial: false,
      blockers: [],
    });
    expect(lines[2]).toContain('(2 lanes, one voice; src/config.ts:3-5)');
  });
});
