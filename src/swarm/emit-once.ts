import type { RunEvent } from '../contracts/index.js';
import type { DurableJournal, StepId } from '../durable/index.js';

/**
 * An orchestrator event as a durable step: emitted (its receipt made durable) and then journaled,
 * so a resume does not write the receipt of a step that already happened again.
 */
export async function emitOnce(
  journal: DurableJournal | undefined,
  step: StepId,
  emit: (event: RunEvent) => Promise<void>,
  event: RunEvent,
): Promise<void> {
  if (journal !== undefined && (await journal.get(step)) !== undefined) return;
  await emit(event);
  await journal?.put({ step, kind: 'event', value: { type: event.type } });
}
