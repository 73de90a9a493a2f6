import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { readBlackboard } from '../blackboard/index.js';
import type { Receipt } from '../contracts/index.js';
import type { BlackboardFeed } from './blackboard-feed.js';
import { missionRunReceipts } from './mission-run-receipts.js';
import { safeJsonText } from './safe-json.js';
import { timelineEntry } from './timeline-entry.js';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/missions/<id>/events`: server-sent events of the mission's receipts — the latest run's
 * so far, then each one as the blackboard gets it. The blackboard listener writes a receipt per
 * run event before the step goes on, so this is the same stream the terminal's progress shows,
 * for missions started from any terminal. Each event is `receipt` with a timeline entry; its id is
 * the receipt's `seq`.
 */
export function missionEventsRoute(feed: BlackboardFeed, blackboardFile: string) {
  return (context: Context) => {
    const missionId = context.req.param('id') ?? '';
    return streamSSE(context, async (stream) => {
      const queued: Receipt[] = [];
      let wake: (() => void) | undefined;
      // Subscribed before the file is read, so nothing appended in between is missed (seq dedups).
      const unsubscribe = feed.subscribe((receipt) => {
        if (receipt.mission_id !== missionId) return;
        queued.push(receipt);
        wake?.();
      });
      let closed = false;
      stream.onAbort(() => {
        closed = true;
        unsubscribe();
        wake?.();
      });
      try {
        const { receipts } = await readBlackboard(blackboardFile).catch(() => ({
          receipts: [] as Receipt[],
        }));
        let lastSeq = -1;
        const send = async (receipt: Receipt) => {
          if (receipt.seq <= lastSeq) return;
          lastSeq = receipt.seq;
          await stream.writeSSE({
            event: 'receipt',
            id: String(receipt.seq),
            data: safeJsonText(timelineEntry(receipt)),
          });
        };
        for (const receipt of missionRunReceipts(receipts, missionId)) await send(receipt);
        await stream.writeSSE({ event: 'replayed', data: JSON.stringify({ seq: lastSeq }) });
        while (!closed) {
          const receipt = queued.shift();
          if (receipt !== undefined) {
            await send(receipt);
            continue;
          }
          await new Promise<void>((resolveWake) => {
            wake = resolveWake;
            setTimeout(resolveWake, HEARTBEAT_MS).unref();
          });
          wake = undefined;
          if (queued.length === 0 && !closed) await stream.write(': heartbeat\n\n');
        }
      } finally {
        unsubscribe();
      }
    });
  };
}
