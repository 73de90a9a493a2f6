import type { DurableJournal, JournalMeta, StepRecord } from './durable-journal.js';
import { formatStepId } from './step-id.js';

/**
 * A journal in memory: the reference adapter for tests of mission code (nothing survives the
 * process, so it cannot resume a crash). Values are deep-copied in and out, as a real runtime's
 * serialisation would, so a test cannot pass by sharing an object.
 */
export function createMemoryJournal(): DurableJournal {
  let meta: JournalMeta | undefined;
  const records = new Map<string, StepRecord>();
  return {
    location: 'memory',
    readMeta: async () => (meta === undefined ? undefined : structuredClone(meta)),
    async writeMeta(next) {
      meta = structuredClone(next);
    },
    async get(step) {
      const found = records.get(formatStepId(step));
      return found === undefined ? undefined : structuredClone(found);
    },
    async put(record) {
      const full: StepRecord = {
        ...structuredClone(record),
        id: formatStepId(record.step),
        recordedAt: new Date().toISOString(),
      };
      records.set(full.id, full);
      return structuredClone(full);
    },
    steps: async () =>
      [...records.values()]
        .sort((left, right) => (left.id < right.id ? -1 : 1))
        .map((record) => structuredClone(record)),
    async reset() {
      meta = undefined;
      records.clear();
    },
  };
}
