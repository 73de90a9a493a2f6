import { resolve } from 'node:path';
import { readBlackboard, receiptDraftFromEvent, redactSecrets } from '../blackboard/index.js';
import type { RunEventListener } from '../contracts/index.js';
import { enrichMission } from './enrich-mission.js';
import type { MissionIndexer } from './mission-indexer.js';
import { createMissionIndexer } from './mission-indexer.js';
import type { MissionDetails } from './mission-records.js';
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
  const fresh = () => createMissionIndexer({ cwd: options.cwd, blackboardPath: options.blackboardPath });
  let indexer = fresh();
  /**
   * A resume continues a run an earlier process indexed: its row is folded again from the
   * blackboard (the record, where the resume's `mission_start` already is), exactly as
   * `db rebuild` folds it, so tokens and calls the run counted are not counted again.
   */
  const refold = async (missionId: string): Promise<MissionDetails | undefined> => {
    const { receipts } = await readBlackboard(resolve(options.cwd, options.blackboardPath));
    const own = receipts.filter((receipt) => receipt.mission_id === missionId);
    if (own.at(-1)?.phase !== 'mission_start') return undefined;
    const refolded: MissionIndexer = fresh();
    for (const receipt of own) refolded.apply(receipt);
    indexer = refolded;
    return refolded.missions().find((details) => details.mission.id === missionId);
  };
  return async (event) => {
    try {
      const draft = receiptDraftFromEvent(event);
      if (draft === undefined) return;
      const safe = redactSecrets(draft, options.env);
      const atEdge =
        safe.phase === 'mission_start' || safe.phase === 'mission_end' || safe.phase === 'mission_error';
      const position = atEdge ? options.position?.() : undefined;
      const starting = event.type === 'mission-start';
      const resumed = starting && event.resume === true ? await refold(event.mission_id) : undefined;
      // A run again of a mission an earlier process indexed is its next run, as `db rebuild` counts it.
      const known = indexer.missions().some((details) => details.mission.id === event.mission_id);
      const earlier =
        starting && resumed === undefined && !known ? await store.getMission(event.mission_id) : undefined;
      const changed = resumed ?? indexer.apply({ ...safe, ...(position ?? {}) });
      if (changed !== undefined && earlier !== undefined) changed.mission.runs = earlier.mission.runs + 1;
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
