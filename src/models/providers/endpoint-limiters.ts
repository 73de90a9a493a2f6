/** Caps the requests in flight to one endpoint. */
export interface ConcurrencyLimiter {
  readonly limit: number;
  /** Requests running now. */
  readonly active: number;
  /** Waits for a slot (rejects with the signal's reason on abort); the returned function frees it. */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/** One limiter per endpoint (provider + base URL), shared by every adapter of that endpoint. */
export interface EndpointLimiters {
  forEndpoint(provider: string, baseURL: string | undefined): ConcurrencyLimiter;
}

export interface EndpointLimitersOptions {
  /** Requests in flight per endpoint unless the provider has its own limit (default 8). */
  defaultLimit?: number;
  /** Limits per provider name (default `{ ollama: 2 }`: one local GPU serves a few requests well). */
  perProvider?: Readonly<Record<string, number>>;
}

/** A FIFO semaphore of `limit` slots. */
export function createConcurrencyLimiter(limit: number): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency limit must be ≥ 1, got ${limit}`);
  let active = 0;
  const waiting: { grant: () => void }[] = [];
  const release = () => {
    const next = waiting.shift();
    // A freed slot passes straight to the next waiter, so `active` never dips below what is running.
    if (next === undefined) active -= 1;
    else next.grant();
  };
  const once = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };
  return {
    limit,
    get active() {
      return active;
    },
    acquire(signal) {
      signal?.throwIfAborted();
      if (active < limit) {
        active += 1;
        return Promise.resolve(once());
      }
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(once());
          },
        };
        const onAbort = () => {
          const position = waiting.indexOf(entry);
          if (position >= 0) waiting.splice(position, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(entry);
      });
    },
  };
}

/** The registry of endpoint limiters a process shares (pass the same one to every adapter). */
export function createEndpointLimiters(options: EndpointLimitersOptions = {}): EndpointLimiters {
  const perProvider: Readonly<Record<string, number>> = { ollama: 2, ...options.perProvider };
  const defaultLimit = options.defaultLimit ?? 8;
  const limiters = new Map<string, ConcurrencyLimiter>();
  return {
    forEndpoint(provider, baseURL) {
      const key = `${provider} ${baseURL ?? '(default)'}`;
      let limiter = limiters.get(key);
      if (limiter === undefined) {
        limiter = createConcurrencyLimiter(perProvider[provider] ?? defaultLimit);
        limiters.set(key, limiter);
      }
      return limiter;
    },
  };
}
