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
});
