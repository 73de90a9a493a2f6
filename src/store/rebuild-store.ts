import { relative, resolve } from 'node:path';
import { readBlackboard } from '../blackboard/index.js';
import { enrichMission } from './enrich-mission.js';
import { createMissionIndexer } from './mission-indexer.js';
import type { MissionStore } from './mission-store.js';

export interface RebuildStoreOptions {
  cwd: string;
  /** The blackboard file, relative to `cwd`. */
  blackboardPath: string;
}

export interface RebuildStoreResult {
  missions: number;
  receipts: number;
  /** The last receipt indexed, absent for an empty blackboard. */
  pointer?: { seq: number; hash: string };
}

/**
 * `db rebuild`: the store is an index of the blackboard, so it can always be rebuilt from it. Folds
 * every receipt through the indexer the live listener uses and replaces the store's missions in one
 * transaction (a failure leaves the old index as it was).
 */
export async function rebuildStore(
  store: MissionStore,
  options: RebuildStoreOptions,
): Promise<RebuildStoreResult> {
  const absolute = resolve(options.cwd, options.blackboardPath);
  const blackboardPath = relative(options.cwd, absolute) || options.blackboardPath;
  const { receipts } = await readBlackboard(absolute);
  const indexer = createMissionIndexer({ cwd: options.cwd, blackboardPath });
  for (const receipt of receipts) indexer.apply(receipt);
  const missions = indexer.missions();
  for (const details of missions) await enrichMission(details, options.cwd);
  const last = receipts.at(-1);
  const pointer = last === undefined ? undefined : { seq: last.seq, hash: last.hash };
  await store.replaceAll(missions, pointer === undefined ? undefined : { blackboardPath, ...pointer });
  return {
    missions: missions.length,
    receipts: receipts.length,
    ...(pointer === undefined ? {} : { pointer }),
  };
}
