import { readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  Claim,
  ClaimGrounding,
  EvidenceRef,
  FileEvidenceRef,
  MetricEvidenceRef,
  UrlEvidenceRef,
} from '../contracts/index.js';
import { formatEvidenceRef, normalizeEvidencePath } from '../contracts/index.js';
import { checkFileLines } from './check-file-lines.js';
import { groundingKey, regrounded } from './content-keys.js';
import { decideGrounding } from './decide-grounding.js';
import { readFileAtCommit } from './git-file-at-commit.js';
import { inspectClaim } from './inspect-claim.js';
import { limitConcurrency } from './limit-concurrency.js';
import type {
  GroundingResolver,
  GroundingResolverOptions,
  RefProblem,
  RefResolution,
} from './ref-resolution.js';
import { outcomeOfProblem } from './ref-resolution.js';
import { resolveMetricRef } from './resolve-metric-ref.js';
import { resolveUrlRef } from './resolve-url-ref.js';
import { sharedFileLines } from './shared-file-lines.js';
import { VerifyError } from './verify-error.js';
import { errorCode, locateWorkspaceFile, UNREADABLE_FILE_CODES } from './workspace-file.js';

/** Files read at once per resolver: well under any descriptor limit, enough to keep the disk busy. */
const MAX_PARALLEL_READS = 32;
/**
 * Files up to this size are read synchronously (decision 0034): the read is a few microseconds, the
 * promise round trip through the thread pool several times that in CPU. Larger ones stay async.
 */
const MAX_SYNC_READ_BYTES = 1 << 20;

/** A file's lines, or why they cannot be read. */
export type FileLookup = { ok: true; lines: readonly string[] } | { ok: false; problem: RefProblem };

function failed(ref: EvidenceRef, problems: RefProblem[]): RefResolution {
  const first = problems[0];
  const outcome = first === undefined ? 'VERIFIED' : outcomeOfProblem(first.code);
  return { ref, status: outcome === 'UNVERIFIABLE' ? 'unverifiable' : 'unresolved', outcome, problems };
}

/**
 * Creates the deterministic grounding resolver: no model, no network unless `fetchContent` is
 * given. It resolves each ref to an outcome (`VERIFIED`, `WHITESPACE_ONLY`, `RELOCATED`, or why not)
 * and checks that the claim's text is supported by the resolved evidence (decision 0009). File
 * reads are cached for the resolver's lifetime, so one resolver sees one snapshot of the workspace.
 *
 * @example
 * const resolver = createGroundingResolver({ workspace: '/abs/repo' });
 * const grounding = await resolver.groundClaim(claim); // { status: 'grounded' | 'unsupported' | …, refs, … }
 */
export function createGroundingResolver(options: GroundingResolverOptions): GroundingResolver {
  const { workspace } = options;
  if (!path.isAbsolute(workspace)) {
    throw new VerifyError('WORKSPACE_NOT_ABSOLUTE', `workspace must be an absolute path, got ${workspace}`);
  }
  let workspaceRealPath: Promise<string> | undefined;
  const files = new Map<string, Promise<FileLookup>>();
  const limit = limitConcurrency(MAX_PARALLEL_READS);

  function realWorkspace(): Promise<string> {
    workspaceRealPath ??= (async () => realpathSync.native(workspace))().catch((error: unknown) => {
      throw new VerifyError('WORKSPACE_NOT_FOUND', `workspace ${workspace} cannot be opened`, {
        cause: error,
      });
    });
    return workspaceRealPath;
  }

  async function lookUpFile(relativePath: string, commit: string | undefined): Promise<FileLookup> {
    const root = await realWorkspace();
    const location = locateWorkspaceFile(root, relativePath);
    if (
      commit !== undefined &&
      options.useGit !== false &&
      (location.ok || location.problem.code === 'file-missing')
    ) {
      const text = await readFileAtCommit(root, commit, relativePath);
      if (text !== undefined) return { ok: true, lines: sharedFileLines(text) };
    }
    if (!location.ok) return location;
    try {
      const text =
        location.size <= MAX_SYNC_READ_BYTES
          ? readFileSync(location.absolute, 'utf8')
          : await readFile(location.absolute, 'utf8');
      return { ok: true, lines: sharedFileLines(text) };
    } catch (error) {
      // Permissions can deny a read after the file was found: the ref fails, the gate goes on.
      const code = errorCode(error);
      if (code === undefined || !UNREADABLE_FILE_CODES.has(code)) throw error;
      return { ok: false, problem: { code: 'file-unreadable', message: `cannot be read (${code})` } };
    }
  }

  function readFileLines(relativePath: string, commit?: string): Promise<FileLookup> {
    const key = commit === undefined ? relativePath : `${relativePath}@${commit}`;
    let lookup = files.get(key);
    if (lookup === undefined) {
      lookup = limit(() => lookUpFile(relativePath, commit));
      files.set(key, lookup);
    }
    return lookup;
  }

  async function resolveFile(given: FileEvidenceRef): Promise<RefResolution> {
    const ref = { ...given, path: normalizePath(given.path) };
    const lookup = await readFileLines(ref.path, ref.commit);
    if (!lookup.ok) {
      return failed(given, [
        { ...lookup.problem, message: `${formatEvidenceRef(given)} ${lookup.problem.message}` },
      ]);
    }
    const check = checkFileLines(lookup.lines, ref);
    const resolution: RefResolution = {
      ...failed(given, check.problems),
      outcome: check.outcome,
      ...(check.relocatedLines === undefined ? {} : { relocatedLines: check.relocatedLines }),
      ...(ref.commit === undefined ? {} : { commit: ref.commit }),
    };
    return check.problems.length === 0
      ? { ...resolution, status: 'resolved', text: check.text ?? '' }
      : resolution;
  }

  /**
   * Refs resolved so far, by identity (one snapshot: a ref resolves the same way twice). Verify
   * resolves each claim's refs for grounding and again for instruction-like evidence.
   */
  const resolved = new WeakMap<object, Promise<RefResolution>>();
  /** Spellings of paths seen so far → the one spelling (a round cites few files many times). */
  const normalizedPaths = new Map<string, string>();

  function normalizePath(given: string): string {
    let normalized = normalizedPaths.get(given);
    if (normalized === undefined) {
      normalized = normalizeEvidencePath(given);
      normalizedPaths.set(given, normalized);
    }
    return normalized;
  }

  function resolveRef(ref: EvidenceRef): Promise<RefResolution> {
    if (typeof ref !== 'object' || ref === null) return resolveRefOnce(ref);
    let resolution = resolved.get(ref);
    if (resolution === undefined) {
      resolution = resolveRefOnce(ref);
      resolved.set(ref, resolution);
    }
    return resolution;
  }

  async function resolveRefOnce(ref: EvidenceRef): Promise<RefResolution> {
    if (ref?.kind === 'file' && Array.isArray(ref.lines) && ref.lines[0] > ref.lines[1]) {
      const message = `${formatEvidenceRef(ref)} line range reversed (start after end)`;
      return failed(ref, [{ code: 'range-invalid', message }]);
    }
    const inspected = inspectClaim({ id: 'ref', lane_id: 'ref', text: 'ref', evidence_refs: [ref] }, 0);
    if (inspected.problems.length > 0) {
      return failed(ref, [
        { code: 'malformed-ref', message: `malformed ref: ${inspected.problems.join('; ')}` },
      ]);
    }
    switch (ref.kind) {
      case 'file':
        return resolveFile(ref);
      case 'url':
        return resolveUrlRef(ref as UrlEvidenceRef, options);
      case 'metric':
        return resolveMetricRef(ref as MetricEvidenceRef, options, async (relativePath) => {
          const lookup = await readFileLines(normalizeEvidencePath(relativePath));
          return lookup.ok ? lookup.lines.join('\n') : undefined;
        });
    }
  }

  /**
   * Claims grounded so far, by what their grounding is decided from ({@link groundingKey}): 64
   * lanes stating the same thing on the same lines are one grounding, each answer under its own id
   * and lane, and each of their refs answered from the first's (same content, one snapshot).
   * A grounding whose missing tokens were redacted is decided again: redaction reads the secrets of
   * the moment.
   */
  const groundedByContent = new Map<
    string,
    { resolutions: Promise<RefResolution>[]; grounding: ClaimGrounding | undefined }
  >();

  async function groundClaim(claim: Claim): Promise<ClaimGrounding> {
    const inspected = inspectClaim(claim, 0);
    const refs = inspected.claim.evidence_refs;
    const key = groundingKey(inspected.claim, inspected.problems);
    const known = key === undefined ? undefined : groundedByContent.get(key);
    if (known !== undefined) {
      refs.forEach((ref, index) => {
        const first = known.resolutions[index];
        if (first !== undefined && !resolved.has(ref)) {
          resolved.set(
            ref,
            first.then((answer) => ({ ...answer, ref })),
          );
        }
      });
      if (known.grounding !== undefined) return regrounded(known.grounding, inspected.claim);
    }
    const pending = refs.map(resolveRef);
    const grounding = decideGrounding(inspected.claim, await Promise.all(pending), inspected.problems);
    if (key !== undefined && known === undefined) {
      const kept =
        grounding.missing_tokens === undefined ? regrounded(grounding, inspected.claim) : undefined;
      groundedByContent.set(key, { resolutions: pending, grounding: kept });
    }
    return grounding;
  }

  async function readLines(relativePath: string): Promise<readonly string[] | undefined> {
    const lookup = await readFileLines(normalizeEvidencePath(relativePath));
    return lookup.ok ? lookup.lines : undefined;
  }

  return { workspace, resolveRef, groundClaim, readLines };
}
