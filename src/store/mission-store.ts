import type { BlackboardPointer, MissionDetails, MissionRecord } from './mission-records.js';
import type { MissionStatus } from './mission-status.js';

export interface ListMissionsOptions {
  /**
   * Rows stored with this status. `running` and `interrupted` both select the rows stored
   * `running` (missions that started and have not ended): which of the two each is, is decided
   * when read (`resolveMissionStatus`), so a caller filtering on them derives and filters again.
   */
  status?: MissionStatus;
  /** Newest first; default 100. */
  limit?: number;
}

/**
 * The missions domain of the store: an index of the blackboard, never the record. Every write
 * replaces what it names, so re-indexing the same receipts gives the same rows.
 */
export interface MissionStore {
  /** Writes the mission row and replaces its lane attempts and Verify rounds, in one transaction. */
  saveMission(details: MissionDetails): Promise<void>;
  /** Deletes every mission and pointer, then saves `missions`, in one transaction (`db rebuild`). */
  replaceAll(
    missions: readonly MissionDetails[],
    pointer?: Omit<BlackboardPointer, 'updatedAt'>,
  ): Promise<void>;
  setBlackboardPointer(pointer: Omit<BlackboardPointer, 'updatedAt'>): Promise<void>;
  blackboardPointer(blackboardPath: string): Promise<BlackboardPointer | undefined>;
  listMissions(options?: ListMissionsOptions): Promise<MissionRecord[]>;
  getMission(id: string): Promise<MissionDetails | undefined>;
}
