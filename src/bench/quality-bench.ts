import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from './measure.js';
import { generateQualitySet, HARMLESS_CLASSES, LIE_CLASSES } from './quality-cases.js';
import { estimateRate, evaluateCases, writeQualityWorkspace } from './quality-evaluate.js';

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** Non-test TypeScript files of this repository's own `src/`: real code, not test fixtures. */
export async function readSourceCorpus(limit: number): Promise<{ path: string; text: string }[]> {
  const root = fileURLToPath(new URL('../../src', import.meta.url));
  const found: string[] = [];
  async function walk(directory: string): Promise<void> {
    for (const entry of (await readdir(directory, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory() && entry.name !== 'fixtures') await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        found.push(full);
    }
  }
  await walk(root);
  const step = Math.max(1, Math.floor(found.length / limit));
  const picked = found.filter((_, index) => index % step === 0).slice(0, limit);
  return Promise.all(
    picked.map(async (file) => ({ path: path.relative(root, file), text: await readFile(file, 'utf8') })),
  );
}

/**
 * The Verify gate's quality on a labelled mutation set generated from this repository's `src/`:
 * per-class catch rate (lies) and false-alarm rate (harmless edits), precision, recall and F1 on
 * the unsupported class, and the estimated against the true hallucination rate of whole bundles.
 */
export async function benchQuality(fileCount: number): Promise<string> {
  const set = generateQualitySet(await readSourceCorpus(fileCount));
  const workspace = await writeQualityWorkspace(set);
  try {
    const outcomes = await evaluateCases(set, workspace.root);
    const rows: string[][] = [['class', 'kind', 'cases', 'flagged', 'rate']];
    for (const klass of [...LIE_CLASSES, ...HARMLESS_CLASSES]) {
      const of = outcomes.filter((outcome) => outcome.case.class === klass);
      const flagged = of.filter((outcome) => outcome.flagged).length;
      const lie = (LIE_CLASSES as readonly string[]).includes(klass);
      rows.push([
        klass,
        lie ? 'catch' : 'false alarm',
        String(of.length),
        String(flagged),
        percent(of.length === 0 ? 0 : flagged / of.length),
      ]);
    }
    const truePositive = outcomes.filter((outcome) => outcome.case.lie && outcome.flagged).length;
    const falsePositive = outcomes.filter((outcome) => !outcome.case.lie && outcome.flagged).length;
    const falseNegative = outcomes.filter((outcome) => outcome.case.lie && !outcome.flagged).length;
    const precision = truePositive / Math.max(1, truePositive + falsePositive);
    const recall = truePositive / Math.max(1, truePositive + falseNegative);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const rates: string[][] = [['true rate', 'estimated', '95 % interval', 'verdict']];
    for (const trueRate of [0, 0.05, 0.15, 0.3, 0.6]) {
      const trial = await estimateRate(set, workspace.root, trueRate, 40);
      rates.push([
        percent(trial.trueRate),
        percent(trial.estimated),
        `${percent(trial.interval[0])}–${percent(trial.interval[1])}`,
        trial.verdict,
      ]);
    }
    return [
      `${set.cases.length} labelled cases from ${fileCount} files of src/ (${LIE_CLASSES.length} lie classes, ${HARMLESS_CLASSES.length} harmless)`,
      formatTable(rows),
      '',
      `unsupported class: precision ${percent(precision)}, recall ${percent(recall)}, F1 ${f1.toFixed(3)}`,
      '',
      formatTable(rates),
    ].join('\n');
  } finally {
    await workspace.remove();
  }
}
