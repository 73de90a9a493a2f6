import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type FileAnalysis } from './analyze-workspace.js';

/**
 * A worker thread of `analysis-worker-pool.ts`: analyses the batches of files it is sent against
 * the workspace's paths (given once, at its start) and sends back their analyses, plain data.
 */
const paths = new Set(workerData.paths as string[]);
parentPort?.on('message', ({ id, files }: { id: number; files: [string, string][] }) => {
  const results: FileAnalysis[] = files.map(([path, text]) => analyzeFile(path, text, paths));
  parentPort?.postMessage({ id, results });
});
