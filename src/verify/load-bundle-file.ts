import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { AggregateBundle, ReviewBundleFile } from '../contracts/index.js';
import { ReviewBundleFileSchema } from '../contracts/index.js';
import { locateYamlPath } from '../intent/locate-yaml-path.js';
import type { LaneProfile } from './lane-profile.js';

/** One thing wrong with a bundle file, located in its text. */
export interface BundleFileProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted field path (`claims[0].evidence_refs[1].lines`), `(root)`, or `json` for a syntax error. */
  field: string;
  message: string;
}

/** A bundle file that cannot be verified: each problem names the file, the field and line:col. */
export class BundleFileError extends Error {
  override readonly name = 'BundleFileError';
  readonly code = 'BUNDLE_INVALID';
  readonly isRetryable = false;
  readonly problems: BundleFileProblem[];

  constructor(problems: BundleFileProblem[], options: { cause?: unknown } = {}) {
    super(
      problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field}: ${p.message}`).join('\n'),
      options,
    );
    this.problems = problems;
  }

  static isInstance(error: unknown): error is BundleFileError {
    return error instanceof Error && error.name === 'BundleFileError';
  }
}

/** A parsed bundle file as the gate takes it. */
export interface LoadedBundleFile {
  file: ReviewBundleFile;
  aggregate: AggregateBundle;
  lanes: LaneProfile[] | undefined;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path)
    text += typeof segment === 'number' ? `[${segment}]` : `${text === '' ? '' : '.'}${String(segment)}`;
  return text === '' ? '(root)' : text;
}

function syntaxLocation(text: string, error: unknown): { line: number; column: number } {
  // Node's JSON.parse names no position for some errors; YAML (a superset) locates the same mistake.
  const yamlError = parseDocument(text, { lineCounter: new LineCounter() }).errors[0]?.linePos?.[0];
  if (yamlError !== undefined) return { line: yamlError.line, column: yamlError.col };
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn !== null) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position === null ? 0 : Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Parses a review bundle file (`REVIEW_BUNDLE_FORMAT`). Strict: JSON only, unknown fields are
 * errors (a typo must not silently drop evidence).
 *
 * @throws {BundleFileError} with one located problem per mistake.
 */
export function parseBundleFile(text: string, fileName: string): LoadedBundleFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const where = syntaxLocation(text, error);
    const message =
      error instanceof Error ? error.message.replace(/\s*\(line \d+ column \d+\)/, '') : 'invalid JSON';
    throw new BundleFileError([{ file: fileName, ...where, field: 'json', message }], { cause: error });
  }
  const parsed = ReviewBundleFileSchema.safeParse(json);
  if (!parsed.success) {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter });
    throw new BundleFileError(
      parsed.error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const path = [...issue.path, ...keys.slice(0, 1)];
        const where = locateYamlPath(document, path, lineCounter);
        const message =
          keys.length > 0 ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` : issue.message;
        return { file: fileName, line: where.line, column: where.column, field: fieldPath(path), message };
      }),
    );
  }
  const file = parsed.data;
  const bundles = file.bundles ?? [];
  return {
    file,
    aggregate: { bundles, claims: file.claims, duplicates_merged: file.duplicates_merged ?? 0 },
    lanes: file.lanes,
  };
}

/** Reads and parses a bundle file; `fileName` is how problems name it (default: the path). */
export async function loadBundleFile(path: string, fileName = path): Promise<LoadedBundleFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new BundleFileError(
      [{ file: fileName, line: 1, column: 1, field: '(root)', message: `cannot be read (${reason})` }],
      {
        cause: error,
      },
    );
  }
  return parseBundleFile(text, fileName);
}
