import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AggregateBundle } from '../contracts/index.js';
import { draftReviewBundleText, finishReviewBundleText } from './review-bundle-draft.js';
import { reviewBundleText, type WriteReviewBundleOptions } from './write-review-bundle.js';

// Read by the redaction of every test below (compiled on first use): a secret occurring in one
// mission's date, so that date must come out redacted.
process.env.DRAFT_TEST_SECRET = '2026-12-02T10:11:12';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const loadAggregate = (): AggregateBundle =>
  JSON.parse(
    readFileSync(new URL('../verify/golden/sample-aggregate-4.json', import.meta.url), 'utf8'),
  ) as AggregateBundle;

const lane1 = { id: 'lane-1', model: 'fake:fake-model', persona: 'Skeptic' };
const lane2 = { id: 'lane-2', model: 'fake:other', persona: 'Builder' };
const options: WriteReviewBundleOptions & { cwd: string } = {
  cwd: '/work',
  missionId: 'mi_draft',
  workspace: 'workspace',
  commit: '0123456789abcdef0123456789abcdef01234567',
  lanes: [lane1, lane2],
};
const at = new Date('2026-12-02T09:00:00.000Z');

describe('a review bundle text drafted ahead', () => {
  it('is finished into exactly the text made whole', () => {
    const aggregate = deepFreeze(loadAggregate());
    const draft = draftReviewBundleText(aggregate, options);
    expect(draft).toBeDefined();
    const finished = finishReviewBundleText(draft, aggregate, { ...options, now: at });
    expect(finished).toBe(reviewBundleText(aggregate, { ...options, now: at }));
    expect(finished).toContain('"created_at": "2026-12-02T09:00:00.000Z"');
  });

  it('is not used for another aggregate, commit, mission, workspace or lanes', () => {
    const aggregate = deepFreeze(loadAggregate());
    const draft = draftReviewBundleText(aggregate, options);
    const other = deepFreeze({ ...loadAggregate(), duplicates_merged: 7 });
    const variants: WriteReviewBundleOptions[] = [
      { ...options, commit: undefined },
      { ...options, commit: 'ffffffffffffffffffffffffffffffffffffffff' },
      { ...options, missionId: 'mi_other' },
      { ...options, workspace: 'elsewhere' },
      { ...options, lanes: undefined },
      { ...options, lanes: [{ ...lane1, persona: 'Builder' }, lane2] },
    ];
    for (const variant of variants)
      expect(finishReviewBundleText(draft, aggregate, { ...variant, now: at })).toBe(
        reviewBundleText(aggregate, { ...variant, now: at }),
      );
    expect(finishReviewBundleText(draft, other, { ...options, now: at })).toBe(
      reviewBundleText(other, { ...options, now: at }),
    );
  });

  it('is made only of a frozen aggregate, and a redacted date is made whole', () => {
    expect(draftReviewBundleText(loadAggregate(), options)).toBeUndefined();
    const aggregate = deepFreeze(loadAggregate());
    const draft = draftReviewBundleText(aggregate, options);
    const secretDate = new Date('2026-12-02T10:11:12.000Z');
    const finished = finishReviewBundleText(draft, aggregate, { ...options, now: secretDate });
    expect(finished).toBe(reviewBundleText(aggregate, { ...options, now: secretDate }));
    expect(finished).toContain('"created_at": "[REDACTED]');
  });

  it('finds the top-level created_at, not text that spells it inside a claim', () => {
    const raw = loadAggregate();
    const claim = raw.claims[0] as AggregateBundle['claims'][number];
    const aggregate = deepFreeze({
      ...raw,
      claims: [{ ...claim, text: '\n  "created_at": "1970-01-01T00:00:00.000Z"' }, ...raw.claims.slice(1)],
    });
    const draft = draftReviewBundleText(aggregate, options);
    expect(draft).toBeDefined();
    expect(finishReviewBundleText(draft, aggregate, { ...options, now: at })).toBe(
      reviewBundleText(aggregate, { ...options, now: at }),
    );
  });
});
