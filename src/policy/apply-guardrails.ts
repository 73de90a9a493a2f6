import type { MissionIntent } from '../contracts/index.js';
import type { Guardrails } from './execution-policy.js';

function lower(first: number | undefined, second: number | undefined): number | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return Math.min(first, second);
}

/**
 * The intent with the charter's budget and time guardrails enforced: an intent may ask for less
 * than the policy allows, never more. The run's own budget meter and deadline then hold them.
 */
export function applyGuardrails(intent: MissionIntent, guardrails: Guardrails): MissionIntent {
  const maxTokens = lower(intent.budget.max_tokens, guardrails.max_tokens);
  const maxCost = lower(intent.budget.max_cost_usd, guardrails.max_cost_usd);
  return {
    ...intent,
    budget: {
      ...intent.budget,
      ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
      ...(maxCost === undefined ? {} : { max_cost_usd: maxCost }),
    },
    timeouts: {
      ...intent.timeouts,
      mission_soft_minutes: Math.min(intent.timeouts.mission_soft_minutes, guardrails.max_minutes),
    },
  };
}
