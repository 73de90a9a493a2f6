import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { redactSecrets } from '../blackboard/index.js';
import type { EvidenceRef } from '../contracts/index.js';
import { normalizeEvidencePath } from '../contracts/index.js';

/** One workspace line shown beside a claim; `cited` marks the ref's range. */
export interface EvidenceLine {
  number: number;
  text: string;
  cited: boolean;
}

/** The cited lines of a file ref as the workspace has them now, with context around the range. */
export interface EvidenceExcerpt {
  path: string;
  lines: [number, number];
  /** Absent when the file cannot be read (`problem` says why). */
  excerpt?: EvidenceLine[];
  problem?: string;
}

const CONTEXT = 2;
const MAX_LINES = 40;

/**
 * Reads the lines a file ref cites (plus a little context) from the workspace. Paths leaving the
 * workspace are refused, not read: a claim's ref is data written by a model and must not turn the
 * dashboard into a file reader for the whole machine. Every line passes through the project's
 * redactor (`redactSecrets`, with the server's environment): a workspace may hold a token the
 * blackboard never recorded, and the page must not show it. `cache` shares file reads within a request.
 */
export async function readEvidenceLines(
  workspace: string,
  ref: Extract<EvidenceRef, { kind: 'file' }>,
  cache: Map<string, Promise<string[] | undefined>>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EvidenceExcerpt> {
  const shown: EvidenceExcerpt = { path: ref.path, lines: ref.lines };
  const path = normalizeEvidencePath(ref.path);
  const file = resolve(workspace, path);
  const inside = relative(workspace, file);
  if (inside.startsWith('..') || isAbsolute(inside)) return { ...shown, problem: 'outside the workspace' };
  let lines = cache.get(file);
  if (lines === undefined) {
    lines = readFile(file, 'utf8').then(
      (text) => {
        const split = text.split(/\r?\n/);
        // A final newline ends the last line; it does not start another.
        if (split.at(-1) === '') split.pop();
        // Line by line, so a redaction never moves a line number.
        return split.map((line) => redactSecrets(line, env));
      },
      () => undefined,
    );
    cache.set(file, lines);
  }
  const all = await lines;
  if (all === undefined) return { ...shown, problem: 'cannot read the file in the workspace' };
  const [from, to] = ref.lines;
  const first = Math.max(1, from - CONTEXT);
  const last = Math.min(all.length, to + CONTEXT, first + MAX_LINES - 1);
  if (first > all.length) return { ...shown, problem: `the file has ${all.length} lines` };
  const excerpt: EvidenceLine[] = [];
  for (let number = first; number <= last; number += 1) {
    excerpt.push({ number, text: all[number - 1] ?? '', cited: number >= from && number <= to });
  }
  return { ...shown, excerpt };
}
