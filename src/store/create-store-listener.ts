import { receiptDraftFromEvent, redactSecrets } from '../blackboard/index.js';
import type { RunEventListener } from '../contracts/index.js';
import { enrichMission } from './enrich-mission.js';
import { createMissionIndexer } from './mission-indexer.js';
import type { MissionStore } from './mission-store.js';

export interface StoreListenerOptions {
  cwd: string;
  /** The blackboard file the mission writes, relative to `cwd` (stored with each mission). */
  blackboardPath: string;
  /**
   * The blackboard's position after its listener has made the event's receipt durable: `seq` and
   * `hash` of the last receipt. Read only at `mission_start` and `mission_end`, when no lane runs, so
   * the last receipt is the mission's own. Register this listener after the blackboard's.
   */
  position?: () => { seq: number; hash: string };
  /** Told about a failed write; the listener never throws into the mission (default: ignore). */
  onError?: (error: unknown) => void;
  /** For secret redaction, as the blackboard does it; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Indexes a running mission into the store: each event becomes the receipt the blackboard writes
 * for it (`receiptDraftFromEvent`, secrets redacted) and goes through the same indexer as
 * `db rebuild`. The store is an index, not the record, so a failed write never fails the mission:
 * it is reported through `onError` and indexing goes on (`swarmlord db rebuild` repairs the index).
 */
export function createStoreListener(store: MissionStore, options: StoreListenerOptions): RunEventListener {
  const indexer = createMissionIndexer({ cwd: options.cwd, blackboardPath: options.blackboardPath });
  return async (event) => {
    try {
      const draft = receiptDraftFromEvent(event);
      if (draft === undefined) return;
      const safe = redactSecrets(draft, options.env);
      const atEdge =
        safe.phase === 'mission_start' || safe.phase === 'mission_end' || safe.phase === 'mission_error';
      const position = atEdge ? options.position?.() : undefined;
      const changed = indexer.apply({ ...safe, ...(position ?? {}) });
      if (changed === undefined) return;
      if (safe.phase === 'mission_start' || safe.phase === 'digest')
        await enrichMission(changed, options.cwd);
      await store.saveMission(changed);
      if (position !== undefined && safe.phase !== 'mission_start') {
        await store.setBlackboardPointer({ blackboardPath: options.blackboardPath, ...position });
      }
    } catch (error) {
      options.onError?.(error);
    }
  };
}
