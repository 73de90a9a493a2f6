import { resolve } from 'node:path';
import { redactSecrets } from '../blackboard/index.js';
import type {
  AggregateBundle,
  Digest,
  MissionIntent,
  RunEvent,
  RunStep,
  VerifyReport,
} from '../contracts/index.js';
import type { ReviewBundleDraft, RunDigestReservation } from '../digest/index.js';
import {
  buildDigestInTurns,
  draftReviewBundleText,
  finishReviewBundleText,
  REVIEW_BUNDLE_FILE_NAME,
  reserveRunDigest,
} from '../digest/index.js';
import type { DurableJournal } from '../durable/index.js';
import type { ScanReport, WorkspaceIndex } from '../tools/index.js';
import { readHeadCommit } from '../verify/git-file-at-commit.js';
import type { LaneProfile } from '../verify/index.js';
import { SWARMLORD_LANE_ID } from './run-verify-round.js';
import type { UsageMeter } from './usage-meter.js';

export interface MissionDigestOptions {
  intent: MissionIntent;
  cwd: string;
  aggregate: AggregateBundle;
  reports: VerifyReport[];
  laneRuns: RunStep[];
  engines: ReadonlySet<string>;
  partial: boolean;
  partialReason?: string | undefined;
  blockers: string[];
  reactDomains: Record<string, string>;
  coverage: ScanReport;
  index: WorkspaceIndex;
  meter: UsageMeter;
  lanes: LaneProfile[];
  traceId?: string | undefined;
  now: () => Date;
  emit: (event: RunEvent) => Promise<void>;
  /**
   * The event that follows `digest-write` (the mission's end), and how to hand both on together
   * (the bus's `emitAll`): when no journal entry comes between them (none is kept, or the digest
   * is partial), they share one group commit (decision 0060) and `ended` is true.
   */
  end?:
    | { event: (digest: Digest) => RunEvent; emitAll: (events: readonly RunEvent[]) => Promise<void>[] }
    | undefined;
  /** A full digest is journaled (a resume after it only ends the mission); a partial one never is. */
  journal?: DurableJournal | undefined;
  /**
   * Settles once the last Verify round's receipt is durable: the digest is built meanwhile and its
   * texts are written into the reserved temps (decision 0072); no digest file is put in place and
   * nothing is emitted before it (a rejection fails the digest and discards the temps).
   */
  after?: Promise<void> | undefined;
  /** False: build the digest only, write no files and emit no `digest-write` (library callers). */
  writeFiles?: boolean | undefined;
  /** The review bundle's text drafted ahead ({@link draftMissionBundle}); used only if it is of the same inputs. */
  bundleDraft?: Promise<ReviewBundleDraft | undefined> | undefined;
  /**
   * The run folder and the files' temps made ahead ({@link reserveMissionDigest}); used, or
   * discarded when no file is written. One that failed is made again here.
   */
  reservation?: Promise<RunDigestReservation> | undefined;
}

/**
 * The digest's run folder claimed and its files' temps created while the judges are out (decision
 * 0072): the slow metadata calls of the write leave the mission's tail. Only temps exist until the
 * digest is published, after the Verify receipt is durable.
 */
export function reserveMissionDigest(options: {
  cwd: string;
  intent: MissionIntent;
}): Promise<RunDigestReservation> {
  const reserved = reserveRunDigest(options.intent.mission_id, {
    cwd: options.cwd,
    dir: options.intent.outputs.digest_dir,
    besideNames: [REVIEW_BUNDLE_FILE_NAME],
  });
  // Handled here: a failed reservation is made again when the digest is written.
  reserved.catch(() => undefined);
  return reserved;
}

/** A reservation let go (nothing of it is left but folders another writer filled); a failed one has nothing to let go. */
export async function discardReservation(reserved: Promise<RunDigestReservation> | undefined): Promise<void> {
  await reserved?.then(
    (reservation) => reservation.discard(),
    () => undefined,
  );
}

/**
 * The review bundle's text for `aggregate`, drafted while the judges are out (decision 0058): the
 * workspace's HEAD as it is now, the lanes as they ran. `writeMissionDigest` reads HEAD again and
 * uses the draft only when nothing it was made of changed.
 */
export function draftMissionBundle(
  aggregate: AggregateBundle,
  options: { cwd: string; intent: MissionIntent; lanes: LaneProfile[] },
): Promise<ReviewBundleDraft | undefined> {
  const { intent } = options;
  return readHeadCommit(resolve(options.cwd, intent.workspace))
    .then((commit) =>
      draftReviewBundleText(aggregate, {
        missionId: intent.mission_id,
        workspace: intent.workspace,
        commit,
        lanes: options.lanes,
      }),
    )
    .catch(() => undefined);
}

/** Resolves in the event loop's next check phase (after the I/O callbacks that are due). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The digest as written, with where. */
export interface WrittenDigest {
  digest: Digest;
  markdownPath: string;
  jsonPath: string;
}

/** What {@link writeMissionDigest} did: the digest as written, and whether the end event went out with it. */
export type MissionDigestResult = WrittenDigest & { ended?: true };

/**
 * Builds the digest (secrets redacted: digests leave the machine), writes it into its own run
 * folder with the review bundle beside it, and emits `digest-write`. A journaled digest is
 * returned as it was written, nothing written again.
 */
export async function writeMissionDigest(options: MissionDigestOptions): Promise<MissionDigestResult> {
  const { intent, journal } = options;
  const step = { missionId: intent.mission_id, laneId: SWARMLORD_LANE_ID, attempt: 1, phase: 'digest' };
  const found = options.partial ? undefined : await journal?.get(step);
  if (found !== undefined) {
    await discardReservation(options.reservation);
    await options.after;
    return found.value as WrittenDigest;
  }
  const writeFiles = options.writeFiles !== false;
  // The workspace's HEAD (for the review bundle) is read while the digest is built.
  const commit = writeFiles ? readHeadCommit(resolve(options.cwd, intent.workspace)) : undefined;
  commit?.catch(() => undefined);
  // Read where the digest's building starts (its steps take turns, below), not a turn later.
  const usage = options.meter.digestUsage();
  // Each step of this CPU gives the event loop a turn: the Verify receipt's output store, writes
  // and fsyncs (awaited below) go on between them instead of after all of them.
  const built = await buildDigestInTurns(
    {
      intent,
      aggregate: options.aggregate,
      reports: options.reports,
      laneRuns: options.laneRuns,
      engine: [...options.engines].join('; '),
      partial: options.partial,
      blockers: options.blockers,
      now: options.now(),
      reactDomains: options.reactDomains,
      coverage: options.coverage,
      parseCoverage: options.index.analysis,
      imports: options.index.analysis.imports,
    },
    turn,
  );
  await turn();
  const digest = redactSecrets({
    ...built,
    ...(options.partialReason === undefined ? {} : { partial_reason: options.partialReason }),
    usage,
    ...(options.traceId === undefined ? {} : { trace_id: options.traceId }),
  });
  if (!writeFiles) {
    await discardReservation(options.reservation);
    await options.after;
    return { digest, markdownPath: '', jsonPath: '' };
  }
  const bundleOptions = {
    cwd: options.cwd,
    missionId: intent.mission_id,
    workspace: intent.workspace,
    commit: await commit,
    lanes: options.lanes,
  };
  // The files' texts (the digest's JSON and Markdown, the review bundle: the aggregate in the
  // bundle-file schema, so `swarmlord verify` can re-check it later) are made while the Verify
  // receipt is being flushed (decision 0054), and written into the temps reserved for them and
  // flushed under it too (decision 0072): nothing is renamed into place, no digest file exists,
  // before it is durable.
  const draft = await options.bundleDraft;
  await turn();
  // Made in turn by the stage, each after the file before it is written and its flush started.
  const bundle = () => finishReviewBundleText(draft, options.aggregate, bundleOptions);
  // Each run gets its own folder (`<mission_id>/run-NNN`): running an intent again keeps earlier
  // digests. The bundle is flushed with the pair and renamed after it.
  const reserved = (options.reservation ?? Promise.reject(new Error('none reserved'))).catch(() =>
    reserveMissionDigest({ cwd: options.cwd, intent }),
  );
  const staged = reserved.then(async (reservation) => {
    await reservation.stage(digest, { besideFiles: [[REVIEW_BUNDLE_FILE_NAME, bundle]] });
    return reservation;
  });
  staged.catch(() => undefined);
  let paths: Awaited<ReturnType<RunDigestReservation['publish']>>;
  try {
    await options.after;
    const reservation = await staged;
    paths = await reservation.publish();
  } catch (error) {
    // The temps go (the Verify receipt failed, or a write did): no digest file is left.
    await staged.catch(() => undefined);
    await discardReservation(reserved);
    throw error;
  }
  const { markdownPath, jsonPath } = paths;
  const digestWrite: RunEvent = {
    type: 'digest-write',
    mission_id: intent.mission_id,
    at: options.now().toISOString(),
    verdict: digest.verdict,
    markdown_path: markdownPath,
    json_path: jsonPath,
  };
  const written: WrittenDigest = { digest, markdownPath, jsonPath };
  const journaled = journal !== undefined && !options.partial;
  const { end } = options;
  if (end !== undefined && !journaled) {
    // Nothing is written between the two: the end goes out with the digest's receipt, after it.
    const handed = end.emitAll([digestWrite, end.event(digest)]);
    for (const receipt of handed) await receipt;
    return { ...written, ended: true };
  }
  await options.emit(digestWrite);
  if (journaled) await journal?.put({ step, kind: 'digest', value: written });
  return written;
}
