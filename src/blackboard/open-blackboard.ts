import { dirname } from 'node:path';
import type { Receipt, ReceiptDraft } from '../contracts/index.js';
import { GENESIS_HASH } from '../contracts/index.js';
import type { OutputRef } from '../contracts/receipt.js';
import { createBatchLines } from './batch-lines.js';
import { verifyLatestAnchor } from './blackboard-anchors.js';
import { BlackboardError } from './blackboard-error.js';
import type { AcquireLockOptions, BlackboardLock, BlackboardLocker } from './blackboard-lock.js';
import { createBlackboardLocker, sweepOrphanTempFiles } from './blackboard-lock.js';
import type { PreparedDraft } from './chain-receipt.js';
import { prepareDraft } from './chain-receipt.js';
import { faultPoint } from './fault-point.js';
import type { FdHandle } from './fd-calls.js';
import { datasyncFd, makeFolder, openFdHandle, pathExists, readFd, sizeOfFd } from './fd-calls.js';
import type { GroupCommitStats } from './group-commit-writer.js';
import { createGroupCommitWriter } from './group-commit-writer.js';
import type { ParkedBlackboard } from './open-blackboard-park.js';
import { isLeftHead, parkBlackboard, parksOnClose, takeParkedBlackboard } from './open-blackboard-park.js';
import { guardWrite, writeAll } from './open-blackboard-write.js';
import { storeOutput } from './phase-output-store.js';
import { readBlackboardTail } from './read-blackboard-tail.js';
import { setAsideTornLine } from './set-aside-torn-line.js';
import type { TornLine } from './split-blackboard-text.js';
import { syncDirectory } from './sync-directory.js';

export interface OpenBlackboardOptions {
  /** The JSONL file; created with its parent folders if missing. */
  path: string;
  /** fsync every batch before `append` resolves (default). `false` is for tests and benchmarks only. */
  durable?: boolean;
  /** Longest wait for another process's write batch before `BLACKBOARD_LOCKED` (default 30 s). */
  lockWaitMs?: number;
  /** Called once when a wait for another process passes a second, so the caller can say it waits. */
  onLockWait?: AcquireLockOptions['onWait'];
}

/** An open, append-only, hash-chained blackboard; several may be open on one file at once. */
export interface Blackboard {
  readonly path: string;
  /** `hash` of the last receipt this blackboard wrote or found at the head of the file, or GENESIS_HASH. */
  readonly lastHash: string;
  /** The `seq` after the head this blackboard last saw (another process may have appended since). */
  readonly nextSeq: number;
  /** The head line as last seen, with its byte offset (for anchors); undefined while the file is empty. */
  readonly head: { seq: number; hash: string; offset: number } | undefined;
  /** The torn last line found on open; it is set aside by the first append. */
  readonly torn: TornLine | undefined;
  /** Where an append moved a torn last line, once it has. */
  readonly setAsidePath: string | undefined;
  /**
   * Validates the draft (defaults applied) and resolves once its line is on disk (fsynced, when
   * durable), numbered and chained onto the head of the file as it is under the lock. Concurrent
   * calls are chained in call order.
   */
  append(draft: ReceiptDraft, options?: AppendOptions): Promise<Receipt>;
  /**
   * Writes a phase output (canonical JSON, already redacted) into `<file>.outputs/` beside the
   * blackboard, fsynced when durable, and returns the reference a receipt carries instead of the
   * output (decision 0027). Optional: a blackboard without a store keeps outputs inline.
   */
  storeOutput?(text: string): Promise<OutputRef>;
  /** Waits for queued appends, then closes the file. */
  close(): Promise<void>;
  /** Appends, write batches and fsyncs so far: group commit shows as `batches < appends`. */
  stats(): BlackboardStats;
}

export interface AppendOptions {
  /**
   * The draft was built by swarmlord's own code from typed values (the run-event listener does
   * this): the schema's defaults are applied but it is not parsed again. Drafts from anywhere
   * else (a file, a caller's JSON) must leave this unset.
   */
  trusted?: boolean;
}

/** Counters for tests and benchmarks. */
export interface BlackboardStats extends GroupCommitStats {
  /** fsyncs of the main file (one per batch when durable, none otherwise). */
  syncs: number;
  /** Milliseconds spent in those fsyncs (the bench's "time waiting for fsync"). */
  syncMs: number;
}

/** `"hash":"<64 hex>"}\n`: how every line we write ends. */
const HASH_SUFFIX_BYTES = 75;
/** Longest a blackboard keeps the lock across back-to-back batches before letting others in. */
const MAX_HOLD_MS = 20;

/**
 * Opens a blackboard for appending (decision 0017). Each write batch takes `<file>.lock`, re-reads
 * the chain head (a few bytes when nobody else wrote), sets aside a torn last line, writes, fsyncs
 * and releases, so several missions append to one file at once and the chain never forks. Opening
 * checks the last line and the latest anchor, and refuses a chain they show broken.
 *
 * @example
 * const blackboard = await openBlackboard({ path: 'hfo_blackboard/obsidian_synapse_blackboard.jsonl' });
 * await blackboard.append({ mission_id, lane_id: 'swarmlord', phase: 'mission_start', role: 'swarmlord', summary, timestamp });
 * await blackboard.close();
 */
export async function openBlackboard(options: OpenBlackboardOptions): Promise<Blackboard> {
  const filePath = options.path;
  const durable = options.durable ?? true;
  // The descriptor and lock source a blackboard closed in this process left for the same file
  // (decision 0068): no folder, sweep, open or lock source to make; the head and the anchor are
  // read and checked under the lock as below.
  const parked = await takeParkedBlackboard(filePath, durable);
  if (parked !== undefined) {
    try {
      return await createOpenBlackboard(filePath, durable, parked.handle, options, parked);
    } catch (error) {
      await parked.handle.close();
      throw error;
    }
  }
  await makeFolder(dirname(filePath));
  await sweepOrphanTempFiles(filePath);
  const existed = await pathExists(filePath);
  const handle = await openFdHandle(filePath, 'a+');
  try {
    if (!existed && durable) await syncDirectory(dirname(filePath));
    return await createOpenBlackboard(filePath, durable, handle, options, undefined);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function createOpenBlackboard(
  filePath: string,
  durable: boolean,
  handle: FdHandle,
  options: OpenBlackboardOptions,
  parked: ParkedBlackboard | undefined,
): Promise<Blackboard> {
  // One object per locker, read at each acquisition: a parked locker gets this open's options.
  const lockOptions: AcquireLockOptions = parked?.lockOptions ?? {};
  delete lockOptions.waitMs;
  delete lockOptions.onWait;
  if (options.lockWaitMs !== undefined) lockOptions.waitMs = options.lockWaitMs;
  if (options.onLockWait !== undefined) lockOptions.onWait = options.onLockWait;
  // The file as the writer last saw it: what is past `knownEnd`, or a different last line, was
  // written by another process and means the head must be read again.
  let nextSeq = 0;
  let lastHash = GENESIS_HASH;
  let head: Blackboard['head'];
  let knownEnd = -1;
  let goodLength = 0;
  let tornBytes: Buffer | undefined;
  let setAsidePath: string | undefined;
  let closed = false;
  let syncs = 0;
  let syncMs = 0;

  // Where a parked blackboard left the file: checked once, by the open (see `readLeftHead`).
  let left = parked?.left;
  async function readHead(): Promise<void> {
    const size = await sizeOfFd(handle.fd);
    if (size === knownEnd && (await endsWithOurHash(size))) return;
    const leftHere = left;
    left = undefined;
    if (leftHere !== undefined && leftHere.size === size && (await readLeftHead(leftHere))) return;
    const tail = await readBlackboardTail(handle, filePath, size);
    nextSeq = tail.last ? tail.last.seq + 1 : 0;
    lastHash = tail.last?.hash ?? GENESIS_HASH;
    // The next line embeds it unescaped (chainPrepared): it must be the 64 hex digits it claims.
    if (!/^[0-9a-f]{64}$/.test(lastHash)) {
      throw new BlackboardError(
        'BLACKBOARD_CORRUPT',
        filePath,
        `the last line of ${filePath} has a malformed hash`,
      );
    }
    head = tail.last ? { seq: tail.last.seq, hash: tail.last.hash, offset: tail.lastOffset ?? 0 } : undefined;
    goodLength = tail.goodLength;
    tornBytes = tail.torn;
    knownEnd = size;
  }

  /** The file still ends with the very receipt a parked blackboard left there (see `isLeftHead`). */
  async function readLeftHead(at: NonNullable<ParkedBlackboard['left']>): Promise<boolean> {
    if (!(await isLeftHead(handle.fd, at))) return false;
    nextSeq = at.seq + 1;
    lastHash = at.hash;
    head = { seq: at.seq, hash: at.hash, offset: at.offset };
    goodLength = at.size;
    tornBytes = undefined;
    knownEnd = at.size;
    return true;
  }

  async function endsWithOurHash(size: number): Promise<boolean> {
    if (size === 0) return head === undefined;
    if (size < HASH_SUFFIX_BYTES) return false;
    const suffix = Buffer.alloc(HASH_SUFFIX_BYTES);
    const bytesRead = await readFd(handle.fd, suffix, 0, HASH_SUFFIX_BYTES, size - HASH_SUFFIX_BYTES);
    return bytesRead === HASH_SUFFIX_BYTES && suffix.toString('latin1') === `"hash":"${lastHash}"}\n`;
  }

  // The open-time look at the file is taken under the lock too, so it never sees half a batch.
  // One lock source for every batch of this blackboard (decision 0038), removed on close.
  const locker: BlackboardLocker = parked?.locker ?? createBlackboardLocker(filePath, lockOptions);
  try {
    const openLock = await locker.acquire();
    try {
      await readHead();
      await verifyLatestAnchor(handle, filePath);
    } finally {
      await openLock.release();
    }
  } catch (error) {
    await locker.dispose();
    throw error;
  }
  // The lock is kept until the next turn of the event loop after the last write and its fsync (and
  // at most MAX_HOLD_MS), so a writer awaiting each append does not pay a lock per receipt; other
  // processes wait at most that long. While it is kept, nobody else can have written: the head
  // this blackboard left is the file's head, and is not read again.
  let held: { lock: BlackboardLock; since: number; timer?: NodeJS.Immediate } | undefined;
  let syncPending = false;
  // True while a batch is written under the lock: nothing may release it then.
  let committing = false;
  // False after a failed write: the next batch reads the head again even under a kept lock.
  let headTrusted = false;
  async function takeLock(): Promise<{ lock: BlackboardLock; kept: boolean }> {
    if (held !== undefined) {
      if (held.timer) clearImmediate(held.timer);
      delete held.timer;
      if (Date.now() - held.since < MAX_HOLD_MS) return { lock: held.lock, kept: true };
      const old = held.lock;
      held = undefined;
      await old.release();
    }
    const lock = await locker.acquire();
    held = { lock, since: Date.now() };
    return { lock, kept: false };
  }
  function lingerThenRelease(): void {
    const current = held;
    // A pending fsync releases it when it ends (the next batch usually comes right after it).
    if (current === undefined || current.timer !== undefined || syncPending || committing) return;
    current.timer = setImmediate(() => {
      if (held === current) held = undefined;
      current.lock.release().catch(() => undefined);
    });
  }
  async function releaseHeld(): Promise<void> {
    const current = held;
    held = undefined;
    if (current?.timer) clearImmediate(current.timer);
    await current?.lock.release();
  }

  const torn = tornBytes ? { line: nextSeq + 1, text: tornBytes.toString('utf8') } : undefined;

  // One buffer for every batch's bytes: a batch is written (awaited) before the next is built.
  const lines = parked?.lines ?? createBatchLines();
  const writer = createGroupCommitWriter<PreparedDraft, Receipt>({
    async commit(items) {
      const { kept } = await takeLock();
      committing = true;
      try {
        if (!kept || !headTrusted) await readHead();
        headTrusted = false;
        if (tornBytes) {
          // Named after the seq it would have had; kept byte for byte before the truncate.
          setAsidePath = await guardWrite(filePath, () =>
            setAsideTornLine(filePath, nextSeq, tornBytes as Buffer),
          );
          faultPoint('torn-set-aside');
          await guardWrite(filePath, () => handle.truncate(goodLength));
          tornBytes = undefined;
          knownEnd = goodLength;
        }
        // The lines written straight from their bodies into the batch buffer (no line or batch
        // strings), each hashed over its bytes there.
        lines.reset();
        const receipts: Receipt[] = new Array(items.length);
        let seq = nextSeq;
        let prevHash = lastHash;
        for (let index = 0; index < items.length; index += 1) {
          const receipt = lines.add(items[index] as PreparedDraft, seq, prevHash);
          receipts[index] = receipt;
          seq += 1;
          prevHash = receipt.hash;
        }
        const bytes = lines.bytes();
        const size = bytes.length;
        const lastLineBytes = lines.lastLineBytes;
        const offset = knownEnd + size;
        // Only the last line's offset is kept (the head, for anchors): one length, not one per line.
        const lastOffset = offset - lastLineBytes;
        await guardWrite(filePath, () => writeAll(handle, bytes));
        faultPoint('batch-written');
        nextSeq = seq;
        lastHash = prevHash;
        knownEnd = offset;
        goodLength = offset;
        head = { seq: seq - 1, hash: prevHash, offset: lastOffset };
        headTrusted = true;
        return receipts;
      } finally {
        committing = false;
        lingerThenRelease();
      }
    },
    // The fsync of one batch runs while the next is prepared and written (group-commit-writer):
    // an append resolves only after an fsync that started after its line was written.
    ...(durable
      ? {
          async sync() {
            syncPending = true;
            // Keep the lock through the fsync: the next batch usually follows right after it.
            if (held?.timer) clearImmediate(held.timer);
            if (held) delete held.timer;
            const syncStarted = performance.now();
            try {
              await guardWrite(filePath, () => datasyncFd(handle.fd), 'fsync');
              syncs += 1;
            } finally {
              syncMs += performance.now() - syncStarted;
              syncPending = false;
              lingerThenRelease();
            }
          },
        }
      : {}),
    // A lock wait that timed out wrote nothing: that batch fails, later appends may still succeed.
    stopsWriter: (error) => !(BlackboardError.isInstance(error) && error.code === 'BLACKBOARD_LOCKED'),
  });

  return {
    path: filePath,
    get lastHash() {
      return lastHash;
    },
    get nextSeq() {
      return nextSeq;
    },
    get head() {
      return head;
    },
    torn,
    get setAsidePath() {
      return setAsidePath;
    },
    async append(draft, appendOptions) {
      if (closed) throw new BlackboardError('BLACKBOARD_CLOSED', filePath, `${filePath} is closed`);
      const prepared = prepareDraft(filePath, draft, appendOptions);
      return writer.enqueue(prepared);
    },
    async storeOutput(text) {
      if (closed) throw new BlackboardError('BLACKBOARD_CLOSED', filePath, `${filePath} is closed`);
      return storeOutput(filePath, text, durable);
    },
    async close() {
      if (closed) return;
      closed = true;
      let reusable = false;
      try {
        await writer.drain();
        await releaseHeld();
        reusable = writer.failure === undefined && parksOnClose(filePath);
      } finally {
        // Released and whole: the descriptor, lock source and batch buffer wait for the next open
        // of a file this process opened before (decision 0068); otherwise they are let go.
        if (reusable) {
          const at =
            head && knownEnd >= 0 && tornBytes === undefined ? { size: knownEnd, ...head } : undefined;
          parkBlackboard(filePath, { handle, locker, lockOptions, durable, lines, left: at });
        } else {
          await locker.dispose();
          await handle.close();
        }
      }
    },
    stats: () => ({ ...writer.stats(), syncs, syncMs }),
  };
}
