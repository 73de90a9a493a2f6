/**
 * A real process for the fault tests (built to `dist/test/fault/race-child.js`):
 *
 * - `append <file> <count> <startAt>`: at `startAt` (ms since epoch) opens the blackboard and
 *   appends `count` receipts, four at a time, then prints its seqs as JSON.
 * - `lock <file> <rounds> <startAt>`: takes and releases the lock `rounds` times; while holding it,
 *   creates `<file>.holder` exclusively, so a second simultaneous holder exits 3 (`TWO_HOLDERS`).
 *
 * With `SWARMLORD_FAULT_KILL_AT=<point>` the process SIGKILLs itself at that step (`faultPoint`).
 */
import { unlink, writeFile } from 'node:fs/promises';
import { acquireBlackboardLock } from '../../blackboard/blackboard-lock.js';
import { openBlackboard } from '../../blackboard/open-blackboard.js';

const [mode, file = '', countText = '1', startText = '0'] = process.argv.slice(2);
const count = Number(countText);
const wait = Number(startText) - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

if (mode === 'append') {
  const blackboard = await openBlackboard({ path: file, lockWaitMs: 20_000 });
  const seqs: number[] = [];
  for (let done = 0; done < count; done += 4) {
    const group = Array.from({ length: Math.min(4, count - done) }, (_, index) =>
      blackboard.append({
        mission_id: `mi_${process.pid}`,
        lane_id: `lane-${index}`,
        phase: 'perceive',
        role: 'observer',
        summary: `receipt ${done + index} of ${process.pid}`,
        timestamp: new Date().toISOString(),
      }),
    );
    for (const receipt of await Promise.all(group)) seqs.push(receipt.seq);
  }
  await blackboard.close();
  process.stdout.write(`${JSON.stringify({ pid: process.pid, seqs })}\n`);
} else if (mode === 'lock') {
  for (let round = 0; round < count; round += 1) {
    const lock = await acquireBlackboardLock(file, { waitMs: 20_000 });
    try {
      await writeFile(`${file}.holder`, String(process.pid), { flag: 'wx' });
    } catch {
      process.stdout.write('TWO_HOLDERS\n');
      process.exit(3);
    }
    await new Promise((resolve) => setImmediate(resolve));
    await unlink(`${file}.holder`);
    await lock.release();
  }
  process.stdout.write('OK\n');
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
