import { fileURLToPath } from 'node:url';
import { MissionIntentSchema, resolveLanes } from '../contracts/index.js';
import type { ModelRequest } from '../models/index.js';
import {
  ClaimsOutputSchema,
  createFakeModel,
  EngageOutputSchema,
  ObserveOutputSchema,
  ReactOutputSchema,
} from '../models/index.js';
import { defaultRoleInstructions, personaFor } from '../roles/index.js';
import { createRunEventBus, runLane } from '../swarm/index.js';
import { createWorkspaceIndex, scanWorkspace } from '../tools/index.js';
import { formatTable, medianMilliseconds } from './measure.js';

const CALLS_PER_LANE = 4;

/**
 * Orchestration overhead per model call: N lanes through the real lane runner and event bus with an
 * instant fake model, against a plain `Promise.all` of the same number of fake-model calls.
 */
export async function benchOrchestration(laneCounts: readonly number[], runs: number): Promise<string> {
  const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
  const index = createWorkspaceIndex(await scanWorkspace(sample));
  const rows: string[][] = [['lanes', 'model calls', 'baseline ms', 'swarm ms', 'ratio', 'overhead µs/call']];
  for (const laneCount of laneCounts) {
    const intent = MissionIntentSchema.parse({
      mission_id: 'mi_bench',
      created_at: new Date().toISOString(),
      objective: 'map the architecture and risks',
      lanes: laneCount,
    });
    const lanes = resolveLanes(intent);
    const model = createFakeModel();
    const context = index.search(intent.objective, { limit: 8 });
    const calls = laneCount * CALLS_PER_LANE;
    const schemas = {
      observe: ObserveOutputSchema,
      react: ReactOutputSchema,
      engage: EngageOutputSchema,
      claims: ClaimsOutputSchema,
    };
    const request = (task: keyof typeof schemas): ModelRequest<unknown> => ({
      task,
      system: '',
      prompt: '',
      context,
      input: { objective: intent.objective, persona: 'bench', observations: [], feedback: [] },
      schema: schemas[task],
    });
    // The baseline makes the same model calls with no lanes, phases, events or retrieval around them.
    const baseline = await medianMilliseconds(
      () =>
        Promise.all(
          lanes.flatMap(() =>
            (['observe', 'react', 'engage', 'claims'] as const).map((task) => model.generate(request(task))),
          ),
        ),
      runs,
    );
    const bus = createRunEventBus([() => undefined]);
    const swarm = await medianMilliseconds(
      () =>
        Promise.all(
          lanes.map((lane, position) =>
            runLane({
              intent,
              lane,
              persona: personaFor(undefined, position),
              attempt: 1,
              model,
              modelFor: () => model,
              index,
              tools: [],
              maxToolSteps: 1,
              instructions: defaultRoleInstructions,
              findSimilarCases: () => [],
              feedback: [],
              emit: (event) => bus.emit(event),
              signal: new AbortController().signal,
              now: () => new Date(),
            }),
          ),
        ),
      runs,
    );
    rows.push([
      String(laneCount),
      String(calls),
      baseline.toFixed(3),
      swarm.toFixed(3),
      `${(swarm / Math.max(baseline, 1e-6)).toFixed(1)}×`,
      (((swarm - baseline) / calls) * 1000).toFixed(1),
    ]);
  }
  return formatTable(rows);
}
