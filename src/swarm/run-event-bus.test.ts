import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { createRunEventBus } from './run-event-bus.js';

const event: RunEvent = { type: 'verify-start', mission_id: 'm', at: '2026-01-01T00:00:00.000Z', attempt: 1 };

describe('run event bus', () => {
  it('awaits each listener in order before emit resolves', async () => {
    const order: string[] = [];
    const bus = createRunEventBus([
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push('slow');
      },
    ]);
    bus.on(() => {
      order.push('fast');
    });
    await bus.emit(event);
    expect(order).toEqual(['slow', 'fast']);
  });

  it('fails the emit when a listener fails, and stops calling removed listeners', async () => {
    const bus = createRunEventBus();
    const off = bus.on(() => {
      throw new Error('disk full');
    });
    await expect(bus.emit(event)).rejects.toThrow('disk full');
    off();
    await expect(bus.emit(event)).resolves.toBeUndefined();
  });

  it('turns a lone listener that throws into a rejected emit, never a throw at the emitter', async () => {
    const bus = createRunEventBus([
      () => {
        throw new Error('disk full');
      },
    ]);
    let emitted: Promise<void> | undefined;
    expect(() => {
      emitted = bus.emit(event);
    }).not.toThrow();
    await expect(emitted).rejects.toThrow('disk full');
  });

  it('emitAll hands a run to a many-listener at once, after the plain listeners before it, each in order', async () => {
    const seen: string[] = [];
    const runs: number[] = [];
    const many = Object.assign(async (_event: RunEvent) => undefined, {
      many(events: readonly RunEvent[]) {
        runs.push(events.length);
        return events.map(() => Promise.resolve());
      },
    });
    const second = { ...event, attempt: 2 };
    const bus = createRunEventBus([
      async (seenEvent) => {
        await new Promise((resolve) =>
          setTimeout(resolve, seenEvent.type === 'verify-start' && seenEvent.attempt === 1 ? 5 : 0),
        );
        seen.push(`first ${(seenEvent as { attempt: number }).attempt}`);
      },
      many,
      (seenEvent) => void seen.push(`last ${(seenEvent as { attempt: number }).attempt}`),
    ]);
    await Promise.all(bus.emitAll([event, second]));
    expect(runs).toEqual([2]);
    expect(seen).toEqual(['first 1', 'first 2', 'last 1', 'last 2']);
  });

  it('emitAll hands no listener anything after an event one before it failed on', async () => {
    const seen: number[] = [];
    const failing = Object.assign(async (_event: RunEvent) => undefined, {
      many(events: readonly RunEvent[]) {
        const failed = Promise.reject(new Error('disk full'));
        failed.catch(() => undefined);
        return events.map((_, index) => (index === 0 ? Promise.resolve() : failed));
      },
    });
    const bus = createRunEventBus([
      failing,
      (seenEvent) => void seen.push((seenEvent as { attempt: number }).attempt),
    ]);
    const results = bus.emitAll([event, { ...event, attempt: 2 }, { ...event, attempt: 3 }]);
    await results[0];
    await expect(results[1]).rejects.toThrow('disk full');
    await expect(results[2]).rejects.toThrow('disk full');
    expect(seen).toEqual([1]);
  });
});
