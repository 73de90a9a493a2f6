import { openBlackboard } from '../blackboard/index.js';
import type { CliIo } from './cli-io.js';

/**
 * The CLI's blackboard: missions share the file (one lock per write batch), and a command that has to
 * wait for another process's batch says so on stderr instead of waiting silently (up to the lock's bound,
 * then exit 75).
 */
export function openCliBlackboard(path: string, io: Pick<CliIo, 'stderr'>) {
  return openBlackboard({
    path,
    onLockWait: (holder) =>
      io.stderr.write(`swarmlord: waiting for process ${holder.pid ?? '?'} to finish writing ${path}\n`),
  });
}
