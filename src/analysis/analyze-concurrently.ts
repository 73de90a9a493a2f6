import { analyzeOnWorkers } from './analysis-worker-pool.js';
import {
  analysisOfFiles,
  analyzeFile,
  type FileAnalysis,
  type FileAnalysisMemo,
  rememberedAnalyses,
  type WorkspaceAnalysis,
} from './analyze-workspace.js';
import { type StemsOfFile, textStemTable } from './workspace-vocabulary.js';

/** Below this much text to parse, worker threads cost more to start than they save. */
export const WORKER_MIN_CHARS = 2 * 1024 * 1024;

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
  const pending: number[] = [];
  let chars = 0;
  for (const [position, result] of results.entries()) {
    if (result !== undefined) continue;
    pending.push(position);
    chars += (files[position] as { text: string }).text.length;
  }
  const working =
    chars >= minChars && pending.length > 1
      ? analyzeOnWorkers(
          pending.map((position) => files[position] as { path: string; text: string }),
          [...paths],
        )
      : undefined;
  // The text's stems need no fact: this thread works them out while the workers parse.
  const stems = working === undefined ? stemsOf : await textStemTable(files, stemsOf);
  const analysed = await working;
  for (const [at, position] of pending.entries()) {
    const file = files[position] as { path: string; text: string };
    const result: FileAnalysis = analysed?.[at] ?? analyzeFile(file.path, file.text, paths);
    memo?.set(file.path, result);
    results[position] = result;
  }
  return analysisOfFiles(files, results as FileAnalysis[], stems);
}
