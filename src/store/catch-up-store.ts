import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readBlackboardTail } from '../blackboard/read-blackboard-tail.js';
import type { MissionStore } from './mission-store.js';
import { rebuildStore } from './rebuild-store.js';

/**
 * Brings the missions index up to date with the blackboard before it is read: when the index's
 * pointer (seq + hash of the last receipt it folded) is not the blackboard's last receipt, it is
 * rebuilt from the blackboard. The embedded store is indexed this way, on read, so a mission never
 * pays for opening an embedded database; the blackboard stays the record either way.
 *
 * @returns whether the index was rebuilt.
 */
export async function catchUpStore(
  store: MissionStore,
  options: { cwd: string; blackboardPath: string },
): Promise<boolean> {
  const file = resolve(options.cwd, options.blackboardPath);
  const handle = await open(file, 'r').catch(() => undefined);
  if (handle === undefined) return false;
  let last: { seq: number; hash: string } | undefined;
  try {
    last = (await readBlackboardTail(handle, file)).last;
  } finally {
    await handle.close();
  }
  if (last === undefined) return false;
  const pointer = await store.blackboardPointer(options.blackboardPath);
  if (pointer !== undefined && pointer.seq === last.seq && pointer.hash === last.hash) return false;
  await rebuildStore(store, options);
  return true;
}
