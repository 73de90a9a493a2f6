import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AggregateBundle, ReviewBundleFile, RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { REVIEW_BUNDLE_FILE_NAME, reviewBundleText } from '../digest/index.js';
import { createMemoryJournal } from '../durable/index.js';
import { createFakeModel } from '../models/index.js';
import { runMission } from './run-mission.js';
import { runVerifyRound } from './run-verify-round.js';
import { createUsageMeter } from './usage-meter.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-mission-digest-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const intent = MissionIntentSchema.parse({
  mission_id: 'mi_test_mission_digest',
  created_at: '2026-12-02T00:00:00Z',
  objective: 'Map the architecture and risks of the orders service',
  workspace: 'workspace',
  lanes: 3,
});

const slowJudges = () =>
  Object.fromEntries(
    ['immunizer', 'disruptor', 'verifier_aux'].map((name) => [
      name,
      createFakeModel({ latencyMs: 40, modelId: `judge-${name}` }),
    ]),
  );

/** Decision 0058: the review bundle's text is drafted while the judges are out. */
describe('writeMissionDigest: the review bundle drafted under the judges', () => {
  it('writes the very bytes the bundle made at the end has', async () => {
    const result = await runMission({ intent, cwd, judges: slowJudges() });
    const written = await readFile(join(dirname(result.jsonPath), REVIEW_BUNDLE_FILE_NAME), 'utf8');
    const file = JSON.parse(written) as ReviewBundleFile;
    expect(file.claims.length).toBeGreaterThan(0);
    expect(written).toBe(
      reviewBundleText(result.aggregate, {
        cwd,
        missionId: intent.mission_id,
        workspace: intent.workspace,
        commit: file.commit,
        lanes: file.lanes,
        now: new Date(file.created_at as string),
      }),
    );
  });

  it('tells the frozen aggregate while the judges are out, and not without judges', async () => {
    const round = (judged: boolean) => {
      const told: AggregateBundle[] = [];
      const bundle = {
        lane_id: 'lane-1',
        attempt: 1,
        summary: 's',
        claims: [{ id: 'c1', lane_id: 'lane-1', text: 'the orders service exists', evidence_refs: [] }],
        artifacts: [],
      };
      return runVerifyRound({
        intent,
        workspace: join(cwd, 'workspace'),
        attempt: 1,
        bundles: [bundle],
        validators: [],
        lanes: [{ id: 'lane-1', model: 'fake:fake-model', persona: 'p' }],
        judges: judged ? () => slowJudges() : undefined,
        calls: [],
        meter: createUsageMeter(intent.budget),
        emit: async () => undefined,
        at: () => '2026-12-02T00:00:00.000Z',
        record: true,
        whileJudged: (aggregate) => told.push(aggregate),
      }).then((done) => ({ done, told, bundle }));
    };
    const judged = await round(true);
    expect(judged.told).toEqual([judged.done.aggregate]);
    expect(Object.isFrozen(judged.done.aggregate.claims[0]?.evidence_refs)).toBe(true);
    expect(Object.isFrozen(judged.bundle.claims[0])).toBe(true);
    const plain = await round(false);
    expect(plain.told).toEqual([]);
  });
});

/** Decision 0060: the mission's end goes out with the digest's receipt when nothing is journaled between them. */
describe('writeMissionDigest: digest-write and mission-end together', () => {
  const recording = (journalEntries?: string[]) => {
    const runs: string[][] = [];
    const listener = Object.assign(
      async (event: RunEvent) => {
        runs.push([event.type]);
      },
      {
        many(events: readonly RunEvent[]) {
          runs.push(events.map((event) => event.type));
          return events.map(() => Promise.resolve());
        },
      },
    );
    const journal = journalEntries === undefined ? undefined : createMemoryJournal();
    if (journal !== undefined) {
      const put = journal.put.bind(journal);
      journal.put = async (entry) => {
        journalEntries?.push(entry.kind);
        runs.push([`journal ${entry.kind}`]);
        return put(entry);
      };
    }
    return { runs, listener, journal };
  };

  it('hands mission-end on in the same run as digest-write, after it', async () => {
    const { runs, listener } = recording();
    await runMission({ intent: { ...intent, lanes: 1 } as typeof intent, cwd, listeners: [listener] });
    const last = runs[runs.length - 1];
    expect(last).toEqual(['digest-write', 'mission-end']);
    expect(runs.flat().filter((type) => type === 'mission-end')).toHaveLength(1);
  });

  it('keeps the journal entry between them when the digest is journaled', async () => {
    const entries: string[] = [];
    const { runs, listener, journal } = recording(entries);
    await runMission({
      intent: { ...intent, lanes: 1 } as typeof intent,
      cwd,
      listeners: [listener],
      journal,
    });
    const at = runs.findIndex((run) => run.includes('digest-write'));
    expect(runs.slice(at)).toEqual([['digest-write'], ['journal digest'], ['mission-end']]);
  });
});
