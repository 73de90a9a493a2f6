import { dirname, join, relative, resolve } from 'node:path';
import { Document } from 'yaml';
import { type MissionIntent, MissionIntentSchema } from '../contracts/mission-intent.js';
import { humanizeZodIssue } from './humanize-zod-issue.js';
import { IntentError } from './intent-error.js';
import { formatFieldPath } from './intent-problem.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Where intents go unless the caller says otherwise (seed 002's layout). */
export const DEFAULT_INTENT_DIR = 'hfo_mission_intent';

/** Options for {@link writeIntentFile}. */
export interface WriteIntentFileOptions {
  /** Working directory the intent directory is relative to. */
  cwd: string;
  /** Intent directory, relative to `cwd`; default `hfo_mission_intent`. */
  dir?: string;
}

/** The intent as YAML, every field written out so the file is the complete record of the run's settings. */
export function stringifyIntent(intent: MissionIntent): string {
  const document = new Document(intent);
  document.commentBefore = [
    ` Mission intent ${intent.mission_id}, frozen ${intent.created_at}.`,
    ' The single source of truth of this swarmlord run: every field is validated when the run loads it,',
    ' and unknown fields are rejected, so a typo cannot silently fall back to a default.',
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}

/**
 * Writes `<dir>/<YYYY-MM-DD>/mission_intent_<mission_id>.yml` (the UTC date of `created_at`)
 * atomically and returns its path. Writing the same intent again is a no-op.
 *
 * @throws {IntentError} `INTENT_INVALID` if the intent breaks the schema; `INTENT_EXISTS` if a
 * different file already holds that mission id (it is never overwritten: a frozen intent is a record).
 */
export async function writeIntentFile(
  intent: MissionIntent,
  options: WriteIntentFileOptions,
): Promise<string> {
  const checked = MissionIntentSchema.safeParse(intent, { error: humanizeZodIssue });
  if (!checked.success) {
    const message = checked.error.issues
      .map((issue) => `${formatFieldPath(issue.path)}: ${issue.message}`)
      .join('\n');
    throw new IntentError('INTENT_INVALID', { path: intent.mission_id, message });
  }
  const date = new Date(checked.data.created_at).toISOString().slice(0, 10);
  const path = join(
    options.cwd,
    options.dir ?? DEFAULT_INTENT_DIR,
    date,
    `mission_intent_${checked.data.mission_id}.yml`,
  );
  // The file records its workspace relative to its own directory (where loadIntentFile resolves it).
  const workspace = relative(dirname(path), resolve(options.cwd, checked.data.workspace)) || '.';
  const outcome = await writeFileAtomic(path, stringifyIntent({ ...checked.data, workspace }), {
    overwrite: false,
  });
  if (outcome === 'conflict') {
    throw new IntentError('INTENT_EXISTS', {
      path,
      message: `a different mission intent already exists at ${path}; refusing to overwrite it`,
    });
  }
  return path;
}
