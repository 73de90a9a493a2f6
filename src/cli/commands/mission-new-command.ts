import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { redactSecrets } from '../../blackboard/index.js';
import {
  ANSWERS_FILE_EXAMPLE,
  answersFromClarifications,
  type ClarificationHost,
  ClarifyError,
  clarificationReceipts,
  createQuestionWriter,
  createScriptedHost,
  loadAnswersFile,
  perceiveWorkspaceBrief,
  runClarification,
  shapeIntent,
  summarizeIntent,
} from '../../clarify/index.js';
import type { MissionIntent } from '../../contracts/index.js';
import { BUILT_IN_VALIDATORS } from '../../contracts/index.js';
import { createIntent, loadIntentFile, writeIntentFile } from '../../intent/index.js';
import { createCallCache, withCallCache } from '../../models/call-cache/index.js';
import { chooseModel, type ModelPort } from '../../models/index.js';
import { createModelFromSpec } from '../../models/providers/index.js';
import type { AgentRegistry } from '../../ssot/agent-registry.js';
import { modelEnvKey } from '../../ssot/model-env-key.js';
import { MissionError } from '../../swarm/index.js';
import type { CliIo } from '../cli-io.js';
import { isInteractive } from '../cli-io.js';
import { createTtyClarificationHost } from '../create-tty-clarification-host.js';
import { CALL_CACHE_DIR, chooseMissionModels, createModelRuntime } from '../model-runtime.js';
import { openCliBlackboard } from '../open-cli-blackboard.js';
import { loadSsotRuntime } from '../ssot-runtime.js';

/** The options that shape a new intent, shared by `mission new` and `run`. */
export interface NewMissionOptions {
  workspace?: string;
  lanes?: number;
  validator?: string[];
  answers?: string;
  yes?: boolean;
  from?: string;
  model?: string;
  json?: boolean;
  /** `run`: every model the mission will use must be creatable (keys present) before anything is written. */
  checkModels?: boolean;
}

/** An approved, written intent. */
export interface NewMission {
  intent: MissionIntent;
  path: string;
}

function parseLaneCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new InvalidArgumentError('must be a whole number from 1 to 256');
  }
  return count;
}

/** Adds the clarification and intent options to `mission new` and `run`. */
export function addNewMissionOptions(command: Command): Command {
  return (
    command
      .option(
        '-w, --workspace <dir>',
        'the directory the lanes perceive (default: ., or the revised intent’s)',
      )
      .option('-l, --lanes <n>', 'how many lanes run in parallel (default 2)', parseLaneCount)
      // One value per flag (repeat it for more): a variadic option would swallow the objective after it.
      .option(
        '--validator <agent>',
        'add an SSOT agent (e.g. SecurityAuditor) to the Verify quorum; repeat for more',
        (value: string, previous: string[]) => [...previous, value],
        [] as string[],
      )
      .option('--answers <file>', 'answer the clarification from a YAML file (answers per pass); no prompts')
      .option('-y, --yes', 'take every default answer and approve; no prompts')
      .option('--from <intent>', 'revise an intent into a new version (the old file is kept)')
  );
}

/** Help text: the answers file format. */
export const ANSWERS_HELP = `
Answers file (--answers), one entry per pass, by topic or as a list in question order:
${ANSWERS_FILE_EXAMPLE.replace(/^/gm, '  ')}`;

async function sha256OfFile(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** The intent the clarification starts from: the defaults, or the revised intent as a new version. */
async function baseIntent(
  objective: string | undefined,
  options: NewMissionOptions,
  io: CliIo,
): Promise<{ base: MissionIntent; earlier: MissionIntent['clarifications'] }> {
  // A validator named twice (or a built-in named again) votes once.
  const extraValidators = [...new Set(options.validator ?? [])].filter(
    (name) => !(BUILT_IN_VALIDATORS as readonly string[]).includes(name),
  );
  if (options.from === undefined) {
    if (objective === undefined) {
      throw new ClarifyError('INTENT_NEEDS_ANSWERS', {
        message: 'an objective is required: swarmlord mission new "<objective>" (or --from <intent.yml>)',
      });
    }
    const base = createIntent({
      objective,
      workspace: options.workspace ?? '.',
      lanes: options.lanes ?? 2,
      ...(extraValidators.length > 0 && {
        overrides: { quorum: { validators: [...BUILT_IN_VALIDATORS, ...extraValidators], threshold: 2 } },
      }),
    });
    return { base, earlier: [] };
  }
  const parentPath = resolve(io.cwd, options.from);
  const parent = await loadIntentFile(parentPath);
  const {
    mission_id,
    created_at: _created,
    objective: parentObjective,
    clarifications: _old,
    ...rest
  } = parent;
  const validators = [...new Set([...parent.quorum.validators, ...extraValidators])];
  const base = createIntent({
    objective: objective ?? parentObjective,
    missionId: mission_id,
    workspace: options.workspace === undefined ? parent.workspace : resolve(io.cwd, options.workspace),
    ...(options.lanes === undefined ? {} : { lanes: options.lanes }),
    overrides: {
      ...rest,
      ...(options.lanes === undefined ? { lanes: parent.lanes } : {}),
      quorum: { validators, threshold: parent.quorum.threshold },
      version: parent.version + 1,
      parent: { version: parent.version, path: parentPath, sha256: await sha256OfFile(parentPath) },
    },
  });
  return { base, earlier: parent.clarifications };
}

/** The Swarmlord's own model (role `swarmlord`), or undefined for the fixed questions. */
export function swarmlordModel(
  base: MissionIntent,
  io: CliIo,
  cliModel: string | undefined,
  registry: AgentRegistry,
): ModelPort | undefined {
  const agent = registry.findAgent('swarmlord');
  const fromSsot = agent === undefined ? undefined : registry.modelChoiceFor(agent.qualifiedName);
  const choice = chooseModel({
    role: 'swarmlord',
    intentModels: base.models,
    ssot: fromSsot === undefined || agent === undefined ? undefined : { ...fromSsot, agent: agent.name },
    roleEnvKey: modelEnvKey('swarmlord'),
    cliModel,
    env: io.env,
  });
  if (choice.spec === 'offline') return undefined;
  // Recorded like every real call, so the questions a mission was clarified with can be replayed.
  const cache = createCallCache({ dir: join(io.cwd, CALL_CACHE_DIR) });
  return withCallCache(createModelFromSpec(choice.spec, { env: io.env, prices: base.prices }), {
    cache,
    mode: 'record',
  });
}

/**
 * Clarifies a new mission (or a revision) and writes the approved intent with every Q&A, then the
 * pass receipts. Interactive on a terminal; `--answers`/`--yes` otherwise; neither on a pipe is an
 * error at once. Nothing is written before approval.
 *
 * @throws {ClarifyError} `INTENT_NEEDS_ANSWERS` (not a terminal), `INTENT_CLARIFY_CANCELLED` (Ctrl-C).
 */
export async function newMissionIntent(
  objective: string | undefined,
  options: NewMissionOptions,
  io: CliIo,
): Promise<NewMission> {
  const scripted = options.yes === true || options.answers !== undefined;
  if (!scripted && !isInteractive(io)) {
    throw new ClarifyError('INTENT_NEEDS_ANSWERS', {
      message:
        'the Swarmlord clarifies every mission before it runs, and stdin is not a terminal: pass --answers FILE (YAML, answers per pass) or --yes (take the defaults). Nothing written.',
    });
  }
  const answers =
    options.answers === undefined
      ? undefined
      : await loadAnswersFile(resolve(io.cwd, options.answers), options.answers);
  const { base, earlier } = await baseIntent(objective, options, io);
  const workspace = resolve(io.cwd, base.workspace);
  if (!(await stat(workspace).catch(() => undefined))?.isDirectory()) {
    throw new MissionError(
      'WORKSPACE_NOT_FOUND',
      `workspace ${workspace} does not exist or is not a directory`,
    );
  }
  const ssot = await loadSsotRuntime(io.cwd, base);
  const checkModels = (intent: MissionIntent) => {
    // A missing key fails here, naming its variable, before a question is asked or a file written.
    if (options.checkModels === true)
      createModelRuntime({
        intent,
        cwd: io.cwd,
        env: io.env,
        cliModel: options.model,
        cacheMode: 'off',
        registry: ssot.registry,
      });
  };
  checkModels(base);
  // Model-written questions are for a person at a terminal: an answers file is keyed on the fixed
  // set's topics, and --yes reads no question, so scripted runs spend no model call here.
  const model = scripted ? undefined : swarmlordModel(base, io, options.model, ssot.registry);
  const say = (text: string) => {
    if (options.json !== true) io.stderr.write(`${text}\n`);
  };
  const host: ClarificationHost = scripted
    ? createScriptedHost(answers, (summary) => {
        say(
          `Mission intent (approved by ${options.answers === undefined ? '--yes' : `--answers ${options.answers}`}):`,
        );
        for (const line of summary) say(`  ${line}`);
      })
    : createTtyClarificationHost(io, base.clarification_min_passes);
  // Before approval nothing is on disk, so Ctrl-C between prompts may simply end the process.
  const onInterrupt = () => process.exit(130);
  process.on('SIGINT', onInterrupt);
  let outcome: Awaited<ReturnType<typeof runClarification>>;
  try {
    outcome = await runClarification({
      minPasses: base.clarification_min_passes,
      writeQuestions: createQuestionWriter({
        objective: base.objective,
        minPasses: base.clarification_min_passes,
        brief: () => perceiveWorkspaceBrief(workspace),
        model,
      }),
      host,
      freeze: (passes) => shapeIntent(base, passes, (path) => existsSync(join(workspace, path))),
      summarize: (intent) =>
        summarizeIntent(
          intent,
          chooseMissionModels({ intent, env: io.env, cliModel: options.model, registry: ssot.registry }),
        ),
      earlierAnswers: answersFromClarifications(earlier),
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  checkModels(outcome.intent);
  const path = await writeIntentFile(outcome.intent, { cwd: io.cwd });
  try {
    const blackboard = await openCliBlackboard(resolve(io.cwd, outcome.intent.telemetry.blackboard_path), io);
    try {
      const drafts = clarificationReceipts(outcome.intent.mission_id, outcome.passes, {
        path,
        version: outcome.intent.version,
        at: new Date().toISOString(),
      });
      // Enqueued together, in order: one group commit (one write, one fsync) for the passes.
      await Promise.all(drafts.map((draft) => blackboard.append(redactSecrets(draft, io.env))));
    } finally {
      await blackboard.close();
    }
  } catch (error) {
    // An intent whose clarification receipts could not be written (blackboard locked, disk full) is
    // not left behind as if it had been frozen: the mission never started.
    await rm(path, { force: true });
    throw error;
  }
  say(
    `Mission ${outcome.intent.mission_id}: intent written to ${path} (version ${outcome.intent.version}, ${outcome.passes.length} clarification passes)`,
  );
  return { intent: outcome.intent, path };
}

/** `swarmlord mission new "<objective>"`: clarify, approve, write the intent. */
export function registerMissionNewCommand(mission: Command, io: CliIo): void {
  const command = mission
    .command('new')
    .description('clarify a mission in at least 3 passes, then write its intent once you approve it')
    .argument('[objective]', 'what the swarm must find out (default with --from: the revised intent’s)');
  addNewMissionOptions(command)
    .option(
      '-m, --model <spec>',
      'the Swarmlord’s model for writing questions (else SWARMLORD_MODEL_SWARMLORD, …)',
    )
    .option('--json', 'print { mission_id, version, path } on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord mission new "Where are webhooks verified?" --workspace examples/sample-service
  $ swarmlord mission new "Map the risks" --workspace . --answers answers.yml
  $ swarmlord mission new --from hfo_mission_intent/2026-11-22/mission_intent_mi_2026-11-22_a1b2c3.yml --yes
${ANSWERS_HELP}

Writes hfo_mission_intent/<date>/mission_intent_<mission_id>.yml (a revision: …_v<N>.yml) and one
blackboard receipt per pass. Ctrl-C before approval writes nothing and exits 130.`,
    )
    .action(async (objective: string | undefined, options: NewMissionOptions) => {
      try {
        const created = await newMissionIntent(objective, options, io);
        io.stdout.write(
          options.json === true
            ? `${JSON.stringify({ mission_id: created.intent.mission_id, version: created.intent.version, path: created.path })}\n`
            : `${created.path}\n`,
        );
      } catch (error) {
        if (ClarifyError.isInstance(error) && error.code === 'INTENT_CLARIFY_CANCELLED') {
          process.exitCode = 130;
          return;
        }
        throw error;
      }
    });
}
