import { readFileSync } from 'node:fs';
import { buildSysmlModel } from '../sysml/build-sysml-model.js';
import { listCorpusFiles } from '../sysml/corpus-files.js';
import { parseSysml } from '../sysml/parse-sysml.js';
import { formatTable } from './measure.js';

/** Issue 13: the whole release corpus parses and resolves in one process in under two seconds. */
const targetSeconds = 2;
const runs = 5;

interface SysmlRun {
  parseSeconds: number;
  resolveSeconds: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Parses every file of the shipped SysML v2 release corpus (examples, training, validation, KerML
 * examples and the library) and resolves it as one model per top-level folder, in this process,
 * `runs` times: the first (cold) run and the median of all, parse lines/s, resolve lines/s, the peak
 * RSS seen, and the 2 s target beside the median of parse + resolve.
 */
export function benchSysml(): string {
  const files = listCorpusFiles().map((file) => ({ ...file, text: readFileSync(file.path, 'utf8') }));
  const lines = files.reduce((total, file) => total + file.text.split('\n').length, 0);
  let peakRss = process.memoryUsage().rss;
  const results: SysmlRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const parseStarted = performance.now();
    const parsed = files.map((file) => ({ file, result: parseSysml(file.text, { file: file.name }) }));
    const parseSeconds = (performance.now() - parseStarted) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const resolveStarted = performance.now();
    for (const top of ['sysml', 'kerml', 'sysml.library']) {
      const documents = parsed
        .filter((entry) => entry.file.name.startsWith(`${top}/`))
        .map((entry) => entry.result.document);
      const model = buildSysmlModel(documents);
      model.definitions();
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    results.push({ parseSeconds, resolveSeconds: (performance.now() - resolveStarted) / 1000 });
  }
  const row = (label: string, parseSeconds: number, resolveSeconds: number): string[] => {
    const total = parseSeconds + resolveSeconds;
    return [
      label,
      String(files.length),
      String(lines),
      parseSeconds.toFixed(2),
      Math.round(lines / parseSeconds).toLocaleString('en-US'),
      resolveSeconds.toFixed(2),
      Math.round(lines / resolveSeconds).toLocaleString('en-US'),
      `${total.toFixed(2)} (target < ${targetSeconds} s ${total < targetSeconds ? '✓' : '✗'})`,
      (peakRss / 2 ** 20).toFixed(0),
    ];
  };
  const first = results[0] as SysmlRun;
  return formatTable([
    [
      'run',
      'files',
      'lines',
      'parse s',
      'parse lines/s',
      'resolve s',
      'resolve lines/s',
      'parse + resolve s',
      'peak RSS MiB',
    ],
    row('first (cold)', first.parseSeconds, first.resolveSeconds),
    row(
      `median of ${runs}`,
      median(results.map((run) => run.parseSeconds)),
      median(results.map((run) => run.resolveSeconds)),
    ),
  ]);
}
