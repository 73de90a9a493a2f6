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
  // Each lane's attempts in run order, found by lane id (one pass: 64 lanes looked up by scanning
  // every run made the diagram quadratic in the lanes).
  const laneIds: string[] = [];
  const runsOf = new Map<string, RunStep[]>();
  for (const run of laneRuns) {
    const runs = runsOf.get(run.lane_id);
    if (runs === undefined) {
      runsOf.set(run.lane_id, [run]);
      laneIds.push(run.lane_id);
    } else runs.push(run);
  }
  const attemptOf = (lane: string, attempt: number) =>
    runsOf.get(lane)?.find((run) => run.attempt === attempt);
  const latest = new Map<string, RunStep>();
  for (const lane of laneIds) {
    const first = runsOf.get(lane)?.[0];
    if (first !== undefined) latest.set(lane, first);
  }
  const feeds: RunStep[][] = [];
  const reruns: Array<{ after: number; run: RunStep }> = [];
  reports.forEach((report, index) => {
    feeds.push([...latest.values()]);
    const failing = new Set(report.failing_lanes);
    for (const lane of laneIds) {
      const current = latest.get(lane);
      const next = current === undefined ? undefined : attemptOf(lane, current.attempt + 1);
      // A report names the lanes it sends back; only when it names none is the run's own flag trusted.
      const sentBack = failing.size > 0 ? failing.has(lane) : next?.rerun;
      if (next !== undefined && sentBack === true) {
        latest.set(lane, next);
        reruns.push({ after: index, run: next });
      }
    }
  });
  return { laneIds, runsOf, feeds, reruns, latest: [...latest.values()] };
}

/**
 * The mermaid `graph LR` state-action graph of this run: a subgraph per lane holding each attempt's
 * phase chain, the yields feeding numbered Aggregate and Verify nodes (labelled with verdict, rate
 * and quorum), dotted re-run edges from a failed Verify to the re-run lane's next attempt, and the
 * final Digest node. Node ids are generated (`L2A1_yield`), never taken from data, so any lane id is safe.
 */
export function buildRunDiagram(input: RunDiagramInput): string {
  const { laneIds, runsOf, feeds, reruns, latest } = planRounds(input.laneRuns, input.reports);
  const keys = new Map(laneIds.map((lane, index) => [lane, `L${index + 1}`]));
  const laneKey = (lane: string) => keys.get(lane) as string;
  // Phase labels repeat in every lane (`Perceive #1`): each text is escaped once.
  const labels = new Map<string, string>();
  const label = (text: string) => {
    let escaped = labels.get(text);
    if (escaped === undefined) {
      escaped = mermaidLabel(text);
      labels.set(text, escaped);
    }
    return escaped;
  };
  const nodeId = (run: RunStep, phase: string) => `${laneKey(run.lane_id)}A${run.attempt}_${phase}`;
  const entryOf = (run: RunStep) => nodeId(run, run.phases[0] ?? 'start');
  const yieldOf = (run: RunStep) => (run.phases.includes('yield') ? nodeId(run, 'yield') : undefined);

  const lines = ['graph LR'];
  for (const lane of laneIds) {
    lines.push(`  subgraph ${laneKey(lane)}["${mermaidLabel(lane)}"]`);
    for (const run of runsOf.get(lane) ?? []) {
      if (run.phases.length === 0) {
        lines.push(`    ${nodeId(run, 'start')}(["attempt ${run.attempt} not started"])`);
        continue;
      }
      const domain = input.reactDomains?.[lane];
      const nodes = run.phases.map((phase) => {
        const suffix = phase === 'react' && domain !== undefined ? ` · ${domain}` : '';
        return `${nodeId(run, phase)}["${label(`${title(phase)} #${run.attempt}${suffix}`)}"]`;
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
