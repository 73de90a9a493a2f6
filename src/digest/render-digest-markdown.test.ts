import { describe, expect, it } from 'vitest';
import { formatEvidenceRef } from '../contracts/evidence-ref.js';
import { buildDigest } from './build-digest.js';
import { failingRun, sampleRun } from './fixtures/sample-run.js';
import { escapeTableCell, renderDigestMarkdown } from './render-digest-markdown.js';

describe('renderDigestMarkdown', () => {
  const digest = buildDigest(sampleRun());
  const markdown = renderDigestMarkdown(digest);

  it('has the sections in order, the verdict in bold and the diagram fenced', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## BLUF', '## Decision matrix', '## Diagram', '## Notes', '## Run']);
    expect(
      markdown.startsWith('# Mission digest — Map the architecture | risks of the sample service\n'),
    ).toBe(true);
    expect(markdown).toContain('- Verdict: **PASS** (checks passed) — 3 of 3 claims grounded');
    expect(markdown).toContain(`\`\`\`mermaid\n${digest.diagrams[0]?.mermaid}\n\`\`\``);
  });

  it('renders every claim evidence ref', () => {
    const refs = digest.notes.flatMap((note) => note.evidence_refs);
    expect(refs.length).toBe(5);
    for (const ref of refs) expect(markdown).toContain(`\`${formatEvidenceRef(ref)}\``);
  });

  it('renders the matrix as a table whose cells cannot break rows', () => {
    expect(markdown).toContain(
      '| Finding | Evidence | Lanes agreeing | Grounding | Action |\n| --- | --- | --- | --- | --- |',
    );
    const odd = renderDigestMarkdown({
      ...digest,
      decision_matrix: { columns: ['A', 'B'], rows: [['x | y', 'line 1\nline 2']] },
    });
    expect(odd).toContain('| x \\| y | line 1<br>line 2 |');
    expect(escapeTableCell('a\\|b')).toBe('a\\\\\\|b');
  });

  it('states engine, mode, safety, partial flag and blockers under Run', () => {
    expect(markdown).toContain(`- Engine: ${digest.engine}`);
    expect(markdown).toContain('- Operating mode: offline, 2 lanes, 1 re-run, quorum 2 of 3');
    expect(markdown).toContain('- Safety: analysis-only: no workspace writes;');
    expect(markdown).toContain('- Partial: no');
    expect(markdown).toContain('- Blockers: none');
    const failed = renderDigestMarkdown(buildDigest(failingRun()));
    expect(failed).toContain('- Verdict: **FAIL**');
    expect(failed).toContain('- Blockers:\n  - failing lanes after 2 attempt(s): lane-2\n');
  });

  it('says why a digest is partial and what its model calls cost, per lane', () => {
    const spent = renderDigestMarkdown({
      ...digest,
      partial: true,
      partial_reason: 'budget.max_tokens reached (1,040 of 1,000 tokens used)',
      usage: {
        input_tokens: 800,
        output_tokens: 240,
        cached_input_tokens: 100,
        cost_usd: 0.0012,
        calls: 2,
        unpriced_calls: 0,
        cached_calls: 1,
        by_lane: {
          'lane-2': { input_tokens: 400, output_tokens: 120, cost_usd: 0.0006, calls: 1 },
          'lane-1': { input_tokens: 400, output_tokens: 120, cost_usd: 0.0006, calls: 1 },
        },
      },
    });
    expect(spent).toContain('- Partial: yes — budget.max_tokens reached (1,040 of 1,000 tokens used);');
    expect(spent).toContain(
      '- Usage: 2 model call(s), 1 replayed from the call cache; 800 input tokens (100 cached), 240 output tokens; cost $0.0012',
    );
    expect(spent.indexOf('  - lane-1: 1 call(s), 400 in / 120 out')).toBeLessThan(
      spent.indexOf('  - lane-2:'),
    );
  });
});
