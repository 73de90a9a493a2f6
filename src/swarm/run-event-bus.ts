import type { RunEvent, RunEventListener } from '../contracts/index.js';

/** Fans run events out to listeners, in registration order, awaiting each. */
export interface RunEventBus {
  on(listener: RunEventListener): () => void;
  emit(event: RunEvent): Promise<void>;
  /**
   * Consecutive events of one sequence (a lane's), handed on together: one promise per event,
   * settled once every listener has handled it (decision 0060). A listener that takes a run of
   * events at once (`many`, the blackboard's) gets them together, in order, once the listeners
   * before it have handled them; any other listener gets each event once it has handled the one
   * before (as consecutive `emit`s would). A listener that fails on an event is handed nothing
   * after it, and no listener after it sees that event or any later one of the run.
   */
  emitAll(events: readonly RunEvent[]): Promise<void>[];
}

/**
 * A listener that takes a run of consecutive events at once (the blackboard's, decision 0060):
 * it handles them in call order, stops at the first it cannot take (the later ones' promises
 * reject with that failure, nothing of them is written), and settles one promise per event.
 */
export interface ManyEventListener {
  (event: RunEvent): void | Promise<void>;
  many(events: readonly RunEvent[]): Promise<void>[];
}

const DONE: Promise<void> = Promise.resolve();
const ignore = () => undefined;

function takesMany(listener: RunEventListener): listener is ManyEventListener {
  return typeof (listener as Partial<ManyEventListener>).many === 'function';
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
    emitAll(events) {
      let handled: Promise<void>[] | undefined;
      for (const listener of [...listeners]) handled = handTo(listener, events, handled);
      const results = handled ?? events.map(() => DONE);
      // Awaited in order by the caller, which stops at the first failure: the later ones are handled here.
      for (const result of results) result.catch(ignore);
      return results;
    },
  };
}

async function emitInTurn(listeners: readonly RunEventListener[], event: RunEvent): Promise<void> {
  for (const listener of listeners) await listener(event);
}

/** Calls a listener's `many`, a throw becoming every event's rejection. */
function callMany(listener: ManyEventListener, events: readonly RunEvent[]): Promise<void>[] {
  if (events.length === 0) return [];
  try {
    return listener.many(events);
  } catch (error) {
    const failed = Promise.reject(error);
    return events.map(() => failed);
  }
}

/** How many of `results`, from the first, resolved (stops at the first rejection). */
async function resolvedPrefix(results: readonly Promise<void>[]): Promise<number> {
  for (let index = 0; index < results.length; index += 1) {
    try {
      await results[index];
    } catch {
      return index;
    }
  }
  return results.length;
}

/**
 * One listener's part of `emitAll`: per event, a promise settled once this listener (and every
 * one before it, `before`) has handled it; an event the ones before failed on is not handed on.
 */
function handTo(
  listener: RunEventListener,
  events: readonly RunEvent[],
  before: Promise<void>[] | undefined,
): Promise<void>[] {
  if (takesMany(listener)) {
    if (before === undefined) return callMany(listener, events);
    // Once the listeners before have handled the run: the events they handled, together.
    const handed = resolvedPrefix(before).then((count) => ({
      count,
      results: callMany(listener, events.slice(0, count)),
    }));
    return events.map((_, index) =>
      handed.then(({ count, results }) => (index < count ? results[index] : before[count]) as Promise<void>),
    );
  }
  const results: Promise<void>[] = new Array(events.length);
  let previous: Promise<void> = DONE;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as RunEvent;
    // After this listener handled the event before, and the listeners before handled this one.
    const ready = before === undefined ? previous : Promise.all([previous, before[index]]);
    previous = ready.then(() => listener(event));
    results[index] = previous;
  }
  return results;
}
