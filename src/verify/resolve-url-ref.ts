import type { UrlEvidenceRef } from '../contracts/index.js';
import { sha256Hex } from '../contracts/index.js';
import { isNearEmptyEvidence } from './check-support.js';
import type { GroundingResolverOptions, RefProblem, RefResolution } from './ref-resolution.js';
import { outcomeOfProblem } from './ref-resolution.js';
import { containsOnBoundary } from './token-match.js';

function result(ref: UrlEvidenceRef, problems: RefProblem[], text?: string): RefResolution {
  const first = problems[0];
  if (first === undefined)
    return { ref, status: 'resolved', outcome: 'VERIFIED', problems, text: text ?? '' };
  const outcome = outcomeOfProblem(first.code);
  return { ref, status: outcome === 'UNVERIFIABLE' ? 'unverifiable' : 'unresolved', outcome, problems };
}

/**
 * A url ref resolves against Perceive's content-addressed snapshot of the page (body by sha256),
 * else against a live fetch when one is allowed, else it is `UNVERIFIABLE`. The quote must occur
 * in the body on token boundaries; the quote is the evidence text the claim is checked against.
 */
export async function resolveUrlRef(
  ref: UrlEvidenceRef,
  options: Pick<GroundingResolverOptions, 'readSnapshot' | 'fetchContent'>,
): Promise<RefResolution> {
  let body = await options.readSnapshot?.(ref.content_sha256);
  if (body === undefined && options.fetchContent !== undefined) {
    try {
      body = await options.fetchContent(ref.url);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return result(ref, [
        { code: 'url-fetch-failed', message: `${ref.url} could not be fetched (${reason})` },
      ]);
    }
  }
  if (body === undefined) {
    return result(ref, [
      {
        code: 'url-unverifiable',
        message: `${ref.url}: no stored snapshot of this page; not verifiable offline`,
      },
    ]);
  }
  if (sha256Hex(body) !== ref.content_sha256) {
    return result(ref, [
      {
        code: 'content-sha256-mismatch',
        message: `${ref.url} content sha256 mismatch (page changed or ref forged)`,
      },
    ]);
  }
  if (!containsOnBoundary(body, ref.quote)) {
    return result(ref, [{ code: 'quote-not-found', message: `${ref.url} quote not found in the page` }]);
  }
  if (isNearEmptyEvidence(ref.quote)) {
    return result(ref, [{ code: 'empty-evidence', message: `${ref.url} quote is blank or near-empty` }]);
  }
  return result(ref, [], ref.quote);
}
