import type { Receipt } from '../contracts/index.js';

/**
 * One receipt as the live view needs it: where it sits in the lanes × phases grid and what it
 * said. The phase payload stays on the blackboard; the page asks the JSON API for reports.
 */
export interface TimelineEntry {
  seq: number;
  mission_id: string;
  lane_id: string;
  phase: string;
  role: string;
  attempt: number;
  /** True for steps of a targeted re-run. */
  regen: boolean;
  summary: string;
  timestamp: string;
  /** `verify`: the round's verdict and rate; `mission_end` / `digest`: the final verdict. */
  verdict?: string;
  hallucination_rate?: number;
  /** `mission_start`: the lanes; `rerun`: the lanes re-run. */
  lane_ids?: string[];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The timeline entry of a receipt. */
export function timelineEntry(receipt: Receipt): TimelineEntry {
  const data = record(receipt.data);
  const entry: TimelineEntry = {
    seq: receipt.seq,
    mission_id: receipt.mission_id,
    lane_id: receipt.lane_id,
    phase: receipt.phase,
    role: receipt.role,
    attempt: receipt.attempt ?? 1,
    regen: receipt.regen_flag === true,
    summary: receipt.summary,
    timestamp: receipt.timestamp,
  };
  if (typeof data.verdict === 'string') entry.verdict = data.verdict;
  if (typeof data.hallucination_rate === 'number') entry.hallucination_rate = data.hallucination_rate;
  if (Array.isArray(data.lane_ids)) entry.lane_ids = data.lane_ids.filter((id) => typeof id === 'string');
  return entry;
}
