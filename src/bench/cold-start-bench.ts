import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Spread } from './mission-bench.js';
import { spread } from './mission-bench.js';

const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

/** Cold start of the built CLI as child processes, each above an empty `node -e 0` of the same round. */
export interface ColdStart {
  emptyNodeMs: Spread;
  versionMs: Spread;
  missionMs: Spread;
  /**
   * The warm-up round's mission, the first in a fresh directory: nothing cached yet (no code cache,
   * SSOT snapshot or workspace index), minus that round's empty node. One sample.
   */
  firstMissionAboveNodeMs: number;
  /** Paired per round: command minus the empty node of that round. */
  versionAboveNodeMs: Spread;
  missionAboveNodeMs: Spread;
}

function timeProcess(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, env }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(performance.now() - started);
    });
  });
}

/** Rounds interleaved: empty node, `swarmlord --version`, a 1-lane offline mission, in turn. */
export async function benchColdStart(rounds: number): Promise<ColdStart> {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-cold-'));
  try {
    await cp(sample, join(cwd, 'workspace'), { recursive: true });
    // No model configured (the offline engine), no database, no telemetry export.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1' };
    const mission = [
      cli,
      'run',
      'Map the architecture and risks',
      '--workspace',
      'workspace',
      '--lanes',
      '1',
      '--yes',
      '--json',
    ];
    const empty: number[] = [];
    const version: number[] = [];
    const missionTimes: number[] = [];
    let firstMissionAboveNodeMs = 0;
    for (let round = -1; round < rounds; round += 1) {
      const e = await timeProcess(['-e', '0'], cwd, env);
      const v = await timeProcess([cli, '--version'], cwd, env);
      const m = await timeProcess(mission, cwd, env);
      if (round < 0) {
        firstMissionAboveNodeMs = m - e;
        continue;
      }
      empty.push(e);
      version.push(v);
      missionTimes.push(m);
    }
    return {
      emptyNodeMs: spread(empty),
      versionMs: spread(version),
      missionMs: spread(missionTimes),
      firstMissionAboveNodeMs,
      versionAboveNodeMs: spread(version.map((value, index) => value - (empty[index] as number))),
      missionAboveNodeMs: spread(missionTimes.map((value, index) => value - (empty[index] as number))),
    };
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}
