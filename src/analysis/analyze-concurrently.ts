import { analyzeOnWorkers } from './analysis-worker-pool.js';
import {
  analysisOfFiles,
  analyzeFile,
  type FileAnalysis,
  type FileAnalysisMemo,
  rememberedAnalyses,
  type WorkspaceAnalysis,
} from './analyze-workspace.js';
import { PARSED_SOURCE } from './parse-source.js';
import { shareFactStrings, stringSharer } from './share-fact-strings.js';
import { type StemsOfFile, textStemTable } from './workspace-vocabulary.js';

/**
 * Below this much JavaScript/TypeScript to parse (characters), worker threads cost more than they
 * save: two more heaps (~25 MB each) against the parser's garbage in this one, which grows with the
 * text (measured: 1k files of node_modules, 1.6 M characters, peak 176 MB on one thread and 205 MB
 * with workers at the same time; 5k files, 18.6 M characters, 385 MB against 305 MB).
 */
export const WORKER_MIN_CHARS = 8_000_000;

/**
 * A file longer than this (characters) is parsed on this thread, never on a worker. A worker's heap
 * is bounded (`WORKER_LIMITS`): a tree that outgrows it inside one native call (`JSON.parse` of
 * the parser's answer) aborts the whole process, not just the worker. Measured on the densest
 * texts (a statement, a member chain or an object every few characters): 256 K characters parse
 * within a 48 MB old space, half the workers' 96 MB; 1 M characters of `a;` do not fit in 96 MB.
 * The scan reads files up to 256 KB by default, so on a default scan every file may go.
 */
export const WORKER_MAX_FILE_CHARS = 256 * 1024;

/**
 * Which files the workers parse: JavaScript/TypeScript not answered by the memo, no longer than
 * `WORKER_MAX_FILE_CHARS`; their positions in `files` and their characters in all.
 */
export function workerPositions(
  files: readonly { path: string; text: string }[],
  results: readonly (FileAnalysis | undefined)[],
): { pending: number[]; chars: number } {
  const pending: number[] = [];
  let chars = 0;
  for (const [position, result] of results.entries()) {
    const file = files[position] as { path: string; text: string };
    if (result !== undefined || !PARSED_SOURCE.test(file.path)) continue;
    if (file.text.length > WORKER_MAX_FILE_CHARS) continue;
    pending.push(position);
    chars += file.text.length;
  }
  return { pending, chars };
}

/**
 * `analyzeWorkspace`, with the files to analyse parsed on worker threads when there is enough of
 * them (each file's analysis is a pure function of its path, text and the workspace's paths: a
 * worker answers what this thread would). Whatever a worker did not answer is analysed here.
 */
export async function analyzeWorkspaceConcurrently(
  files: readonly { path: string; text: string }[],
  memo?: FileAnalysisMemo,
  stemsOf?: StemsOfFile,
  minChars = WORKER_MIN_CHARS,
): Promise<WorkspaceAnalysis> {
  const paths = new Set(files.map((file) => file.path));
  const results = rememberedAnalyses(files, paths, memo);
  // Only what needs parsing goes to the workers; other files (`package.json` is read line by line)
  // and very long ones are analysed here.
  const { pending, chars } = workerPositions(files, results);
  // What a worker sends shares its strings again as its batch arrives: the copies it came with
  // die young instead of being promoted with the whole workspace's facts until every batch is in.
  const share = stringSharer();
  const working =
    chars >= minChars && pending.length > 1
      ? analyzeOnWorkers(
          pending.map((position) => files[position] as { path: string; text: string }),
          [...paths],
          undefined,
          (job, analysis) =>
            shareStrings(analysis, (files[pending[job] as number] as { path: string }).path, share),
        )
      : undefined;
  // The text's stems need no fact: this thread works them out while the workers parse.
  const stems = working === undefined ? stemsOf : await textStemTable(files, stemsOf);
  const analysed = await working;
  const fromWorkers = new Map<number, FileAnalysis | undefined>();
  for (const [at, position] of pending.entries()) fromWorkers.set(position, analysed?.[at]);
  for (const [position, file] of files.entries()) {
    if (results[position] !== undefined) continue;
    const result = fromWorkers.get(position) ?? analyzeFile(file.path, file.text, paths);
    memo?.set(file.path, result);
    results[position] = result;
  }
  return analysisOfFiles(files, results as FileAnalysis[], stems);
}

/**
 * What a worker sent is a copy: its facts' strings are replaced by one string per value (the
 * file's own path first), as the facts made on this thread share them (`shareFactStrings`).
 */
function shareStrings(analysis: FileAnalysis, path: string, share: (text: string) => string): void {
  analysis.status = share(analysis.status) as FileAnalysis['status'];
  share(path);
  shareFactStrings(analysis.facts, share);
}
