import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MissionIntent, Refusal } from '../contracts/index.js';
import type { Guardrails } from '../policy/index.js';
import { checkWritePath } from './check-write-path.js';
import { findEngagePlaceholders } from './find-engage-placeholders.js';
import { hashBytes } from './hash-bytes.js';
import type { PlannedChange } from './planned-change.js';
import type { ProposedEdit } from './proposed-edit.js';
import { addedLines, countChangedLines, fileHeader, renderHunk } from './unified-diff.js';

/** Settings of {@link buildProposal}. */
export interface BuildProposalOptions {
  /** Absolute, symlink-free workspace. */
  workspace: string;
  intent: Pick<MissionIntent, 'scope' | 'safety'>;
  guardrails: Pick<Guardrails, 'max_file_bytes' | 'max_changed_lines'>;
  /** Values of `*_KEY`/`*_TOKEN`/… variables: an edit holding one is refused. */
  secrets: readonly string[];
}

/** The edits that passed the envelope and those it refused. */
export interface BuiltProposal {
  changes: PlannedChange[];
  refused: Refusal[];
  patch: string;
  changedLines: number;
}

/** The values of secret-named environment variables (8 characters or more, as redaction uses). */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => /_(?:KEY|TOKEN|SECRET|PASSWORD)$/i.test(name) && (value?.length ?? 0) >= 8)
    .map(([, value]) => value as string);
}

async function readExisting(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Turns a Shaper's edits into a patch, edit by edit through the safety envelope: the path check
 * ({@link checkWritePath}), the file size limit, no secret from the environment, the placeholder
 * ban on added lines (when `safety.placeholder_ban`), and the mission's changed-line limit.
 * Every refusal carries its reason; nothing is written here.
 */
export async function buildProposal(
  edits: readonly ProposedEdit[],
  options: BuildProposalOptions,
): Promise<BuiltProposal> {
  const changes: PlannedChange[] = [];
  const refused: Refusal[] = [];
  let total = 0;
  const seen = new Set<string>();
  for (const edit of edits) {
    const checked = await checkWritePath(options.workspace, options.intent, edit.path);
    if (!checked.ok) {
      refused.push(checked.refusal);
      continue;
    }
    const { path } = checked;
    const deny = (reason: string) =>
      refused.push({ target: path, capability: `workspace_write:${path}`, reason });
    if (seen.has(path)) {
      deny('is edited twice in one proposal; only the first edit is kept');
      continue;
    }
    seen.add(path);
    const bytes = Buffer.byteLength(edit.content, 'utf8');
    if (bytes > options.guardrails.max_file_bytes) {
      deny(
        `oversized write: ${bytes} bytes is over the guardrail max_file_bytes (${options.guardrails.max_file_bytes})`,
      );
      continue;
    }
    if (options.secrets.some((secret) => edit.content.includes(secret))) {
      deny('holds the value of a secret environment variable');
      continue;
    }
    const before = await readExisting(join(options.workspace, path));
    const oldText = before?.toString('utf8') ?? '';
    if (before !== null && oldText === edit.content) continue;
    // Loaded at the first edit to diff: a mission whose lanes propose no edit never loads it.
    const { structuredPatch } = await import('diff');
    const { hunks } = structuredPatch(`a/${path}`, `b/${path}`, oldText, edit.content, '', '', {
      context: 3,
    });
    const changedLines = countChangedLines(hunks);
    if (options.intent.safety.placeholder_ban) {
      const stubs = findEngagePlaceholders(addedLines(hunks));
      if (stubs.length > 0) {
        deny(`placeholder_ban: the edit adds stubs (${stubs.slice(0, 5).join('; ')})`);
        continue;
      }
    }
    if (total + changedLines > options.guardrails.max_changed_lines) {
      deny(
        `oversized write: ${changedLines} changed lines would take the patch past the guardrail max_changed_lines (${options.guardrails.max_changed_lines})`,
      );
      continue;
    }
    total += changedLines;
    const diff = `${fileHeader(path, before === null)}${hunks.map(renderHunk).join('')}`;
    changes.push({
      path,
      before,
      beforeSha256: before === null ? null : hashBytes(before),
      after: edit.content,
      afterSha256: hashBytes(edit.content),
      hunks,
      diff,
      changedLines,
    });
  }
  return { changes, refused, patch: changes.map((change) => change.diff).join(''), changedLines: total };
}
