import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openBlackboard, redactSecrets } from '../blackboard/index.js';
import type { ClarificationHost, ClarifyPass, SummaryModelChoice } from '../clarify/index.js';
import {
  ClarifyError,
  clarificationReceipts,
  createQuestionWriter,
  perceiveWorkspaceBrief,
  runClarification,
  shapeIntent,
  summarizeIntent,
} from '../clarify/index.js';
import type { MissionIntent } from '../contracts/index.js';
import { createIntent, writeIntentFile } from '../intent/index.js';
import type { ModelPort } from '../models/index.js';
import { MissionError } from '../swarm/index.js';

/** Where a browser clarification stands: what the page shows next. */
export type ClarificationState =
  | { state: 'answering'; pass: ClarifyPass; answered: number; min_passes: number }
  | { state: 'approving'; summary: string[]; answered: number; min_passes: number }
  | { state: 'approved'; intent_path: string }
  | { state: 'cancelled' }
  | { state: 'failed'; error: string };

/** One mission being clarified in the browser, pass by pass. */
export interface ClarificationSession {
  id: string;
  missionId: string;
  current(): ClarificationState;
  /** Answers the pass on screen (one per question; empty takes the default) and waits for what comes next. */
  answer(pass: number, answers: readonly string[]): Promise<ClarificationState>;
  /** Approves the summary (intent and pass receipts written) or rejects it (another pass). */
  decide(approved: boolean): Promise<ClarificationState>;
  /** Abandons the clarification; nothing was written, nothing will be. */
  cancel(): void;
}

export interface StartClarificationOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  objective: string;
  workspace: string;
  lanes: number;
  /** The models each role would use, for the approval summary (the composition root knows them). */
  describeModels?: (intent: MissionIntent) => SummaryModelChoice[];
  /**
   * The Swarmlord's model for this intent (as `mission new` chooses it): it writes each pass's
   * questions (task `clarify`); undefined, offline or failing: the fixed questions.
   */
  questionModel?: (intent: MissionIntent) => ModelPort | undefined;
  /** Called once the intent file and its receipts are written. */
  onApproved?: (intent: MissionIntent, path: string) => void;
}

type Waiting =
  | { kind: 'answer'; resolve: (answers: string[]) => void }
  | { kind: 'approve'; resolve: (approved: boolean) => void };

/**
 * The Swarmlord's clarification with the browser as its host: the same protocol as the terminal
 * (`runClarification`: at least the intent's minimum passes, the summary, approval; a rejection
 * asks another pass), and, like `mission new`, nothing is written before approval. With a model
 * configured the model writes the questions, as at the terminal; without one, the fixed set.
 *
 * @throws {MissionError} `WORKSPACE_NOT_FOUND` before any question.
 */
export async function startClarificationSession(
  options: StartClarificationOptions,
): Promise<ClarificationSession> {
  const base = createIntent({
    objective: options.objective,
    workspace: options.workspace,
    lanes: options.lanes,
  });
  const workspace = resolve(options.cwd, base.workspace);
  if (!(await stat(workspace).catch(() => undefined))?.isDirectory()) {
    throw new MissionError(
      'WORKSPACE_NOT_FOUND',
      `workspace ${workspace} does not exist or is not a directory`,
    );
  }
  const minPasses = base.clarification_min_passes;
  let state: ClarificationState = { state: 'failed', error: 'not started' };
  let waiting: Waiting | undefined;
  let answered = 0;
  let changed: () => void = () => undefined;
  let next = new Promise<void>((resolveNext) => {
    changed = resolveNext;
  });
  const set = (value: ClarificationState) => {
    state = value;
    const done = changed;
    next = new Promise<void>((resolveNext) => {
      changed = resolveNext;
    });
    done();
  };
  const host: ClarificationHost = {
    answer: (pass) =>
      new Promise<string[]>((resolveAnswers, reject) => {
        waiting = { kind: 'answer', resolve: resolveAnswers };
        cancelWaiting = () =>
          reject(new ClarifyError('INTENT_CLARIFY_CANCELLED', { message: 'cancelled in the browser' }));
        set({ state: 'answering', pass, answered, min_passes: minPasses });
      }),
    approve: (summary) =>
      new Promise<boolean>((resolveApproval, reject) => {
        waiting = { kind: 'approve', resolve: resolveApproval };
        cancelWaiting = () =>
          reject(new ClarifyError('INTENT_CLARIFY_CANCELLED', { message: 'cancelled in the browser' }));
        set({ state: 'approving', summary: [...summary], answered, min_passes: minPasses });
      }),
  };
  let cancelWaiting: () => void = () => undefined;
  const brief = await perceiveWorkspaceBrief(workspace);
  // Chosen before the first question, so a missing key fails the start, not a pass.
  const model = options.questionModel?.(base);
  const started = next;
  void (async () => {
    try {
      const outcome = await runClarification({
        minPasses,
        writeQuestions: createQuestionWriter({
          objective: base.objective,
          minPasses,
          brief,
          model,
        }),
        host,
        freeze: (passes) => shapeIntent(base, passes, (path) => existsSync(join(workspace, path))),
        summarize: (intent) => summarizeIntent(intent, options.describeModels?.(intent) ?? []),
      });
      const path = await writeIntentFile(outcome.intent, { cwd: options.cwd });
      const blackboard = await openBlackboard({
        path: resolve(options.cwd, outcome.intent.telemetry.blackboard_path),
      });
      try {
        const drafts = clarificationReceipts(outcome.intent.mission_id, outcome.passes, {
          path,
          version: outcome.intent.version,
          at: new Date().toISOString(),
        });
        for (const draft of drafts) await blackboard.append(redactSecrets(draft, options.env));
      } finally {
        await blackboard.close();
      }
      set({ state: 'approved', intent_path: path });
      options.onApproved?.(outcome.intent, path);
    } catch (error) {
      if (ClarifyError.isInstance(error) && error.code === 'INTENT_CLARIFY_CANCELLED')
        set({ state: 'cancelled' });
      else set({ state: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  })();
  await started;
  return {
    id: randomUUID(),
    missionId: base.mission_id,
    current: () => state,
    async answer(pass, answers) {
      if (state.state !== 'answering' || state.pass.pass !== pass || waiting?.kind !== 'answer') return state;
      const reply = waiting.resolve;
      waiting = undefined;
      answered += 1;
      const after = next;
      reply([...answers]);
      await after;
      return state;
    },
    async decide(approved) {
      if (state.state !== 'approving' || waiting?.kind !== 'approve') return state;
      const reply = waiting.resolve;
      waiting = undefined;
      const after = next;
      reply(approved);
      await after;
      return state;
    },
    cancel() {
      if (state.state === 'answering' || state.state === 'approving') cancelWaiting();
    },
  };
}
