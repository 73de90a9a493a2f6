import { MissionError } from './mission-error.js';

/** The mission's time budget as signals. */
export interface MissionClock {
  /** The soft cap (or the caller's abort): dispatch nothing more, verify what exists. */
  stop: AbortSignal;
  /** The hard deadline, a grace period after the soft cap (or the caller's abort): cancel calls in flight. */
  abort: AbortSignal;
  graceMs: number;
  /** Clears the timers (the mission is over). */
  dispose(): void;
}

export interface MissionClockOptions {
  /** `timeouts.mission_soft_minutes` (fractions allowed: 0.1 is 6 s). */
  softMinutes: number;
  /** Between the soft cap and the hard deadline (default: a tenth of the cap, within 1 s … 60 s). */
  graceMs?: number | undefined;
  /** The caller's abort (Ctrl-C): stops and cancels at once. */
  signal?: AbortSignal | undefined;
}

function minutes(value: number): string {
  return value >= 1 ? `${value} min` : `${Math.round(value * 60_000) / 1000} s`;
}

/**
 * Two deadlines rather than one: at the soft cap in-flight calls may still finish (their answers
 * are paid for and journaled), only after the grace period are they cancelled through the
 * AbortSignal the HTTP request carries. A caller's abort (Ctrl-C) is both at once.
 */
export function createMissionClock(options: MissionClockOptions): MissionClock {
  const softMs = options.softMinutes * 60_000;
  const graceMs = options.graceMs ?? Math.min(60_000, Math.max(1_000, softMs / 10));
  const stop = new AbortController();
  const abort = new AbortController();
  const soft = setTimeout(
    () =>
      stop.abort(
        new MissionError(
          'SOFT_CAP_REACHED',
          `the mission soft cap (${minutes(options.softMinutes)}) was reached`,
        ),
      ),
    softMs,
  );
  const hard = setTimeout(
    () =>
      abort.abort(
        new MissionError(
          'HARD_DEADLINE_REACHED',
          `the mission hard deadline (soft cap ${minutes(options.softMinutes)} + ${graceMs / 1000} s grace) was reached`,
        ),
      ),
    softMs + graceMs,
  );
  const external = options.signal;
  const onAbort = () => {
    stop.abort(external?.reason);
    abort.abort(external?.reason);
  };
  if (external?.aborted) onAbort();
  else external?.addEventListener('abort', onAbort, { once: true });
  return {
    stop: stop.signal,
    abort: abort.signal,
    graceMs,
    dispose() {
      clearTimeout(soft);
      clearTimeout(hard);
      external?.removeEventListener('abort', onAbort);
    },
  };
}
