/**
 * A one-at-a-time gate: each `run` starts after every earlier one settled. Both adapters hold a single
 * connection, and a transaction must not interleave with other statements on it.
 */
export function createSerialGate(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const result = tail.then(work, work);
    tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
}
