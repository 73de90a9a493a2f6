import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunStep } from '../contracts/digest.js';
import type { VerifyReport } from '../contracts/verify-report.js';
import { buildRunDiagram, type RunDiagramInput } from './build-run-diagram.js';
import { formatRate } from './digest-input.js';
import { failedAttempt, passedAttempt } from './fixtures/sample-run.js';
import { mermaidEdgeLabel, mermaidLabel } from './mermaid-text.js';

// The diagram as it was built before runs were grouped by lane (each lane's runs found by scanning
// every run, each label escaped afresh): the new one must draw exactly the same text.
const PHASE_TITLES: Record<string, string> = {
  perceive: 'Perceive',
  react: 'React',
  engage: 'Engage',
  yield: 'Yield',
};

function title(phase: string): string {
  return PHASE_TITLES[phase] ?? phase;
}

/**
 * Replays the run to find which lane attempts fed which Verify attempt: the first attempt of every
 * lane feeds Verify #1; after each Verify, the next attempt of each lane it named failing (or, if it
 * named none, of each lane marked re-run) replaces that lane's earlier yield for the following Verify.
 */
function planRounds(laneRuns: readonly RunStep[], reports: readonly VerifyReport[]) {
  const laneIds = [...new Set(laneRuns.map((run) => run.lane_id))];
  const attemptOf = (lane: string, attempt: number) =>
    laneRuns.find((run) => run.lane_id === lane && run.attempt === attempt);
  const latest = new Map<string, RunStep>();
  for (const lane of laneIds) {
    const first = laneRuns.find((run) => run.lane_id === lane);
    if (first !== undefined) latest.set(lane, first);
  }
  const feeds: RunStep[][] = [];
  const reruns: Array<{ after: number; run: RunStep }> = [];
  reports.forEach((report, index) => {
    feeds.push([...latest.values()]);
    for (const lane of laneIds) {
      const current = latest.get(lane);
      const next = current === undefined ? undefined : attemptOf(lane, current.attempt + 1);
      // A report names the lanes it sends back; only when it names none is the run's own flag trusted.
      const sentBack = report.failing_lanes.length > 0 ? report.failing_lanes.includes(lane) : next?.rerun;
      if (next !== undefined && sentBack === true) {
        latest.set(lane, next);
        reruns.push({ after: index, run: next });
      }
    }
  });
  return { laneIds, feeds, reruns, latest: [...latest.values()] };
}

/**
 * (Before: the mermaid `graph LR` state-action graph of this run: a subgraph per lane holding each attempt's
 * phase chain, the yields feeding numbered Aggregate and Verify nodes (labelled with verdict, rate
 * and quorum), dotted re-run edges from a failed Verify to the re-run lane's next attempt, and the
 * final Digest node. Node ids are generated (`L2A1_yield`), never taken from data, so any lane id is safe.
 */
function buildRunDiagramBefore(input: RunDiagramInput): string {
  const { laneIds, feeds, reruns, latest } = planRounds(input.laneRuns, input.reports);
  const laneKey = (lane: string) => `L${laneIds.indexOf(lane) + 1}`;
  const nodeId = (run: RunStep, phase: string) => `${laneKey(run.lane_id)}A${run.attempt}_${phase}`;
  const entryOf = (run: RunStep) => nodeId(run, run.phases[0] ?? 'start');
  const yieldOf = (run: RunStep) => (run.phases.includes('yield') ? nodeId(run, 'yield') : undefined);

  const lines = ['graph LR'];
  for (const lane of laneIds) {
    lines.push(`  subgraph ${laneKey(lane)}["${mermaidLabel(lane)}"]`);
    for (const run of input.laneRuns.filter((step) => step.lane_id === lane)) {
      if (run.phases.length === 0) {
        lines.push(`    ${nodeId(run, 'start')}(["attempt ${run.attempt} not started"])`);
        continue;
      }
      const domain = input.reactDomains?.[lane];
      const nodes = run.phases.map((phase) => {
        const suffix = phase === 'react' && domain !== undefined ? ` · ${domain}` : '';
        return `${nodeId(run, phase)}["${mermaidLabel(`${title(phase)} #${run.attempt}${suffix}`)}"]`;
      });
      lines.push(`    ${nodes.join(' --> ')}`);
    }
    lines.push('  end');
  }

  const classes: string[] = [];
  input.reports.forEach((report, index) => {
    const round = index + 1;
    for (const run of feeds[index] ?? []) {
      const source = yieldOf(run);
      if (source !== undefined) lines.push(`  ${source} --> AGG${round}`);
    }
    const quorum = `quorum ${report.quorum.passed}/${report.validators.length}`;
    const label = `Verify #${round}: ${report.verdict}, rate ${formatRate(report.hallucination_rate)}, ${quorum}`;
    lines.push(`  AGG${round}["Aggregate #${round}"] --> V${round}{"${mermaidLabel(label)}"}`);
    classes.push(`  class V${round} ${report.verdict.toLowerCase()}`);
    for (const rerun of reruns.filter((entry) => entry.after === index)) {
      lines.push(
        `  V${round} -.->|${mermaidEdgeLabel(`re-run ${rerun.run.lane_id}`)}| ${entryOf(rerun.run)}`,
      );
    }
  });

  const digest = `DIGEST(["${mermaidLabel(input.digestLabel)}"])`;
  const last = input.reports.at(-1);
  if (last === undefined) {
    // Cut short before any Verify: whatever the lanes yielded reaches the digest unverified.
    const sources = latest.map(yieldOf).filter((source) => source !== undefined);
    for (const source of sources) lines.push(`  ${source} -.->|unverified| ${digest}`);
    if (sources.length === 0) lines.push(`  ${digest}`);
  } else {
    lines.push(`  V${input.reports.length} -->|${last.verdict}| ${digest}`);
  }
  lines.push(
    '  classDef pass fill:#d8f5d8,stroke:#2e7d32',
    '  classDef caution fill:#fff3cd,stroke:#b58100',
    '  classDef fail fill:#f8d7da,stroke:#b00020',
    ...classes,
  );
  return lines.join('\n');
}

const phaseLists: readonly (readonly string[])[] = [
  ['perceive', 'react', 'engage', 'yield'],
  ['perceive', 'react'],
  [],
  ['perceive', 'react', 'engage', 'yield'],
];

const inputs = fc
  .record({
    lanes: fc.integer({ min: 1, max: 12 }),
    runs: fc.array(
      fc.record({
        lane: fc.integer({ min: 0, max: 11 }),
        attempt: fc.integer({ min: 1, max: 3 }),
        phases: fc.integer({ min: 0, max: phaseLists.length - 1 }),
        rerun: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
    reports: fc.array(
      fc.record({ pass: fc.boolean(), failing: fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 4 }) }),
      { maxLength: 4 },
    ),
    domains: fc.boolean(),
    label: fc.constantFrom('Digest: PASS', 'Digest: FAIL "partial"'),
  })
  .map(({ lanes, runs, reports, domains, label }): RunDiagramInput => {
    const laneId = (lane: number) => (lane % 3 === 2 ? `lane "${lane % lanes}" <x>` : `lane-${lane % lanes}`);
    const laneRuns: RunStep[] = runs.map((run) => ({
      lane_id: laneId(run.lane),
      attempt: run.attempt,
      phases: [...(phaseLists[run.phases] as string[])] as RunStep['phases'],
      rerun: run.rerun,
    }));
    const verifyReports: VerifyReport[] = reports.map((report, index) => ({
      ...(report.pass ? passedAttempt : failedAttempt),
      attempt: index + 1,
      failing_lanes: report.failing.map(laneId),
    }));
    return {
      laneRuns,
      reports: verifyReports,
      ...(domains ? { reactDomains: { [laneId(0)]: 'clear #quot;', [laneId(1)]: 'complex' } } : {}),
      digestLabel: label,
    };
  });

describe('buildRunDiagram draws what it drew before lanes were grouped', () => {
  it('the same text for any runs, re-runs and reports', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expect(buildRunDiagram(input)).toBe(buildRunDiagramBefore(input));
      }),
      { numRuns: 500 },
    );
  });

  it('the same text for 64 lanes, one attempt each', () => {
    const laneRuns: RunStep[] = Array.from({ length: 64 }, (_, index) => ({
      lane_id: `lane-${index + 1}`,
      attempt: 1,
      phases: ['perceive', 'react', 'engage', 'yield'],
      rerun: false,
    }));
    const input = { laneRuns, reports: [passedAttempt], digestLabel: 'Digest: PASS' };
    expect(buildRunDiagram(input)).toBe(buildRunDiagramBefore(input));
  });
});
