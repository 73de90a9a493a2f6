import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { redactedJson } from '../blackboard/redacted-json.js';
import type { DurableJournal, JournalMeta, StepRecord } from './durable-journal.js';
import { formatStepId } from './step-id.js';
import { createStepLog } from './step-log.js';
import { TEMPORARY_SUFFIX, writeFileDurably } from './write-file-durably.js';

/** The default journal folder, relative to the working directory. */
export const DEFAULT_JOURNAL_DIR = 'hfo_journal';

/** The mission folder's log of steps (`createStepLog`), one line per recorded step. */
export const STEP_LOG_FILE = 'steps.log';

/** The owner file in a mission's journal folder (`claimMissionOwner`); a fresh run's reset keeps it. */
export const OWNER_FILE = 'owner.json';

export interface FileJournalOptions {
  /** The working directory the mission runs in. */
  cwd: string;
  missionId: string;
  /** Relative to `cwd` (default `hfo_journal`). */
  dir?: string;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** A temporary file a crash left behind; this process's own (an owner heartbeat being written) is not. */
function isLeftover(name: string): boolean {
  return name.endsWith(TEMPORARY_SUFFIX) && !name.includes(`.${process.pid}.`);
}

/**
 * Removes the temporary files a crash left in a mission's journal folder and its steps: what the
 * journal does when first read, for a caller that reads no step (a finished mission's `resume`,
 * where a kill during the owner's last write can leave one).
 */
export async function removeJournalLeftovers(options: FileJournalOptions): Promise<void> {
  const directory = journalDirectory(options);
  for (const folder of [directory, join(directory, 'steps')]) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) if (isLeftover(name)) await rm(join(folder, name), { force: true });
  }
}

/** The folder of one mission's journal. */
export function journalDirectory(options: FileJournalOptions): string {
  if (!/^[A-Za-z0-9_-]+$/.test(options.missionId)) {
    throw new Error(`mission id ${JSON.stringify(options.missionId)} is not a safe directory name`);
  }
  return resolve(options.cwd, options.dir ?? DEFAULT_JOURNAL_DIR, options.missionId);
}

/**
 * The embedded durable runtime: one mission's journal in `<cwd>/hfo_journal/<mission_id>/` —
 * `journal.json` (the header, written with `writeFileDurably`) and `steps.log`, one line per
 * recorded step, appended with group commit (decision 0046): the steps recorded together (the
 * lanes' concurrent calls) share one write and one fdatasync, and `put` settles only once its line
 * is on disk. Each line carries its sha256, so a line a crash cut is never read; the valid prefix
 * is all that was ever acknowledged. Journals written before hold `steps/<sha256 of the step
 * id>.json` files: still read, a log line for the same step replaces one. Temporary files a crash
 * left behind are removed when the journal is first read. `owner.json` (who runs the mission,
 * `claimMissionOwner`) lives in the same folder and survives `reset`.
 */
export function createFileJournal(options: FileJournalOptions): DurableJournal {
  const directory = journalDirectory(options);
  const stepsDirectory = join(directory, 'steps');
  const metaPath = join(directory, 'journal.json');
  const log = createStepLog(join(directory, STEP_LOG_FILE));
  let loaded: Promise<Map<string, StepRecord>> | undefined;

  async function load(): Promise<Map<string, StepRecord>> {
    const records = new Map<string, StepRecord>();
    for (const folder of [directory, stepsDirectory]) {
      const names = await readdir(folder).catch((error: unknown) => {
        if (isMissing(error)) return [] as string[];
        throw error;
      });
      for (const name of names) {
        if (name.endsWith(TEMPORARY_SUFFIX)) {
          if (isLeftover(name)) await rm(join(folder, name), { force: true });
          continue;
        }
        if (folder !== stepsDirectory || !name.endsWith('.json')) continue;
        const record = (await readJson(join(folder, name))) as StepRecord | undefined;
        if (record !== undefined) records.set(record.id, record);
      }
    }
    // The log holds the steps recorded since; a later line replaces an earlier one or a step file.
    for (const value of await log.read()) {
      const record = value as StepRecord;
      records.set(record.id, record);
    }
    return records;
  }
  const records = () => {
    loaded ??= load();
    return loaded;
  };

  return {
    location: directory,
    readMeta: async () => (await readJson(metaPath)) as JournalMeta | undefined,
    writeMeta: (meta) => writeFileDurably(metaPath, `${JSON.stringify(meta, null, 2)}\n`),
    async get(step) {
      return (await records()).get(formatStepId(step));
    },
    async put(record) {
      const full: StepRecord = {
        ...record,
        id: formatStepId(record.step),
        recordedAt: new Date().toISOString(),
      };
      // Journaled steps hold prompts and answers that quote the workspace: no secret is written (issue 18).
      // `JSON.stringify(redactSecrets(full))` in one pass; the excerpts every lane's steps repeat
      // are redacted and escaped once (remembered by content).
      const known = await records();
      await log.append(redactedJson(full) as string);
      known.set(full.id, full);
      return full;
    },
    async steps() {
      return [...(await records()).values()].sort((left, right) => (left.id < right.id ? -1 : 1));
    },
    async reset() {
      // The owner file stays: the process that claimed the mission (before its first receipt) runs this fresh start.
      const names = await readdir(directory).catch((error: unknown) => {
        if (isMissing(error)) return [] as string[];
        throw error;
      });
      for (const name of names)
        if (name !== OWNER_FILE) await rm(join(directory, name), { recursive: true, force: true });
      log.forgetFile();
      loaded = Promise.resolve(new Map());
    },
  };
}
