import type { ModelPort } from '../models/index.js';

/** Admits at most `limit` holders at once; the rest wait in order. */
export interface ConcurrencyGate {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Holders now running (for tests). */
  readonly active: number;
}

/** A FIFO gate of `limit` slots. */
export function createConcurrencyGate(limit: number): ConcurrencyGate {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return {
    get active() {
      return active;
    },
    async run(work) {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active += 1;
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

/**
 * A model whose calls pass through the mission's gate, so the charter's `max_concurrency` holds
 * over every lane and role at once, whatever the lane count.
 */
export function limitModelConcurrency(model: ModelPort, gate: ConcurrencyGate): ModelPort {
  return {
    provider: model.provider,
    modelId: model.modelId,
    label: model.label,
    ...(model.supportsTools === undefined ? {} : { supportsTools: model.supportsTools }),
    generate: (request) => gate.run(() => model.generate(request)),
  };
}
