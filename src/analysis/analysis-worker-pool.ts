import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { FileAnalysis } from './analyze-workspace.js';

/** A batch: consecutive files up to this much text or this many files (a few ms of work each). */
const BATCH_CHARS = 256 * 1024;
const BATCH_FILES = 64;
/**
 * Each worker's heap: the parser's trees are its garbage, collected within this bound instead of
 * growing the main thread's heap. A worker that runs out between two steps stops and its batches
 * are analysed by the caller (the same function, the same answers); one that runs out inside a
 * single native call (`JSON.parse` of a huge tree) aborts the process, so files longer than
 * `WORKER_MAX_FILE_CHARS` never come here (decision 0071). The young space is 2 MB: a file's tree
 * dies within its batch, and a larger young space is touched all the same. At 5k files, cold
 * missions interleaved: peak RSS median 272 (8 MB) -> 260 (2 MB), the workers' CPU +8 % (0071).
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 2 };
/** Batches sent to a worker ahead of its answers. */
const IN_FLIGHT = 3;

interface Job {
  path: string;
  text: string;
}

/**
 * Analyses `jobs` (files of a workspace whose paths are `paths`) on worker threads, one per core
 * up to `most`, each running `analyzeFile` on batches of them. Resolves to each job's analysis in
 * order; a job whose worker failed is left undefined, for the caller to analyse itself. Undefined
 * when workers cannot run here (one core, or the TypeScript sources under test, which have no
 * compiled worker module): the caller analyses every job. `received` is given each analysis as
 * its batch arrives (in the same turn, before the next batch is asked for).
 */
export async function analyzeOnWorkers(
  jobs: readonly Job[],
  paths: readonly string[],
  most = 2,
  received?: (job: number, analysis: FileAnalysis) => void,
  limits: ResourceLimits = WORKER_LIMITS,
): Promise<(FileAnalysis | undefined)[] | undefined> {
  const threads = Math.min(most, availableParallelism());
  // From `dist/analysis/` (tsc) and from `dist/cli/` (the bundle) alike: the compiled module.
  const url = new URL('../analysis/analysis-worker.js', import.meta.url);
  if (threads < 2 || !import.meta.url.endsWith('.js') || !existsSync(url)) return undefined;
  const { Worker: WorkerThread } = createRequire(import.meta.url)(
    'node:worker_threads',
  ) as typeof import('node:worker_threads');
  const batches: [number, number][] = [];
  for (let first = 0; first < jobs.length; ) {
    let end = first;
    let chars = 0;
    while (end < jobs.length && end - first < BATCH_FILES && (end === first || chars < BATCH_CHARS)) {
      chars += (jobs[end] as Job).text.length;
      end += 1;
    }
    batches.push([first, end]);
    first = end;
  }
  const results = new Array<FileAnalysis | undefined>(jobs.length);
  if (batches.length === 0) return results;
  return new Promise((resolve) => {
    let next = 0;
    // Batches answered, or given up with the worker that had them: all settled, the pool is done.
    let settled = 0;
    let alive = 0;
    const workers: Worker[] = [];
    const finish = () => {
      for (const worker of workers) void worker.terminate();
      resolve(results);
    };
    const send = (worker: Worker, inFlight: Set<number>) => {
      if (next >= batches.length) return;
      const id = next;
      next += 1;
      inFlight.add(id);
      const [first, end] = batches[id] as [number, number];
      const files: [string, string][] = [];
      for (let at = first; at < end; at += 1) files.push([(jobs[at] as Job).path, (jobs[at] as Job).text]);
      worker.postMessage({ id, files });
    };
    for (let index = 0; index < Math.min(threads, batches.length); index += 1) {
      const worker = new WorkerThread(url, { workerData: { paths }, execArgv: [], resourceLimits: limits });
      const inFlight = new Set<number>();
      alive += 1;
      let gone = false;
      const lost = () => {
        if (gone) return;
        gone = true;
        alive -= 1;
        // Its batches in flight stay unanswered (undefined): the caller analyses those files. The
        // other workers go on with the batches not sent yet; once every batch is settled (or no
        // worker is left), the pool is done, however early this worker stopped.
        settled += inFlight.size;
        inFlight.clear();
        if (alive === 0 || settled === batches.length) finish();
      };
      worker.on('message', ({ id, results: analysed }: { id: number; results: FileAnalysis[] }) => {
        if (gone || !inFlight.delete(id)) return;
        const [first] = batches[id] as [number, number];
        for (const [offset, analysis] of analysed.entries()) {
          received?.(first + offset, analysis);
          results[first + offset] = analysis;
        }
        settled += 1;
        if (settled === batches.length) finish();
        else send(worker, inFlight);
      });
      worker.on('error', lost);
      worker.on('exit', lost);
      workers.push(worker);
      // A few batches in flight: the worker goes on while its answers wait for this thread's next
      // turn; no more, so the texts are not all copied into the workers' queues at once.
      for (let sent = 0; sent < IN_FLIGHT; sent += 1) send(worker, inFlight);
    }
  });
}
