import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median } from './measure.js';
import type { RunSample } from './mission-workload.js';
import {
  callsFor,
  createBaseline,
  createBenchDirectory,
  PHASES_PER_LANE,
  runBenchMission,
} from './mission-workload.js';

const run = promisify(execFile);

/** One cell of the grid: L lanes, model delay D. */
export interface MissionCell {
  lanes: number;
  delayMs: number;
  /** The mission also journals every step to the CLI's file journal. */
  journaled: boolean;
  calls: number;
  /** Per round, in round order. */
  swarm: RunSample[];
  baseline: RunSample[];
  /**
   * Peak resident set (MB) of a fresh process running this cell RSS_MISSIONS times, swarm and
   * baseline, and each side's peak after the first EARLY_MISSIONS.
   */
  rssMb?: { swarm: number; baseline: number; swarmEarly: number; baselineEarly: number };
}

/** A median with the range it came from. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** The figures the issue asks for, per cell (paired per round: swarm minus the baseline of the same round). */
export interface CellFigures {
  wallOverheadUsPerCall: Spread;
  cpuUsPerCall: Spread;
  cpuUsPerMission: Spread;
  syncMsPerMission: Spread;
  /** Critical path of model latency (5 D: 4 phases, then the validators) over the wall time. */
  efficiency: Spread;
  baselineEfficiency: Spread;
}

export function cellFigures(cell: MissionCell): CellFigures {
  const pairs = cell.swarm.map((swarm, round) => ({ swarm, baseline: cell.baseline[round] as RunSample }));
  const ideal = (PHASES_PER_LANE + 1) * cell.delayMs;
  return {
    wallOverheadUsPerCall: spread(
      pairs.map(({ swarm, baseline }) => ((swarm.wallMs - baseline.wallMs) * 1000) / cell.calls),
    ),
    cpuUsPerCall: spread(pairs.map(({ swarm, baseline }) => (swarm.cpuUs - baseline.cpuUs) / cell.calls)),
    cpuUsPerMission: spread(pairs.map(({ swarm, baseline }) => swarm.cpuUs - baseline.cpuUs)),
    syncMsPerMission: spread(cell.swarm.map((swarm) => swarm.syncMs)),
    efficiency: spread(cell.swarm.map((swarm) => (ideal === 0 ? 1 : ideal / swarm.wallMs))),
    baselineEfficiency: spread(cell.baseline.map((sample) => (ideal === 0 ? 1 : ideal / sample.wallMs))),
  };
}

export interface MissionGridOptions {
  laneCounts: readonly number[];
  delays: readonly number[];
  rounds: number;
  /** Unmeasured rounds first (JIT, file cache). */
  warmup: number;
  /** Measure peak RSS per cell in fresh child processes. */
  rss: boolean;
  /** Extra cells whose missions also journal every step, as the CLI does (no RSS child). */
  journaledCells?: readonly { lanes: number; delayMs: number }[];
}

/**
 * The grid, rounds interleaved: every round visits every cell, swarm and baseline back to back in
 * alternating order, so drift on a noisy machine lands on both sides of each pair.
 */
export async function benchMissionGrid(options: MissionGridOptions): Promise<MissionCell[]> {
  const dir = await createBenchDirectory();
  try {
    const baseline = await createBaseline(dir);
    const cell = (lanes: number, delayMs: number, journaled: boolean): MissionCell => ({
      lanes,
      delayMs,
      journaled,
      calls: callsFor(lanes),
      swarm: [],
      baseline: [],
    });
    const cells: MissionCell[] = [
      ...options.delays.flatMap((delayMs) => options.laneCounts.map((lanes) => cell(lanes, delayMs, false))),
      ...(options.journaledCells ?? []).map(({ lanes, delayMs }) => cell(lanes, delayMs, true)),
    ];
    for (let round = -options.warmup; round < options.rounds; round += 1) {
      for (const cell of cells) {
        const settings = { lanes: cell.lanes, delayMs: cell.delayMs, journaled: cell.journaled };
        const order = round % 2 === 0 ? ['swarm', 'baseline'] : ['baseline', 'swarm'];
        for (const side of order) {
          const sample = side === 'swarm' ? await runBenchMission(dir, settings) : await baseline(settings);
          if (round >= 0) (side === 'swarm' ? cell.swarm : cell.baseline).push(sample);
        }
      }
    }
    if (options.rss) {
      for (const cell of cells.filter((each) => !each.journaled)) {
        const swarm = await childPeakRss(cell.lanes, cell.delayMs, 'swarm');
        const baseline = await childPeakRss(cell.lanes, cell.delayMs, 'baseline');
        cell.rssMb = {
          swarm: swarm.peak,
          baseline: baseline.peak,
          swarmEarly: swarm.early,
          baselineEarly: baseline.early,
        };
      }
    }
    return cells;
  } finally {
    await dir.dispose();
  }
}

const rssChild = fileURLToPath(new URL('./rss-child.js', import.meta.url));

/** Peak RSS (MB) of a fresh node process that runs the cell's workload: after the first few missions and after all. */
async function childPeakRss(
  lanes: number,
  delayMs: number,
  side: 'swarm' | 'baseline',
): Promise<{ early: number; peak: number }> {
  const { stdout } = await run(process.execPath, [rssChild, String(lanes), String(delayMs), side]);
  const [early, peak] = stdout
    .trim()
    .split(' ')
    .map((kib) => Number(kib) / 1024);
  if (early === undefined || peak === undefined || !(early > 0) || !(peak >= early))
    throw new Error(`the RSS child printed ${JSON.stringify(stdout)}`);
  return { early, peak };
}
