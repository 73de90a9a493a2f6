import type { RunEvent, RunEventListener } from '../contracts/index.js';

/** Fans run events out to listeners, in registration order, awaiting each. */
export interface RunEventBus {
  on(listener: RunEventListener): () => void;
  emit(event: RunEvent): Promise<void>;
}

/**
 * Listeners run one after another so a durable listener (the blackboard) has finished before the
 * emitting step continues. A listener that throws fails that step: a receipt that could not be
 * written must not count as done.
 */
export function createRunEventBus(initial: readonly RunEventListener[] = []): RunEventBus {
  const listeners: RunEventListener[] = [...initial];
  return {
    on(listener) {
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
    emit(event) {
      // One listener (a library caller's blackboard): its own promise, without an async wrapper
      // and an await per event around it; a listener that throws is still a rejected emit.
      if (listeners.length === 1) {
        try {
          return Promise.resolve((listeners[0] as RunEventListener)(event));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return emitInTurn(listeners, event);
    },
  };
}

async function emitInTurn(listeners: readonly RunEventListener[], event: RunEvent): Promise<void> {
  for (const listener of listeners) await listener(event);
}
