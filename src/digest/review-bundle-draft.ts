import { redactText } from '../blackboard/index.js';
import type { AggregateBundle, BundleLane } from '../contracts/index.js';
import { reviewBundleText, type WriteReviewBundleOptions } from './write-review-bundle.js';

/** What a review bundle's text is made of, besides the aggregate and its `created_at`. */
export type ReviewBundleDraftOptions = Pick<
  WriteReviewBundleOptions,
  'missionId' | 'workspace' | 'commit'
> & {
  lanes?: readonly BundleLane[] | undefined;
};

/**
 * A review bundle's text made ahead (under a wait), all of it but its `created_at`: the text before
 * and after that value. Made only of a frozen aggregate, which cannot change before it is written.
 */
export interface ReviewBundleDraft {
  readonly aggregate: AggregateBundle;
  readonly options: ReviewBundleDraftOptions;
  readonly head: string;
  readonly tail: string;
}

/** The `created_at` the draft is made with; replaced when the text is finished. */
const PLACEHOLDER = new Date(0);

/**
 * The text {@link reviewBundleText} makes for `aggregate` and `options`, without its `created_at`
 * (known only when the bundle is written). Undefined when the aggregate is not frozen or the
 * placeholder date would itself be redacted (then the text is made whole, later).
 */
export function draftReviewBundleText(
  aggregate: AggregateBundle,
  options: ReviewBundleDraftOptions,
): ReviewBundleDraft | undefined {
  if (!Object.isFrozen(aggregate)) return undefined;
  const placeholder = PLACEHOLDER.toISOString();
  if (redactText(placeholder) !== placeholder) return undefined;
  const text = reviewBundleText(aggregate, { ...options, cwd: '', now: PLACEHOLDER });
  // A top-level key: two spaces after a newline (no string value holds a raw newline, a nested key
  // is indented further), and a top-level key occurs once.
  const field = `\n  "created_at": "${placeholder}"`;
  const at = text.indexOf(field);
  if (at < 0) return undefined;
  const start = at + field.length - placeholder.length - 1;
  return {
    aggregate,
    options: { ...options, ...(options.lanes === undefined ? {} : { lanes: [...options.lanes] }) },
    head: text.slice(0, start),
    tail: text.slice(start + placeholder.length),
  };
}

function sameLanes(
  left: readonly BundleLane[] | undefined,
  right: readonly BundleLane[] | undefined,
): boolean {
  if (left === undefined || right === undefined) return left === right;
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * Exactly `reviewBundleText(aggregate, options)`: from the draft when it was made of this very
 * (frozen) aggregate and the same options, with `created_at` set now, else made whole.
 */
export function finishReviewBundleText(
  draft: ReviewBundleDraft | undefined,
  aggregate: AggregateBundle,
  options: WriteReviewBundleOptions,
): string {
  const created = (options.now ?? new Date()).toISOString();
  const reusable =
    draft !== undefined &&
    draft.aggregate === aggregate &&
    draft.options.missionId === options.missionId &&
    draft.options.workspace === options.workspace &&
    draft.options.commit === options.commit &&
    sameLanes(draft.options.lanes, options.lanes) &&
    // The date is a string of the file like any other: redacted if a secret occurs in it.
    redactText(created) === created;
  if (!reusable) return reviewBundleText(aggregate, { ...options, now: new Date(created) });
  return `${draft.head}${created}${draft.tail}`;
}
