import { benchColdStart } from './cold-start-bench.js';
import { formatJitWarmUp, warmUpJit } from './jit-warm-up.js';
import { benchMissionGrid } from './mission-bench.js';
import {
  checkTargets,
  floorSentence,
  formatColdStart,
  formatMissionGrid,
  formatMissionMarkdown,
  formatTargets,
} from './mission-report.js';
import { profileMissionLoop } from './profile-bench.js';
import { measureReceiptFloor } from './receipt-floor-bench.js';

/**
 * Issue 19's section of `npm run bench`. Returns true when the flags ask for this section only
 * (`--quick`, `--markdown`, `--profile`, `--profile-l1`), so the other sections are skipped.
 */
export async function runMissionSection(
  flags: ReadonlySet<string>,
  write: (text: string) => void,
): Promise<boolean> {
  if (flags.has('--profile') || flags.has('--profile-l1')) {
    // `--profile-l1`: the 1-lane loop, where the per-mission fixed work shows (40 missions).
    const lanes = flags.has('--profile-l1') ? 1 : 64;
    const path = await profileMissionLoop(process.cwd(), lanes === 1 ? 40 : 20, lanes);
    write(`CPU profile of the ${lanes}-lane loop (D = 0, durable blackboard): ${path}\n`);
    return true;
  }
  const quick = flags.has('--quick');
  const rounds = quick ? 3 : 9;
  // Steady state first (decision 0059): the grid's own warm-up round only warms the file cache.
  const warm = await warmUpJit({
    batchSize: 10,
    minBatches: quick ? 6 : 10,
    maxBatches: quick ? 15 : 30,
    tolerance: 0.05,
  });
  const cells = await benchMissionGrid({
    laneCounts: [1, 4, 16, 64],
    delays: [0, 50],
    rounds,
    warmup: quick ? 1 : 2,
    rss: true,
    // The CLI journals every step (decision 0046): its cost shown beside the library caller's.
    journaledCells: [
      { lanes: 1, delayMs: 0 },
      { lanes: 64, delayMs: 50 },
    ],
  });
  const cold = await benchColdStart(quick ? 3 : 9);
  // What the targets cannot go below while every step is a durable receipt (the receipts alone).
  const floors = [
    await measureReceiptFloor(64, quick ? 9 : 15),
    await measureReceiptFloor(1, quick ? 15 : 31),
  ];
  if (flags.has('--markdown')) {
    write(`${formatMissionMarkdown(cells, cold, floors)}\n\n${formatJitWarmUp(warm)}\n`);
    return true;
  }
  write(
    `Mission workload (runMission, durable blackboard; L lanes × 4 phases + 3 validators, fake model delay D; vs Promise.all; medians of ${rounds} interleaved rounds, min–max)\n`,
  );
  write(`${formatJitWarmUp(warm)}\n`);
  write(`${formatMissionGrid(cells)}\n\n`);
  write('Cold start (child processes, interleaved rounds)\n');
  write(`${formatColdStart(cold)}\n\n`);
  write(`${formatTargets(checkTargets(cells, cold, floors))}\n`);
  write(`${floors.map(floorSentence).join('\n')}\n\n`);
  return quick;
}
