/**
 * The step at which `SWARMLORD_FAULT_KILL_AT` makes this process SIGKILL itself, read once at
 * load. The fault tests (`fault/`) use it to kill a real writer between any two steps of taking a
 * lock or writing a batch; unset (always, outside those tests) a fault point costs a comparison.
 */
const killAt = process.env.SWARMLORD_FAULT_KILL_AT;

/** Names of the steps a writer can be killed at. */
export type FaultPoint =
  | 'lock-temp-written'
  | 'lock-linked'
  | 'lock-held'
  | 'break-file-created'
  | 'torn-set-aside'
  | 'batch-half-written'
  | 'batch-written';

/** Kills this process here if the fault tests asked for it. */
export function faultPoint(point: FaultPoint): void {
  if (killAt === point) process.kill(process.pid, 'SIGKILL');
}
