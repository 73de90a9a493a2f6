import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MissionIntent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
// The baseline's side loads only what it uses (the fake model, the task schemas, the index), not
// the orchestrator: a peak-RSS child of the baseline would otherwise carry every swarmlord module.
import { createFakeModel } from '../models/fake-model.js';
import type { ModelPort, ModelRequest } from '../models/model-port.js';
import {
  ClaimsOutputSchema,
  EngageOutputSchema,
  JudgeOutputSchema,
  ObserveOutputSchema,
  ReactOutputSchema,
} from '../models/model-tasks.js';
import { createWorkspaceIndex, scanWorkspace } from '../tools/index.js';

/** The orchestrator and its durable blackboard, loaded by the first swarm mission (a warm-up round). */
async function loadSwarm() {
  const [blackboard, swarm, durable] = await Promise.all([
    import('../blackboard/index.js'),
    import('../swarm/index.js'),
    import('../durable/index.js'),
  ]);
  return { ...blackboard, runMission: swarm.runMission, createFileJournal: durable.createFileJournal };
}

/** The workload: each lane runs 4 phases (one model call each), then 3 validators judge. */
export const PHASES_PER_LANE = 4;
export const VALIDATORS = ['immunizer', 'disruptor', 'verifier_aux'] as const;

/** Model calls of one mission of `lanes` lanes: 4L + 3. */
export function callsFor(lanes: number): number {
  return lanes * PHASES_PER_LANE + VALIDATORS.length;
}

/** What one measured run cost. */
export interface RunSample {
  wallMs: number;
  /** Process CPU time (user + system) during the run, in microseconds. */
  cpuUs: number;
  /** Milliseconds the blackboard spent in fsync during the run (0 for the baseline). */
  syncMs: number;
}

/** A working directory holding a copy of the sample workspace; `dispose` removes it. */
export interface BenchDirectory {
  cwd: string;
  dispose(): Promise<void>;
}

export async function createBenchDirectory(): Promise<BenchDirectory> {
  const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-bench-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
  return { cwd, dispose: () => rm(cwd, { recursive: true, force: true }) };
}

let missionCounter = 0;

function intentFor(lanes: number): MissionIntent {
  missionCounter += 1;
  return MissionIntentSchema.parse({
    mission_id: `mi_bench_${process.pid}_${missionCounter}`,
    created_at: '2026-12-01T00:00:00Z',
    objective: 'Map the architecture and risks of the orders service',
    workspace: 'workspace',
    lanes,
  });
}

function measure(): () => Omit<RunSample, 'syncMs'> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  return () => {
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuUs: used.user + used.system };
  };
}

export interface MissionRunOptions {
  lanes: number;
  delayMs: number;
  /** Digest files written (the CLI's behaviour) or not (a library caller that only wants the result). */
  writeDigestFiles?: boolean;
  /** Every finished step journaled to the file journal under the working directory, as the CLI does. */
  journaled?: boolean;
}

/**
 * One mission through the public `runMission` with the durable blackboard on (opened, listened to
 * and closed as the CLI does), every lane and validator on a fake model answering after `delayMs`;
 * with `journaled`, also the CLI's file journal (decision 0046).
 * Throws unless exactly 4L + 3 model calls were made.
 */
export async function runBenchMission(dir: BenchDirectory, options: MissionRunOptions): Promise<RunSample> {
  const { createBlackboardListener, createFileJournal, openBlackboard, runMission } = await loadSwarm();
  const intent = intentFor(options.lanes);
  const laneModel = createFakeModel({ latencyMs: options.delayMs });
  const judges = Object.fromEntries(
    VALIDATORS.map((name) => [
      name,
      createFakeModel({ latencyMs: options.delayMs, modelId: `judge-${name}` }),
    ]),
  );
  const done = measure();
  const blackboard = await openBlackboard({ path: resolve(dir.cwd, intent.telemetry.blackboard_path) });
  const syncsBefore = blackboard.stats().syncMs;
  try {
    const result = await runMission({
      intent,
      cwd: dir.cwd,
      listeners: [createBlackboardListener(blackboard, { safetyEnvelope: intent.safety })],
      resolveModel: () => laneModel,
      judges,
      // As the CLI does: the workspace index cached by content under the working directory.
      indexCacheDir: join(dir.cwd, 'hfo_cache', 'workspace_index'),
      ...(options.writeDigestFiles === undefined ? {} : { writeDigestFiles: options.writeDigestFiles }),
      ...(options.journaled === true
        ? { journal: createFileJournal({ cwd: dir.cwd, missionId: intent.mission_id }) }
        : {}),
    });
    if (result.digest.verdict !== 'PASS') throw new Error(`bench mission verdict ${result.digest.verdict}`);
  } finally {
    await blackboard.close();
  }
  const sample = { ...done(), syncMs: blackboard.stats().syncMs - syncsBefore };
  const calls = laneModel.calls + Object.values(judges).reduce((sum, judge) => sum + judge.calls, 0);
  if (calls !== callsFor(options.lanes)) {
    throw new Error(`bench mission made ${calls} model calls, expected ${callsFor(options.lanes)}`);
  }
  return sample;
}

/** The baseline's requests: the same tasks and schemas, with one excerpt so answers are not empty. */
export async function createBaseline(
  dir: BenchDirectory,
): Promise<(options: MissionRunOptions) => Promise<RunSample>> {
  const index = createWorkspaceIndex(await scanWorkspace(join(dir.cwd, 'workspace')));
  const context = index.search('architecture risks orders service', { limit: 8 });
  const schemas = {
    observe: ObserveOutputSchema,
    react: ReactOutputSchema,
    engage: EngageOutputSchema,
    claims: ClaimsOutputSchema,
    judge: JudgeOutputSchema,
  };
  const request = (task: keyof typeof schemas): ModelRequest<unknown> => ({
    task,
    system: '',
    prompt: '',
    context,
    input: { objective: 'bench', persona: 'bench', observations: [], feedback: [] },
    schema: schemas[task],
  });
  const phases = ['observe', 'react', 'engage', 'claims'] as const;
  return async (options) => {
    const model: ModelPort & { readonly calls: number } = createFakeModel({ latencyMs: options.delayMs });
    const done = measure();
    // Lanes in parallel, phases in sequence within a lane, then the validators in parallel.
    await Promise.all(
      Array.from({ length: options.lanes }, async () => {
        for (const task of phases) await model.generate(request(task));
      }),
    );
    await Promise.all(VALIDATORS.map(() => model.generate(request('judge'))));
    const sample = { ...done(), syncMs: 0 };
    if (model.calls !== callsFor(options.lanes)) throw new Error('baseline made the wrong number of calls');
    return sample;
  };
}
