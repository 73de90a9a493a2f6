import type { MissionIntent } from '../contracts/index.js';
import { resolveLanes } from '../contracts/index.js';

/** The model of one role of one lane (or of a validator), as `chooseMissionModels` reports it. */
export interface SummaryModelChoice {
  lane_id?: string | undefined;
  role: string;
  spec: string;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '(none)' : items.join(', ');
}

/**
 * The summary shown before approval: objective, workspace and scope, criteria, lanes and their
 * models, quorum, hallucination-rate bands, budgets and timeouts — everything the approval decides.
 */
export function summarizeIntent(intent: MissionIntent, choices: readonly SummaryModelChoice[]): string[] {
  const modelsOf = (laneId: string | undefined) => {
    const specs = choices.filter((choice) => choice.lane_id === laneId);
    const distinct = [...new Set(specs.map((choice) => choice.spec))];
    if (distinct.length <= 1) return distinct[0] ?? 'offline';
    return specs.map((choice) => `${choice.role} ${choice.spec}`).join(', ');
  };
  const lanes = resolveLanes(intent).map(
    (lane) => `  ${lane.id}${lane.persona === undefined ? '' : ` (${lane.persona})`}: ${modelsOf(lane.id)}`,
  );
  const validators = [...new Set(intent.quorum.validators)].map((name) => {
    const choice = choices.find((entry) => entry.lane_id === undefined && entry.role === name);
    return `${name} (${choice?.spec ?? 'offline'})`;
  });
  const { budget, verify, timeouts } = intent;
  const budgets = [
    budget.max_tokens === undefined ? undefined : `${budget.max_tokens} tokens`,
    budget.max_cost_usd === undefined ? undefined : `$${budget.max_cost_usd}`,
  ].filter((entry): entry is string => entry !== undefined);
  const percent = (rate: number) => `${Math.round(rate * 1000) / 10} %`;
  return [
    `Objective: ${intent.objective}`,
    `Mission: ${intent.mission_id}, version ${intent.version}${intent.parent === undefined ? '' : ` (revises version ${intent.parent.version})`}`,
    `Workspace: ${intent.workspace}`,
    `Scope: include ${list(intent.scope.include)}; exclude ${list(intent.scope.exclude)}`,
    `Criteria: ${intent.criteria.length === 0 ? '(none beyond grounding)' : intent.criteria.map((criterion) => `${criterion.name}: ${criterion.text}`).join(' | ')}`,
    `Lanes (${lanes.length}${intent.lane_concurrency === undefined || intent.lane_concurrency >= lanes.length ? '' : `, at most ${intent.lane_concurrency} at once`}) and their models:`,
    ...lanes,
    `Quorum: ${intent.quorum.threshold} of ${validators.length}: ${validators.join(', ')}`,
    `Bands: PASS ≤ ${percent(verify.hallucination_rate_target)} < CAUTION ≤ ${percent(verify.hallucination_rate_fail)} < FAIL; up to ${verify.max_reruns} targeted re-runs`,
    `Budgets: ${budgets.length === 0 ? 'no token or cost limit' : budgets.join(', ')}`,
    `Timeouts: lane ${timeouts.prey_cycle_soft_minutes} min, mission ${timeouts.mission_soft_minutes} min`,
  ];
}
