import { redactText } from '../blackboard/index.js';
import type { RunStep } from '../contracts/digest.js';
import type { MissionIntent } from '../contracts/mission-intent.js';
import type { AggregateBundle } from '../contracts/phase-outputs.js';
import type { VerifyReport } from '../contracts/verify-report.js';

/** Everything the Swarmlord knows at the end of a run (or when it is cut short). */
export interface DigestInput {
  intent: MissionIntent;
  /** The final aggregate: the claims the digest reports. */
  aggregate: AggregateBundle;
  /** One report per Verify attempt, in order; the last one decides the verdict. */
  reports: readonly VerifyReport[];
  /** Every lane attempt, in the order they ran. */
  laneRuns: readonly RunStep[];
  /** Which engine produced the claims, e.g. the offline engine's label or `openai:gpt-4o-mini`. */
  engine: string;
  /** True when the run was cut short (deadline, Ctrl-C) and the digest covers only what was verified. */
  partial: boolean;
  /** Extra blockers the orchestrator knows of (a lane crashed, a budget ran out). */
  blockers?: readonly string[];
  /** Clock for `created_at`; default now. */
  now?: Date;
  /** Cynefin domain each lane's React phase chose, shown on the diagram. */
  reactDomains?: Readonly<Record<string, string>>;
  /** Workspace paths the Engage phases wrote; absent or empty means analysis-only. */
  writes?: readonly string[];
}

/** The offline engine labels itself `offline engine (…)`; adapters for real models never say `offline`. */
export function isOfflineEngine(engine: string): boolean {
  return /\boffline\b/i.test(engine);
}

/** The report that decides the verdict: the last attempt, if Verify ran at all. */
export function finalReport(input: Pick<DigestInput, 'reports'>): VerifyReport | undefined {
  return input.reports.at(-1);
}

/** `33.3 %`: one decimal, because rates near the 10 % / 20 % bands must not round across them silently. */
export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

/** Shortens text for tables and the BLUF at a word boundary, keeping it on one line. */
export function shorten(text: string, limit: number): string {
  // Redacted before it is cut: a cut secret leaves a fragment no redactor recognises.
  const flat = redactText(text).replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit - 1);
  const boundary = cut.lastIndexOf(' ');
  return `${(boundary > limit / 2 ? cut.slice(0, boundary) : cut).trimEnd()}…`;
}
