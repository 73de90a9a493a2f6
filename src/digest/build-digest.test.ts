import { describe, expect, it } from 'vitest';
import { DigestSchema } from '../contracts/digest.js';
import { validateMermaid } from '../test/validate-mermaid.js';
import { buildDigest, buildDigestInTurns } from './build-digest.js';
import { failingRun, sampleRun } from './fixtures/sample-run.js';

describe('buildDigest', () => {
  const digest = buildDigest(sampleRun());

  it('returns a schema-valid digest with BLUF, matrix, diagram and notes', () => {
    expect(DigestSchema.parse(digest)).toEqual(digest);
    expect(digest.bluf.length).toBeGreaterThanOrEqual(3);
    expect(digest.bluf.length).toBeLessThanOrEqual(5);
    expect(digest.decision_matrix.rows).toHaveLength(3);
    expect(digest.diagrams).toHaveLength(1);
    expect(digest.notes.length).toBeGreaterThanOrEqual(3);
    expect(digest.created_at).toBe('2026-11-22T10:20:00.000Z');
  });

  it('names the verdict, rate and confidence in BLUF line 1 and says what to do last', () => {
    expect(digest.verdict).toBe('PASS');
    expect(digest.bluf[0]).toBe(
      'Verdict: PASS (checks passed) — 3 of 3 claims grounded in the workspace (hallucination rate 0.0 %, confidence 0.75).',
    );
    expect(digest.bluf.at(-1)).toMatch(/^Next: review the findings for relevance before acting/);
  });

  it('says in the BLUF that the offline engine produced the claims, and only then', () => {
    expect(digest.bluf[1]).toBe(
      'Engine: offline (no language model); claims are facts parsed from the source and quotes of it. Checked: quotes and cited tokens verified; relevance and correctness not judged (no language model).',
    );
    expect(digest.engine).toContain('offline engine');
    const model = buildDigest(sampleRun({ engine: 'openai:gpt-4o-mini' }));
    expect(model.bluf.join('\n')).not.toContain('offline');
    expect(model.engine).toBe('openai:gpt-4o-mini');
    expect(model.operating_mode).toMatch(/^model, /);
  });

  it('leads the findings with the claim two lanes agree on', () => {
    expect(digest.bluf[2]).toContain('DATABASE_URL');
    expect(digest.bluf[2]).toContain('2 independent lanes agree; src/config.ts:3-5');
    expect(digest.decision_matrix.columns).toEqual([
      'Finding',
      'Evidence',
      'Lanes agreeing',
      'Grounding',
      'Action',
    ]);
    expect(digest.decision_matrix.rows[0]).toEqual([
      'The service reads its database connection string from DATABASE_URL at start-up.',
      'src/config.ts:3-5',
      '2 (lane-1, lane-2)',
      'grounded',
      'rely on it',
    ]);
  });

  it('draws a valid mermaid graph of this run with the re-run edge', async () => {
    const [diagram] = digest.diagrams;
    if (diagram === undefined) throw new Error('no diagram');
    await validateMermaid(diagram.mermaid);
    const text = diagram.mermaid;
    expect(text.startsWith('graph LR\n')).toBe(true);
    expect(text).toContain('subgraph L1["lane-1"]');
    expect(text).toContain('subgraph L2["lane-2"]');
    expect(text).toContain('V1 -.->|re-run lane-2| L2A2_perceive');
    expect(text).toContain('V1{"Verify #1: FAIL, rate 33.3 %, quorum 1/3"}');
    expect(text).toContain('L1A1_react["React #1 · complicated"]');
    expect(text).toContain('L2A2_yield --> AGG2');
    expect(text).toContain('V2 -->|PASS| DIGEST(["Digest: PASS"])');
    expect(text).not.toContain('L2A1_yield --> AGG2');
  });

  it('records every attempt, the validators and the confidence formula in the notes', () => {
    const texts = digest.notes.map((note) => note.text);
    expect(texts).toContain(
      'Verify #1: FAIL — 2 of 3 claims grounded, hallucination rate 33.3 %, quorum 1 of 3 (threshold 2, not held); failing lanes: lane-2.',
    );
    expect(texts.some((text) => text.startsWith('Verify #2: PASS'))).toBe(true);
    expect(texts.some((text) => text.startsWith('Validator immunizer (final attempt): passed'))).toBe(true);
    expect(texts.at(-1)).toMatch(/^Confidence 0\.75 = min\(verdict cap, 0\.5 × grounded 1\.00/);
    expect(texts).toContain('Judged by: no language model.');
    const claimNotes = digest.notes.filter((note) => note.evidence_refs.length > 0);
    expect(claimNotes).toHaveLength(3);
    expect(claimNotes[0]?.text).toMatch(/^\[grounded\] The service reads/);
  });

  it('describes the run: mode, safety, no blockers', () => {
    expect(digest.operating_mode).toBe('offline, 2 lanes, 1 re-run, quorum 2 of 3');
    expect(digest.safety_summary).toBe(
      'analysis-only: no workspace writes; placeholder ban on; revert plan on; chunk size ≤ 200 lines',
    );
    expect(digest.blockers).toEqual([]);
    expect(digest.partial).toBe(false);
    expect(digest.lanes).toHaveLength(3);
  });

  it('lists blockers and caps confidence on FAIL', async () => {
    const failed = buildDigest(failingRun());
    expect(failed.verdict).toBe('FAIL');
    expect(failed.confidence).toBeLessThanOrEqual(0.25);
    expect(failed.bluf[0]).toMatch(/^Verdict: FAIL \(not safe to act on\) — 2 of 3 claims/);
    expect(failed.blockers).toEqual([
      'failing lanes after 2 attempt(s): lane-2',
      'quorum not held: 1 of 2 required passes',
      'immunizer: sha256-mismatch — src/routes/index.ts:40-44 does not hash to the cited sha256',
      'disruptor: sha256-mismatch — src/routes/index.ts:40-44 does not hash to the cited sha256',
      '1 claim(s) without resolvable evidence',
    ]);
    expect(failed.bluf.at(-1)).toBe(
      'Next: blocked by failing lanes after 2 attempt(s): lane-2; fix the blockers and re-run the failing lanes.',
    );
    const diagram = failed.diagrams[0]?.mermaid ?? '';
    await validateMermaid(diagram);
    expect(diagram).toContain('V2 -->|FAIL| DIGEST');
    expect(diagram).toContain('class V2 fail');
  });

  it('says first, on the offline engine, when nothing was found because no file could be parsed', () => {
    const emptyAggregate = {
      bundles: [
        {
          lane_id: 'lane-1',
          attempt: 1,
          summary: 'nothing relevant found for: Map the architecture',
          claims: [],
          artifacts: [],
        },
      ],
      claims: [],
      duplicates_merged: 0,
    };
    const coverage = {
      filesScanned: 207,
      skipped: [],
      maxFiles: 20_000,
      capReached: false,
      gitignoreFiles: [],
    };
    const run = (parsedFiles: number, engine?: string) =>
      buildDigest({
        ...failingRun(),
        ...(engine === undefined ? {} : { engine }),
        aggregate: emptyAggregate,
        coverage,
        parseCoverage: { parsedFiles, unparsedFiles: [] },
      });
    const none = run(0);
    expect(none.blockers[0]).toBe(
      'no JavaScript or TypeScript among the 207 files scanned, the only languages the offline engine parses: it searched them as text only (comments and prose naming a subject of the objective); run on a model (--model) to analyse them',
    );
    expect(none.bluf.at(-1)).toMatch(
      /^Next: blocked by no JavaScript or TypeScript among the 207 files scanned/,
    );
    // Source was parsed, or a model ran: nothing relevant found means just that.
    expect(run(3).blockers.join('\n')).not.toContain('offline engine parses');
    expect(run(0, 'openai:gpt-4o-mini').blockers.join('\n')).not.toContain('offline engine parses');
  });

  it('returns a partial FAIL digest when Verify never ran, with orchestrator blockers first', async () => {
    const partial = buildDigest(
      sampleRun({
        reports: [],
        partial: true,
        blockers: ['mission deadline (30 min) reached'],
        laneRuns: [],
      }),
    );
    expect(partial.verdict).toBe('FAIL');
    expect(partial.partial).toBe(true);
    expect(partial.confidence).toBe(0);
    expect(partial.hallucination_rate).toBe(1);
    expect(partial.blockers).toEqual([
      'mission deadline (30 min) reached',
      'Verify did not run: no claim has been checked',
    ]);
    expect(partial.bluf[0]).toContain('claims verified (Verify did not run)');
    expect(partial.bluf.at(-1)).toMatch(
      /^Partial digest \(run cut short\): Next: blocked by mission deadline/,
    );
    await validateMermaid(partial.diagrams[0]?.mermaid ?? '');
  });

  it('makes the very same digest in turns, giving the event loop a turn between its steps', async () => {
    let turns = 0;
    const turn = () =>
      new Promise<void>((resolve) => {
        turns += 1;
        setImmediate(resolve);
      });
    for (const run of [sampleRun(), failingRun()]) {
      turns = 0;
      expect(await buildDigestInTurns(run, turn)).toEqual(buildDigest(run));
      expect(turns).toBeGreaterThanOrEqual(3);
    }
  });
});
