import { describe, expect, it } from 'vitest';
import { validateMermaid } from '../test/validate-mermaid.js';
import { buildRunDiagram } from './build-run-diagram.js';
import { failedAttempt, laneRuns, passedAttempt } from './fixtures/sample-run.js';
import { mermaidEdgeLabel, mermaidLabel } from './mermaid-text.js';

describe('buildRunDiagram', () => {
  it('keeps hostile lane ids and labels from breaking the graph', async () => {
    const text = buildRunDiagram({
      laneRuns: [
        { lane_id: 'end', attempt: 1, phases: ['perceive', 'react', 'engage', 'yield'], rerun: false },
        {
          lane_id: 'a "b" <c> | d',
          attempt: 1,
          phases: ['perceive', 'react', 'engage', 'yield'],
          rerun: false,
        },
        { lane_id: 'a "b" <c> | d', attempt: 2, phases: ['perceive', 'react'], rerun: true },
      ],
      reports: [{ ...failedAttempt, failing_lanes: ['a "b" <c> | d'] }],
      reactDomains: { end: 'clear #quot; "x"' },
      digestLabel: 'Digest: FAIL "partial"',
    });
    await validateMermaid(text);
    expect(text).toContain('subgraph L1["end"]');
    expect(text).toContain('subgraph L2["a #quot;b#quot; #lt;c#gt; | d"]');
    expect(text).toContain('V1 -.->|re-run a _b_ _c_ _ d| L2A2_perceive');
    // The interrupted re-run has no Yield, so it feeds nothing and the digest hangs off Verify #1.
    expect(text).not.toContain('L2A2_yield');
    expect(text).toContain('V1 -->|FAIL| DIGEST(["Digest: FAIL #quot;partial#quot;"])');
  });

  it('draws a lane attempt that never started and a digest reached without Verify', async () => {
    const text = buildRunDiagram({
      laneRuns: [
        { lane_id: 'lane-1', attempt: 1, phases: ['perceive', 'react', 'engage', 'yield'], rerun: false },
        { lane_id: 'lane-2', attempt: 1, phases: [], rerun: false },
      ],
      reports: [],
      digestLabel: 'Digest: FAIL (partial)',
    });
    await validateMermaid(text);
    expect(text).toContain('L2A1_start(["attempt 1 not started"])');
    expect(text).toContain('L1A1_yield -.->|unverified| DIGEST');
    expect(text).not.toContain('AGG');
  });

  it('follows a two-re-run history round by round', async () => {
    const third = { ...passedAttempt, attempt: 3 };
    const second = { ...failedAttempt, attempt: 2, failing_lanes: ['lane-1', 'lane-2'] };
    const text = buildRunDiagram({
      laneRuns: [
        ...laneRuns,
        { lane_id: 'lane-1', attempt: 2, phases: ['perceive', 'react', 'engage', 'yield'], rerun: true },
        { lane_id: 'lane-2', attempt: 3, phases: ['perceive', 'react', 'engage', 'yield'], rerun: true },
      ],
      reports: [failedAttempt, second, third],
      digestLabel: 'Digest: PASS',
    });
    await validateMermaid(text);
    expect(text).toContain('V1 -.->|re-run lane-2| L2A2_perceive');
    expect(text).toContain('V2 -.->|re-run lane-1| L1A2_perceive');
    expect(text).toContain('V2 -.->|re-run lane-2| L2A3_perceive');
    expect(text).toContain('L1A1_yield --> AGG2');
    expect(text).toContain('L1A2_yield --> AGG3');
    expect(text).toContain('L2A3_yield --> AGG3');
    expect(text).toContain('V3 -->|PASS| DIGEST');
  });

  it('rejects a broken diagram, so the validity checks above can fail', async () => {
    await expect(
      validateMermaid(`${buildRunDiagram({ laneRuns, reports: [], digestLabel: 'x' })}\n  V1 -->`),
    ).rejects.toThrow('invalid mermaid');
  });
});

describe('mermaid text helpers', () => {
  it('escapes labels and edge labels', () => {
    expect(mermaidLabel('say "hi"\n<now> #1 #quot;')).toBe('say #quot;hi#quot; #lt;now#gt; #1 #35;quot;');
    expect(mermaidEdgeLabel('re-run |lane| "x"')).toBe('re-run _lane_ _x_');
    expect(mermaidEdgeLabel('||')).toBe('__');
  });
});
