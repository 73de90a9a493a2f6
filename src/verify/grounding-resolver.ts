import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type {
  Claim,
  ClaimGrounding,
  EvidenceRef,
  FileEvidenceRef,
  MetricEvidenceRef,
  UrlEvidenceRef,
} from '../contracts/index.js';
import { formatEvidenceRef, sha256Hex, splitLines } from '../contracts/index.js';
import { checkFileLines } from './check-file-lines.js';
import { limitConcurrency } from './limit-concurrency.js';
import { isKnownMetricSource } from './metric-source.js';
import { containsQuote } from './quote-match.js';
import type {
  GroundingResolver,
  GroundingResolverOptions,
  RefProblem,
  RefResolution,
} from './ref-resolution.js';
import { VerifyError } from './verify-error.js';
import { errorCode, locateWorkspaceFile, UNREADABLE_FILE_CODES } from './workspace-file.js';

/** Files read at once per resolver: well under any descriptor limit, enough to keep the disk busy. */
const MAX_PARALLEL_READS = 32;

type FileLookup = { ok: true; lines: string[] } | { ok: false; problem: RefProblem };
type UrlLookup = { ok: true; body: string } | { ok: false; problem: RefProblem };

/**
 * Creates the deterministic grounding resolver: no model, no network unless `fetchContent` is given.
 * File reads (and fetched URLs) are cached for the resolver's lifetime, so one resolver sees one
 * consistent snapshot of the workspace; create a fresh one to re-read.
 *
 * @example
 * const resolver = createGroundingResolver({ workspace: '/abs/repo' });
 * const grounding = await resolver.groundClaim(claim); // { status: 'grounded' | 'ungrounded' | 'unresolved', … }
 */
export function createGroundingResolver(options: GroundingResolverOptions): GroundingResolver {
  const { workspace, fetchContent, metricSources = [] } = options;
  if (!path.isAbsolute(workspace)) {
    throw new VerifyError('WORKSPACE_NOT_ABSOLUTE', `workspace must be an absolute path, got ${workspace}`);
  }
  let workspaceRealPath: Promise<string> | undefined;
  const files = new Map<string, Promise<FileLookup>>();
  const urls = new Map<string, Promise<UrlLookup>>();
  const limit = limitConcurrency(MAX_PARALLEL_READS);

  function realWorkspace(): Promise<string> {
    workspaceRealPath ??= realpath(workspace).catch((error: unknown) => {
      throw new VerifyError('WORKSPACE_NOT_FOUND', `workspace ${workspace} cannot be opened`, {
        cause: error,
      });
    });
    return workspaceRealPath;
  }

  async function lookUpFile(relativePath: string): Promise<FileLookup> {
    const location = await locateWorkspaceFile(await realWorkspace(), relativePath);
    if (!location.ok) return location;
    try {
      return { ok: true, lines: splitLines(await readFile(location.absolute, 'utf8')) };
    } catch (error) {
      // Permissions can deny a read after the file was found: the ref fails, the gate goes on.
      const code = errorCode(error);
      if (code === undefined || !UNREADABLE_FILE_CODES.has(code)) throw error;
      return { ok: false, problem: { code: 'file-unreadable', message: `cannot be read (${code})` } };
    }
  }

  function readLines(relativePath: string): Promise<FileLookup> {
    let lookup = files.get(relativePath);
    if (lookup === undefined) {
      lookup = limit(() => lookUpFile(relativePath));
      files.set(relativePath, lookup);
    }
    return lookup;
  }

  async function resolveFile(ref: FileEvidenceRef): Promise<RefProblem[]> {
    const lookup = await readLines(ref.path);
    if (!lookup.ok)
      return [{ ...lookup.problem, message: `${formatEvidenceRef(ref)} ${lookup.problem.message}` }];
    return checkFileLines(lookup.lines, ref);
  }

  function fetchBody(url: string, fetcher: (url: string) => Promise<string>): Promise<UrlLookup> {
    let lookup = urls.get(url);
    if (lookup === undefined) {
      // A failed fetch is the ref's problem, reported on the claim, not an error of the gate.
      lookup = fetcher(url).then(
        (body): UrlLookup => ({ ok: true, body }),
        (error: unknown): UrlLookup => ({
          ok: false,
          problem: {
            code: 'url-fetch-failed',
            message: `${url} could not be fetched (${error instanceof Error ? error.message : String(error)})`,
          },
        }),
      );
      urls.set(url, lookup);
    }
    return lookup;
  }

  async function resolveUrl(ref: UrlEvidenceRef): Promise<RefProblem[]> {
    if (fetchContent === undefined) {
      return [{ code: 'url-unverifiable', message: `${ref.url}: url evidence not verifiable offline` }];
    }
    const lookup = await fetchBody(ref.url, fetchContent);
    if (!lookup.ok) return [lookup.problem];
    const problems: RefProblem[] = [];
    if (sha256Hex(lookup.body) !== ref.content_sha256) {
      problems.push({
        code: 'content-sha256-mismatch',
        message: `${ref.url} content sha256 mismatch (page changed or ref forged)`,
      });
    }
    if (!containsQuote(lookup.body, ref.quote)) {
      problems.push({
        code: 'quote-not-found',
        message: `${ref.url} quote not found in the fetched content`,
      });
    }
    return problems;
  }

  async function resolveMetric(ref: MetricEvidenceRef): Promise<RefProblem[]> {
    if (isKnownMetricSource(ref.source, metricSources)) return [];
    const lookup = await readLines(ref.source);
    if (lookup.ok) return [];
    return [
      {
        code: 'metric-source-unknown',
        message: `${formatEvidenceRef(ref)}: source is neither a known tool nor a workspace file (${ref.source} ${lookup.problem.message})`,
      },
    ];
  }

  async function resolveRef(ref: EvidenceRef): Promise<RefResolution> {
    const problems =
      ref.kind === 'file'
        ? await resolveFile(ref)
        : ref.kind === 'url'
          ? await resolveUrl(ref)
          : await resolveMetric(ref);
    return { ref, status: problems.length === 0 ? 'resolved' : 'unresolved', problems };
  }

  async function groundClaim(claim: Claim): Promise<ClaimGrounding> {
    const base = { claim_id: claim.id, lane_id: claim.lane_id };
    if (claim.evidence_refs.length === 0) {
      return { ...base, status: 'ungrounded', problems: ['claim has no evidence refs'] };
    }
    const resolutions = await Promise.all(claim.evidence_refs.map(resolveRef));
    const problems = resolutions.flatMap((resolution) =>
      resolution.problems.map((problem) => problem.message),
    );
    return { ...base, status: problems.length === 0 ? 'grounded' : 'unresolved', problems };
  }

  return { workspace, resolveRef, groundClaim };
}
