import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { MissionIntentSchema } from '../../contracts/index.js';
import type { DbosMissionIndex } from '../../dbos/dbos-mission-index.js';
import { DBOS_BLACKBOARD_PREFIX, openDbosMissionIndex } from '../../dbos/dbos-mission-index.js';
import type {
  MissionDetails,
  MissionRecord,
  MissionStatus,
  MissionStatusRecord,
  ResolveStatusOptions,
} from '../../store/index.js';
import {
  catchUpStore,
  MISSION_STATUSES,
  openStore,
  StoreError,
  withResolvedStatus,
} from '../../store/index.js';
import type { CliIo } from '../cli-io.js';
import { formatTable } from '../format-table.js';

const DEFAULT_BLACKBOARD = MissionIntentSchema.shape.telemetry.parse(undefined).blackboard_path;

/** With `DATABASE_URL`, missions may run on DBOS workers: their receipts table is the record to catch up from. */
async function openDbosIndex(env: NodeJS.ProcessEnv): Promise<DbosMissionIndex | undefined> {
  const url = env.DATABASE_URL;
  return url === undefined || url === '' ? undefined : openDbosMissionIndex(url);
}

/** A DBOS mission is `running` only while its workflow is live (DBOS status and the worker's heartbeat). */
function statusOptions(
  record: MissionRecord,
  base: ResolveStatusOptions,
  dbos: DbosMissionIndex | undefined,
): ResolveStatusOptions {
  return dbos !== undefined && record.blackboardPath.startsWith(DBOS_BLACKBOARD_PREFIX)
    ? { ...base, liveness: () => dbos.liveness(record.id), runtime: 'dbos' }
    : base;
}

function percent(rate: number | undefined): string {
  return rate === undefined ? '-' : `${(rate * 100).toFixed(1)}%`;
}

function cost(value: number): string {
  return `$${value.toFixed(4)}`;
}

function parseStatus(value: string): MissionStatus {
  if (!(MISSION_STATUSES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`one of ${MISSION_STATUSES.join(', ')}`);
  }
  return value as MissionStatus;
}

function listText(missions: MissionStatusRecord[]): string {
  if (missions.length === 0) return 'No missions in the store (run one, or swarmlord db rebuild).';
  const rows = [['ID', 'STATUS', 'VERDICT', 'RUNS', 'RATE', 'TOKENS', 'COST', 'STARTED', 'OBJECTIVE']];
  for (const mission of missions) {
    rows.push([
      mission.id,
      mission.status,
      mission.verdict ?? '-',
      runsText(mission),
      percent(mission.hallucinationRate),
      String(mission.inputTokens + mission.outputTokens),
      cost(mission.costUsd),
      mission.startedAt.replace(/\.\d+Z$/, 'Z'),
      mission.objective.length > 60 ? `${mission.objective.slice(0, 59)}…` : mission.objective,
    ]);
  }
  return formatTable(rows);
}

/** `1`, or `1 (+2 resumes)`: a resume continues a run, it is not another. */
function runsText(mission: MissionStatusRecord): string {
  return mission.resumes === 0
    ? String(mission.runs)
    : `${mission.runs} (+${mission.resumes} resume${mission.resumes === 1 ? '' : 's'})`;
}

function statusText(mission: MissionStatusRecord): string {
  const why = mission.statusReason ?? mission.error;
  const text = `${mission.status}${why === undefined ? '' : ` (${why})`}`;
  return mission.resumeCommand === undefined ? text : `${text}; to continue: ${mission.resumeCommand}`;
}

function showText(details: MissionShown): string {
  const { mission } = details;
  const range =
    mission.firstSeq === undefined
      ? '-'
      : `seq ${mission.firstSeq}–${mission.lastSeq ?? '(running)'}${mission.lastHash === undefined ? '' : `, last hash ${mission.lastHash}`}`;
  const lines = [
    `Mission ${mission.id}`,
    `  objective     ${mission.objective}`,
    `  intent        ${mission.intentPath ?? '-'}`,
    `  status        ${statusText(mission)}`,
    `  verdict       ${mission.verdict ?? '-'}`,
    `  rate          ${percent(mission.hallucinationRate)}`,
    `  confidence    ${mission.confidence === undefined ? '-' : mission.confidence.toFixed(2)}`,
    `  tokens        ${mission.inputTokens} in / ${mission.outputTokens} out (${mission.cachedInputTokens} cached), ${mission.modelCalls} calls`,
    `  cost          ${cost(mission.costUsd)}`,
    `  started       ${mission.startedAt}`,
    `  ended         ${mission.endedAt ?? '-'}`,
    `  digest        ${mission.digestPath ?? '-'}`,
    `  blackboard    ${mission.blackboardPath} ${range}`,
    ...(mission.traceId === undefined ? [] : [`  trace         ${mission.traceId}`]),
    ...(mission.runs > 1 || mission.resumes > 0
      ? [`  runs          ${runsText(mission)}${mission.runs > 1 ? ' (this is the latest run)' : ''}`]
      : []),
    '',
    'Lanes',
    ...details.laneAttempts.map(
      (lane) =>
        `  ${lane.laneId} attempt ${lane.attempt}: ${lane.status}${lane.model === undefined ? '' : `, model ${lane.model}`}, ${lane.inputTokens + lane.outputTokens} tokens${lane.error === undefined ? '' : ` (${lane.error})`}`,
    ),
    '',
    'Verify rounds',
    ...details.verifyRounds.map(
      (round) =>
        `  attempt ${round.attempt}: ${round.verdict}, rate ${percent(round.hallucinationRate)} (${round.claimsGrounded}/${round.claimsTotal} grounded), quorum ${round.quorumPassed}/${round.quorumThreshold} ${round.quorumHeld ? 'held' : 'not held'}`,
    ),
  ];
  return lines.join('\n');
}

type MissionShown = Omit<MissionDetails, 'mission'> & { mission: MissionStatusRecord };

/**
 * `swarmlord mission ls` and `mission show <id>`: read the missions index (the store). Each
 * status is decided now (`withResolvedStatus`): a mission stored `running` is `running` only while
 * its process provably works on it, else `interrupted`.
 */
export function registerMissionStoreCommands(mission: Command, io: CliIo): void {
  mission
    .command('ls')
    .description('list missions from the store, newest first')
    .option(
      '--status <status>',
      `only missions with this status (${MISSION_STATUSES.join(', ')})`,
      parseStatus,
    )
    .option('--json', 'print the missions as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ swarmlord mission ls\n  $ swarmlord mission ls --status interrupted --json\n\nStatus: running (its process provably works on it), interrupted (started, not ended, its\nprocess gone: swarmlord mission resume <id>), partial, failed, passed or caution.',
    )
    .action(async (options: { status?: MissionStatus; json?: boolean }) => {
      const store = await openStore({ cwd: io.cwd, env: io.env });
      const dbos = await openDbosIndex(io.env);
      try {
        await catchUpStore(store.missions, { cwd: io.cwd, blackboardPath: DEFAULT_BLACKBOARD });
        await dbos?.catchUp(store.missions, { cwd: io.cwd });
        const stored = await store.missions.listMissions(
          options.status === undefined ? {} : { status: options.status },
        );
        const now = new Date();
        const resolved = await Promise.all(
          stored.map((record) =>
            withResolvedStatus(record, statusOptions(record, { cwd: io.cwd, now }, dbos)),
          ),
        );
        const missions =
          options.status === undefined
            ? resolved
            : resolved.filter((record) => record.status === options.status);
        io.stdout.write(
          options.json === true ? `${JSON.stringify(missions, null, 2)}\n` : `${listText(missions)}\n`,
        );
      } finally {
        await dbos?.close();
        await store.close();
      }
    });
  mission
    .command('show')
    .description('one mission: intent, status, verdict, rate, tokens, cost, digest and blackboard range')
    .argument('<id>', 'mission id')
    .option('--json', 'print the mission as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ swarmlord mission show mi_2026-11-22_a1b2c3\n  $ swarmlord mission show mi_2026-11-22_a1b2c3 --json',
    )
    .action(async (id: string, options: { json?: boolean }) => {
      const store = await openStore({ cwd: io.cwd, env: io.env });
      const dbos = await openDbosIndex(io.env);
      try {
        await catchUpStore(store.missions, { cwd: io.cwd, blackboardPath: DEFAULT_BLACKBOARD });
        await dbos?.catchUp(store.missions, { cwd: io.cwd, missionId: id });
        const found = await store.missions.getMission(id);
        if (found === undefined) {
          throw new StoreError(
            'STORE_MISSION_NOT_FOUND',
            `no mission ${id} in the store (swarmlord mission ls lists them)`,
          );
        }
        const mission = await withResolvedStatus(
          found.mission,
          statusOptions(found.mission, { cwd: io.cwd }, dbos),
        );
        const details: MissionShown = { ...found, mission };
        io.stdout.write(
          options.json === true
            ? `${JSON.stringify({ status: mission.status, ...details }, null, 2)}\n`
            : `${showText(details)}\n`,
        );
      } finally {
        await dbos?.close();
        await store.close();
      }
    });
}
