import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import type { AggregateBundle, MissionIntent, RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { createFakeModel } from '../models/index.js';
import { runMission } from '../swarm/index.js';
import { runVerify } from '../verify/index.js';
import { createBenchDirectory, VALIDATORS } from './mission-workload.js';

/** A recorded mission's aggregate and the inputs Verify was given for it. */
interface RecordedRound {
  aggregate: AggregateBundle;
  intent: MissionIntent;
  workspace: string;
}

/** Runs one offline mission of `lanes` lanes (D = 0) and keeps the aggregate its Verify round saw. */
async function recordRound(cwd: string, lanes: number): Promise<RecordedRound> {
  const intent = MissionIntentSchema.parse({
    mission_id: `mi_verify_bench_${process.pid}_${lanes}`,
    created_at: '2026-12-01T00:00:00Z',
    objective: 'Map the architecture and risks of the orders service',
    workspace: 'workspace',
    lanes,
  });
  let aggregate: AggregateBundle | undefined;
  const capture = (event: RunEvent): void => {
    if (event.type === 'aggregate-end' && aggregate === undefined) aggregate = event.bundle;
  };
  await runMission({
    intent,
    cwd,
    listeners: [capture],
    resolveModel: () => createFakeModel({ latencyMs: 0 }),
    judges: judges(),
  });
  if (aggregate === undefined) throw new Error('verify bench: the mission emitted no aggregate');
  return { aggregate, intent, workspace: join(cwd, 'workspace') };
}

function judges() {
  return Object.fromEntries(
    VALIDATORS.map((name) => [name, createFakeModel({ latencyMs: 0, modelId: `judge-${name}` })]),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * CPU of the Verify gate alone on a recorded L-lane aggregate (judges on fake models, D = 0): each
 * round is `batch` runVerify calls, a fresh resolver each (one Verify round reads every file once).
 * Returns the median CPU µs per runVerify call over `rounds`, with min and max.
 */
export async function benchVerify(
  lanes: number,
  rounds: number,
  batch: number,
  profileDir?: string,
): Promise<{ lanes: number; claims: number; medianUs: number; minUs: number; maxUs: number }> {
  const dir = await createBenchDirectory();
  try {
    const round = await recordRound(dir.cwd, lanes);
    const once = () =>
      runVerify({
        aggregate: round.aggregate,
        intent: round.intent,
        workspace: round.workspace,
        attempt: 1,
        judges: judges(),
      });
    for (let index = 0; index < 10 * batch; index += 1) await once();
    const session = profileDir === undefined ? undefined : new Session();
    if (session !== undefined) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
    }
    const samples: number[] = [];
    for (let index = 0; index < rounds; index += 1) {
      const cpu = process.cpuUsage();
      for (let call = 0; call < batch; call += 1) await once();
      const used = process.cpuUsage(cpu);
      samples.push((used.user + used.system) / batch);
    }
    if (session !== undefined && profileDir !== undefined) {
      const { profile } = await session.post('Profiler.stop');
      const file = resolve(profileDir, `verify-${lanes}-lanes.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    }
    return {
      lanes,
      claims: round.aggregate.claims.length,
      medianUs: median(samples),
      minUs: Math.min(...samples),
      maxUs: Math.max(...samples),
    };
  } finally {
    await dir.dispose();
  }
}
