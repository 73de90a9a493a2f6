import { median } from './measure.js';
import type { RunSample } from './mission-workload.js';
import { createBaseline, createBenchDirectory, runBenchMission } from './mission-workload.js';

/** What warming the JIT took, printed beside the grid so the steady state is not mistaken for a first run. */
export interface JitWarmUp {
  missions: number;
  /** Median orchestration CPU (ms) of a 64-lane D = 0 mission in the first and in the last batch. */
  firstBatchCpuMs: number;
  lastBatchCpuMs: number;
  /** True when the last two batches agreed within the tolerance; false when `maxBatches` ran out. */
  settled: boolean;
}

export interface JitWarmUpOptions {
  /** Missions per batch (each batch: 64-lane plain missions, and every fifth one journaled). */
  batchSize: number;
  minBatches: number;
  maxBatches: number;
  /** Two consecutive batch medians within this fraction of each other count as settled. */
  tolerance: number;
}

/**
 * Batches of medians until two consecutive ones agree within `tolerance` (after `minBatches`), or
 * `maxBatches` ran out. Pure, so the stopping rule is tested without running missions.
 */
export async function untilSettled(
  batch: () => Promise<number>,
  options: Pick<JitWarmUpOptions, 'minBatches' | 'maxBatches' | 'tolerance'>,
): Promise<{ medians: number[]; settled: boolean }> {
  const medians: number[] = [];
  while (medians.length < options.maxBatches) {
    medians.push(await batch());
    const count = medians.length;
    if (count >= Math.max(2, options.minBatches)) {
      const last = medians[count - 1] as number;
      const before = medians[count - 2] as number;
      if (Math.abs(last - before) <= options.tolerance * before) return { medians, settled: true };
    }
  }
  return { medians, settled: false };
}

/**
 * Runs missions in a directory of their own (its blackboard never reaches the measured rounds) until
 * V8 has compiled what a mission runs: until then a mission's CPU includes TurboFan's background
 * compiles, which end once per process, not per mission (decision 0059). The baseline is warmed as
 * often. The CPU of the first batch is reported, so the cost of a short-lived process stays visible
 * (the cold-start rows measure one mission in a fresh process).
 */
export async function warmUpJit(options: JitWarmUpOptions): Promise<JitWarmUp> {
  const dir = await createBenchDirectory();
  let missions = 0;
  try {
    const baseline = await createBaseline(dir);
    const batch = async (): Promise<number> => {
      const cpuMs: number[] = [];
      for (let index = 0; index < options.batchSize; index += 1) {
        const journaled = index % 5 === 4;
        const settings = { lanes: 64, delayMs: 0, journaled };
        const swarm: RunSample = await runBenchMission(dir, settings);
        const base: RunSample = await baseline(settings);
        missions += 1;
        if (!journaled) cpuMs.push((swarm.cpuUs - base.cpuUs) / 1000);
      }
      return median(cpuMs);
    };
    const { medians, settled } = await untilSettled(batch, options);
    return {
      missions,
      firstBatchCpuMs: medians[0] as number,
      lastBatchCpuMs: medians[medians.length - 1] as number,
      settled,
    };
  } finally {
    await dir.dispose();
  }
}

export function formatJitWarmUp(warm: JitWarmUp): string {
  return `JIT warm-up before the measured rounds: ${warm.missions} missions of 64 lanes, D = 0 (${
    warm.settled ? 'settled' : 'not settled: the figures below may still include compile time'
  }); orchestration CPU per mission ${warm.firstBatchCpuMs.toFixed(1)} ms in the first batch, ${warm.lastBatchCpuMs.toFixed(1)} ms in the last.`;
}
