import { readFileSync } from 'node:fs';
import { buildSysmlModel } from '../sysml/build-sysml-model.js';
import { listCorpusFiles } from '../sysml/corpus-files.js';
import { parseSysml } from '../sysml/parse-sysml.js';
import { formatTable } from './measure.js';

/**
 * Parses every file of the shipped SysML v2 release corpus (examples, training, validation, KerML
 * examples and the library) and resolves it as one model per top-level folder, in this process:
 * parse lines/s, resolve lines/s and the peak RSS seen.
 */
export function benchSysml(): string {
  const files = listCorpusFiles().map((file) => ({ ...file, text: readFileSync(file.path, 'utf8') }));
  const lines = files.reduce((total, file) => total + file.text.split('\n').length, 0);
  let peakRss = process.memoryUsage().rss;
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
  const resolveSeconds = (performance.now() - resolveStarted) / 1000;
  return formatTable([
    ['files', 'lines', 'parse s', 'parse lines/s', 'resolve s', 'resolve lines/s', 'peak RSS MiB'],
    [
      String(files.length),
      String(lines),
      parseSeconds.toFixed(2),
      Math.round(lines / parseSeconds).toLocaleString('en-US'),
      resolveSeconds.toFixed(2),
      Math.round(lines / resolveSeconds).toLocaleString('en-US'),
      (peakRss / 2 ** 20).toFixed(0),
    ],
  ]);
}
