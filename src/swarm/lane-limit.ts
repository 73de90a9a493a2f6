/** Runs a task under the limit: it starts once fewer than the limit run, in call order. */
export type LaneLimit = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * The intent's `lane_concurrency` on the embedded runtime: at most `limit` lane attempts in flight,
 * the others wait their turn in the order they were dispatched. `undefined`: no limit.
 */
export function createLaneLimit(limit: number | undefined): LaneLimit {
  if (limit === undefined) return (task) => task();
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`lane_concurrency must be a whole number ≥ 1, got ${limit}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolveTurn) => waiting.push(resolveTurn));
    else running += 1;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter (running stays), or is given back.
      const next = waiting.shift();
      if (next === undefined) running -= 1;
      else next();
    }
  };
}
