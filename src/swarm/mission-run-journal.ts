import { createHash } from 'node:crypto';
import type { MissionIntent } from '../contracts/index.js';
import type { DurableJournal, JournalMeta } from '../durable/index.js';
import type { WorkspaceFile } from '../tools/index.js';
import { MissionError } from './mission-error.js';

/** A workspace file that is not what the interrupted run read. */
export interface WorkspaceChange {
  path: string;
  change: 'changed' | 'added' | 'removed';
}

/** What a resume found when it started. */
export interface ResumeInfo {
  /** This run's number (2 for the first resume). */
  run: number;
  /** Steps the journal held: these are not run again. */
  journaledSteps: number;
  /** Workspace files that changed since the journal's first run (their steps are verified against the current text). */
  workspaceChanges: WorkspaceChange[];
}

/** sha256 of each scanned file, by path. */
export function fingerprintWorkspace(files: readonly WorkspaceFile[]): Record<string, string> {
  return Object.fromEntries(
    files.map((file) => [file.path, createHash('sha256').update(file.text).digest('hex')]),
  );
}

function compareWorkspace(before: Record<string, string>, after: Record<string, string>): WorkspaceChange[] {
  const changes: WorkspaceChange[] = [];
  for (const [path, hash] of Object.entries(before)) {
    if (after[path] === undefined) changes.push({ path, change: 'removed' });
    else if (after[path] !== hash) changes.push({ path, change: 'changed' });
  }
  for (const path of Object.keys(after))
    if (before[path] === undefined) changes.push({ path, change: 'added' });
  return changes.sort((left, right) => (left.path < right.path ? -1 : 1));
}

/**
 * Opens the journal for this run: a fresh run forgets any earlier journal of the mission (the
 * blackboard keeps the record) and writes a new header; a resume continues the header's run count
 * and reports how the workspace differs from what the first run read.
 */
export async function openMissionRun(
  journal: DurableJournal,
  options: { intent: MissionIntent; files: readonly WorkspaceFile[]; resume: boolean; at: string },
): Promise<{ meta: JournalMeta; resumed?: ResumeInfo }> {
  const workspace = fingerprintWorkspace(options.files);
  if (!options.resume) {
    await journal.reset();
    const meta: JournalMeta = {
      format: 'swarmlord.journal/v1',
      missionId: options.intent.mission_id,
      status: 'running',
      run: 1,
      intent: options.intent,
      workspace,
      updatedAt: options.at,
    };
    await journal.writeMeta(meta);
    return { meta };
  }
  const earlier = await journal.readMeta();
  if (earlier === undefined) {
    throw new MissionError(
      'NOTHING_TO_RESUME',
      `mission ${options.intent.mission_id} has no journal in ${journal.location}: nothing to resume`,
    );
  }
  const meta: JournalMeta = {
    ...earlier,
    status: 'running',
    run: earlier.run + 1,
    outcome: undefined,
    updatedAt: options.at,
  };
  await journal.writeMeta(meta);
  return {
    meta,
    resumed: {
      run: meta.run,
      journaledSteps: (await journal.steps()).length,
      workspaceChanges: compareWorkspace(earlier.workspace, workspace),
    },
  };
}
