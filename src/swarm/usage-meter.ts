import type { Budget, DigestUsage, UsageTotals } from '../contracts/index.js';
import { groupDigits } from '../digest/index.js';

/** One finished model call, as the meter counts it. */
export interface MeteredCall {
  lane_id: string;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd?: number | undefined;
  cached: boolean;
}

/**
 * Sums tokens and cost over a mission's model calls and says when a budget is reached. Calls
 * answered from the call cache cost nothing now but still count towards the token budget: the
 * budget bounds what the mission consumes, so a replay ends where the recorded run ended.
 */
export interface UsageMeter {
  add(call: MeteredCall): void;
  totals(): UsageTotals;
  /** The reason no more calls may be dispatched, or undefined while within budget. */
  exhausted(): string | undefined;
  /** For the digest: totals, cached calls and a per-lane breakdown. */
  digestUsage(): DigestUsage;
}

/** Creates a meter for one mission and its budget. */
export function createUsageMeter(budget: Budget): UsageMeter {
  const totals: UsageTotals = {
    input_tokens: 0,
    output_tokens: 0,
    cached_input_tokens: 0,
    cost_usd: 0,
    calls: 0,
    unpriced_calls: 0,
  };
  let cachedCalls = 0;
  const byLane: DigestUsage['by_lane'] = {};
  return {
    add(call) {
      totals.calls += 1;
      totals.input_tokens += call.input_tokens;
      totals.output_tokens += call.output_tokens;
      totals.cached_input_tokens += call.cached_input_tokens;
      if (call.cost_usd === undefined) totals.unpriced_calls += 1;
      else totals.cost_usd += call.cost_usd;
      if (call.cached) cachedCalls += 1;
      const lane = byLane[call.lane_id] ?? { input_tokens: 0, output_tokens: 0, cost_usd: 0, calls: 0 };
      lane.calls += 1;
      lane.input_tokens += call.input_tokens;
      lane.output_tokens += call.output_tokens;
      lane.cost_usd += call.cost_usd ?? 0;
      byLane[call.lane_id] = lane;
    },
    totals: () => ({ ...totals }),
    exhausted() {
      const used = totals.input_tokens + totals.output_tokens;
      if (budget.max_tokens !== undefined && used >= budget.max_tokens) {
        return `budget.max_tokens reached (${groupDigits(used)} of ${groupDigits(budget.max_tokens)} tokens used)`;
      }
      if (budget.max_cost_usd !== undefined && totals.cost_usd >= budget.max_cost_usd) {
        return `budget.max_cost_usd reached ($${totals.cost_usd.toFixed(4)} of $${budget.max_cost_usd})`;
      }
      return undefined;
    },
    digestUsage: () => ({ ...totals, cached_calls: cachedCalls, by_lane: structuredClone(byLane) }),
  };
}
