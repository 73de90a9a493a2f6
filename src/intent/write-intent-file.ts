import { dirname, join, relative, resolve } from 'node:path';
import { Document } from 'yaml';
import { redactSecrets } from '../blackboard/redact-secrets.js';
import { type MissionIntent, MissionIntentSchema } from '../contracts/mission-intent.js';
import { humanizeZodIssue } from './humanize-zod-issue.js';
import { IntentError } from './intent-error.js';
import { formatFieldPath } from './intent-problem.js';
import { removeOrphanTemps, writeFileAtomic } from './write-file-atomic.js';

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
 * Where {@link writeIntentFile} puts an intent: `<cwd>/<dir>/<YYYY-MM-DD>/mission_intent_<mission_id>.yml`,
 * with `_v<N>` before `.yml` for a revision (version N > 1). A revision keeps its mission id, so its
 * runs stay under one digest folder, and gets its own file, so the parent is never overwritten.
 */
export function intentFilePath(
  intent: Pick<MissionIntent, 'mission_id' | 'created_at' | 'version'>,
  options: WriteIntentFileOptions,
): string {
  const date = new Date(intent.created_at).toISOString().slice(0, 10);
  const suffix = intent.version > 1 ? `_v${intent.version}` : '';
  return join(
    options.cwd,
    options.dir ?? DEFAULT_INTENT_DIR,
    date,
    `mission_intent_${intent.mission_id}${suffix}.yml`,
  );
}

/**
 * Writes `<dir>/<YYYY-MM-DD>/mission_intent_<mission_id>.yml` (the UTC date of `created_at`;
 * `…_v<N>.yml` for a revision, version N > 1) atomically and returns its path. Writing the same intent again is a no-op.
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
  const path = intentFilePath(checked.data, options);
  // The file records its workspace (and parent) relative to its own directory, where loadIntentFile resolves it.
  const relativeToFile = (target: string) => relative(dirname(path), resolve(options.cwd, target)) || '.';
  const { parent } = checked.data;
  const written: MissionIntent = {
    ...checked.data,
    workspace: relativeToFile(checked.data.workspace),
    ...(parent === undefined ? {} : { parent: { ...parent, path: relativeToFile(parent.path) } }),
  };
  // Temps of a writer killed mid-write in this folder go first (issue 18: orphans are cleaned).
  await removeOrphanTemps(dirname(path));
  // A frozen intent is a file others read: no secret is written into it, whatever the caller passed.
  const outcome = await writeFileAtomic(path, stringifyIntent(redactSecrets(written)), { overwrite: false });
  if (outcome === 'conflict') {
    throw new IntentError('INTENT_EXISTS', {
      path,
      message: `a different mission intent already exists at ${path}; refusing to overwrite it`,
    });
  }
  return path;
}
