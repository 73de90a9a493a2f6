import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { createBenchDirectory, runBenchMission } from './mission-workload.js';

/**
 * A CPU profile of the `lanes`-lane loop (default 64; D = 0, durable blackboard): a few warm-up
 * missions, then `missions` profiled ones. Writes `<dir>/swarmlord-<lanes>-lanes-<time>.cpuprofile`
 * (open it in Chrome DevTools or VS Code) and returns its path. At 1 lane it shows the per-mission
 * fixed work.
 */
export async function profileMissionLoop(outDir: string, missions = 20, lanes = 64): Promise<string> {
  const dir = await createBenchDirectory();
  const session = new Session();
  session.connect();
  try {
    for (let index = 0; index < 3; index += 1) await runBenchMission(dir, { lanes, delayMs: 0 });
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let index = 0; index < missions; index += 1) await runBenchMission(dir, { lanes, delayMs: 0 });
    const { profile } = await session.post('Profiler.stop');
    const path = resolve(
      outDir,
      `swarmlord-${lanes}-lanes-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`,
    );
    await writeFile(path, JSON.stringify(profile));
    return path;
  } finally {
    session.disconnect();
    await dir.dispose();
  }
}
