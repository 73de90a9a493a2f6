import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSourceCorpus } from './quality-bench.js';
import { generateQualitySet, HARMLESS_CLASSES, LIE_CLASSES, type QualitySet } from './quality-cases.js';
import { type CaseOutcome, estimateRate, evaluateCases, writeQualityWorkspace } from './quality-evaluate.js';

describe('Verify quality on a mutation set generated from src/', () => {
  let set: QualitySet;
  let workspace: { root: string; remove: () => Promise<void> };
  let outcomes: CaseOutcome[];
  beforeAll(async () => {
    set = generateQualitySet(await readSourceCorpus(12));
    workspace = await writeQualityWorkspace(set);
    outcomes = await evaluateCases(set, workspace.root);
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('generates every class from several real files', () => {
    expect(new Set(set.cases.map((entry) => entry.class))).toEqual(
      new Set([...LIE_CLASSES, ...HARMLESS_CLASSES]),
    );
    expect(set.cases.length).toBeGreaterThanOrEqual(5 * (LIE_CLASSES.length + HARMLESS_CLASSES.length));
  });

  it.each(LIE_CLASSES)('catches every %s case', (klass) => {
    const missed = outcomes.filter((outcome) => outcome.case.class === klass && !outcome.flagged);
    expect(
      missed.map((outcome) => `${outcome.case.claim.text} ${JSON.stringify(outcome.grounding)}`),
    ).toEqual([]);
  });

  it.each(HARMLESS_CLASSES)('does not flag a %s case', (klass) => {
    const alarms = outcomes.filter((outcome) => outcome.case.class === klass && outcome.flagged);
    expect(
      alarms.map((outcome) => `${outcome.case.claim.text} ${outcome.grounding.problems.join('; ')}`),
    ).toEqual([]);
  });

  it.each([0, 0.05, 0.15, 0.3, 0.6])('estimates a true rate of %f within its interval', async (trueRate) => {
    const trial = await estimateRate(set, workspace.root, trueRate, 40);
    expect(trial.interval[0]).toBeLessThanOrEqual(trial.trueRate);
    expect(trial.interval[1]).toBeGreaterThanOrEqual(trial.trueRate);
    expect(trial.estimated).toBeCloseTo(trial.trueRate, 5);
  });
});
