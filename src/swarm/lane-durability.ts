import type { PhaseOutputs, PreyPhase } from '../contracts/index.js';
import type { DurableJournal, StepId } from '../durable/index.js';
import type { ContextExcerpt } from '../models/index.js';
import type { ProvenanceLedger } from './provenance-ledger.js';
import type { MeteredCall, UsageMeter } from './usage-meter.js';

/** What a lane attempt needs to journal its phases and restore them on resume. */
export interface LaneDurability {
  journal: DurableJournal;
  /** The attempt's ledger: a restored phase re-enters the excerpts its tools returned. */
  ledger: ProvenanceLedger;
  /** The attempt's model-call counter: a restored phase moves it on, so later call ids match. */
  counter: { calls: number };
  /** Every metered call of the attempt, in order. */
  calls: MeteredCall[];
  meter: UsageMeter;
}

/** What a journaled phase keeps besides its output. */
export interface PhaseRecord<P extends PreyPhase> {
  output: PhaseOutputs[P];
  excerpts: ContextExcerpt[];
  calls: MeteredCall[];
  counter: number;
}

/** Where a phase's own step starts: what the ledger and the call log held before it. */
export interface PhaseMark {
  excerpts: number;
  calls: number;
}

/** The step id of one phase of a lane attempt. */
export function phaseStep(missionId: string, laneId: string, attempt: number, phase: PreyPhase): StepId {
  return { missionId, laneId, attempt, phase };
}

export function markPhase(durability: LaneDurability): PhaseMark {
  return { excerpts: durability.ledger.size, calls: durability.calls.length };
}

/**
 * What a finished phase leaves for its journal entry, read the instant it ends: the excerpts and
 * calls it added and the call counter after it. The write may wait for the phase's receipt (decision
 * 0023) while the next phase already calls its model; read later, the counter would include that
 * call and a resume would number every later call one higher (and find none of them journaled).
 */
export function snapshotPhase<P extends PreyPhase>(
  durability: LaneDurability,
  output: PhaseOutputs[P],
  mark: PhaseMark,
): PhaseRecord<P> {
  return {
    output,
    excerpts: durability.ledger.excerpts().slice(mark.excerpts),
    calls: durability.calls.slice(mark.calls),
    counter: durability.counter.calls,
  };
}

/** Journals a finished phase's snapshot under its step id. */
export async function recordPhase<P extends PreyPhase>(
  durability: LaneDurability,
  step: StepId,
  record: PhaseRecord<P>,
): Promise<void> {
  await durability.journal.put({ step, kind: 'phase', value: record });
}

/**
 * The journaled output of a phase, with the lane's state put back as the phase left it: its
 * excerpts re-entered (so later citations pin as they did), the call counter moved on, and its calls
 * added to the meter as answered without a request (their tokens still count towards the budget).
 */
export async function restorePhase<P extends PreyPhase>(
  durability: LaneDurability,
  step: StepId,
): Promise<PhaseOutputs[P] | undefined> {
  const found = await durability.journal.get(step);
  if (found === undefined) return undefined;
  const record = found.value as PhaseRecord<P>;
  durability.ledger.enter(record.excerpts);
  durability.counter.calls = record.counter;
  for (const call of record.calls) {
    const restored = { ...call, cached: true, cost_usd: 0 };
    durability.calls.push(restored);
    durability.meter.add(restored);
  }
  return record.output;
}
