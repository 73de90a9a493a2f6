import type { RunStep } from '../contracts/digest.js';
import type { VerifyReport } from '../contracts/verify-report.js';
import { formatRate } from './digest-input.js';
import { mermaidEdgeLabel, mermaidLabel } from './mermaid-text.js';

/** What the state-action graph is drawn from. */
export interface RunDiagramInput {
  laneRuns: readonly RunStep[];
  reports: readonly VerifyReport[];
  /** Cynefin domain per lane id, shown on React nodes. */
  reactDomains?: Readonly<Record<string, string>> | undefined;
  /** Label of the final node, e.g. `Digest: PASS`. */
  digestLabel: string;
}

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
 * The mermaid `graph LR` state-action graph of this run: a subgraph per lane holding each attempt's
 * phase chain, the yields feeding numbered Aggregate and Verify nodes (labelled with verdict, rate
 * and quorum), dotted re-run edges from a failed Verify to the re-run lane's next attempt, and the
 * final Digest node. Node ids are generated (`L2A1_yield`), never taken from data, so any lane id is safe.
 */
export function buildRunDiagram(input: RunDiagramInput): string {
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
