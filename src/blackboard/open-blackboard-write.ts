import { describe } from './blackboard-anchors.js';
import { BlackboardError } from './blackboard-error.js';
import { faultPoint } from './fault-point.js';
import type { FdHandle } from './fd-calls.js';
import { writeFd } from './fd-calls.js';

/** A failed write names the file and the cause (e.g. `ENOSPC: no space left on device`). */
export async function guardWrite<T>(filePath: string, step: () => Promise<T>, what = 'write'): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (BlackboardError.isInstance(error)) throw error;
    throw new BlackboardError(
      'BLACKBOARD_WRITE_FAILED',
      filePath,
      `could not ${what} ${filePath}: ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** `write` may write less than asked; loop so a line is never left half-written by us. */
export async function writeAll(handle: FdHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  if (bytes.length > 1 && process.env.SWARMLORD_FAULT_KILL_AT === 'batch-half-written') {
    // Half a batch on disk, as a crash mid-write leaves it.
    const half = Math.floor(bytes.length / 2);
    await writeFd(handle.fd, bytes, 0, half);
    faultPoint('batch-half-written');
  }
  while (offset < bytes.length) offset += await writeFd(handle.fd, bytes, offset);
}
