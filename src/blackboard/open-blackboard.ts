import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Receipt, ReceiptDraft } from '../contracts/index.js';
import { GENESIS_HASH, ReceiptDraftSchema, sha256Hex } from '../contracts/index.js';
import { BlackboardError } from './blackboard-error.js';
import type { BlackboardLock } from './blackboard-lock.js';
import { acquireBlackboardLock, errorCode } from './blackboard-lock.js';
import { canonicalJson } from './canonical-json.js';
import type { GroupCommitStats } from './group-commit-writer.js';
import { createGroupCommitWriter } from './group-commit-writer.js';
import { readBlackboardTail } from './read-blackboard-tail.js';
import { setAsideTornLine } from './set-aside-torn-line.js';
import type { TornLine } from './split-blackboard-text.js';
import { syncDirectory } from './sync-directory.js';

export interface OpenBlackboardOptions {
  /** The JSONL file; created with its parent folders if missing. */
  path: string;
  /** fsync every batch before `append` resolves (default). `false` is for tests and benchmarks only. */
  durable?: boolean;
}

/** An open, append-only, hash-chained blackboard with one writer. */
export interface Blackboard {
  readonly path: string;
  /** `hash` of the last receipt assigned (queued or written), or GENESIS_HASH. */
  readonly lastHash: string;
  /** The `seq` the next append will get. */
  readonly nextSeq: number;
  /** The torn last line found on open; it is set aside by the first append. */
  readonly torn: TornLine | undefined;
  /** Where the first append moved the torn last line, once it has. */
  readonly setAsidePath: string | undefined;
  /**
   * Validates the draft (defaults applied), numbers and chains it, and resolves once its line is
   * on disk (fsynced, when durable). Concurrent calls are chained in call order.
   */
  append(draft: ReceiptDraft): Promise<Receipt>;
  /** Waits for queued appends, then closes the file and releases the lock. */
  close(): Promise<void>;
  /** Appends, write batches and fsyncs so far: group commit shows as `batches < appends`. */
  stats(): BlackboardStats;
}

/** Counters for tests and benchmarks. */
export interface BlackboardStats extends GroupCommitStats {
  /** fsyncs of the main file (one per batch when durable, none otherwise). */
  syncs: number;
}

/**
 * Opens a blackboard for appending: takes `<file>.lock` (see `acquireBlackboardLock`), reads the
 * tail from the end of the file, and continues the chain from the last complete line.
 *
 * @example
 * const blackboard = await openBlackboard({ path: 'hfo_blackboard/obsidian_synapse_blackboard.jsonl' });
 * await blackboard.append({ mission_id, lane_id: 'swarmlord', phase: 'mission_start', role: 'swarmlord', summary, timestamp });
 * await blackboard.close();
 */
export async function openBlackboard(options: OpenBlackboardOptions): Promise<Blackboard> {
  const filePath = options.path;
  const durable = options.durable ?? true;
  await mkdir(dirname(filePath), { recursive: true });
  const lock = await acquireBlackboardLock(filePath);
  let handle: FileHandle;
  try {
    const existed = await stat(filePath).then(
      () => true,
      (error: unknown) => {
        if (errorCode(error) === 'ENOENT') return false;
        throw error;
      },
    );
    handle = await open(filePath, 'a+');
    if (!existed && durable) await syncDirectory(dirname(filePath));
  } catch (error) {
    await lock.release();
    throw error;
  }
  return createOpenBlackboard(filePath, durable, handle, lock).catch(async (error: unknown) => {
    await handle.close();
    await lock.release();
    throw error;
  });
}

async function createOpenBlackboard(
  filePath: string,
  durable: boolean,
  handle: FileHandle,
  lock: BlackboardLock,
): Promise<Blackboard> {
  const tail = await readBlackboardTail(handle, filePath);
  let nextSeq = tail.last ? tail.last.seq + 1 : 0;
  let lastHash = tail.last?.hash ?? GENESIS_HASH;
  let tornBytes = tail.torn;
  // The torn line is named after the seq it would have had; its line number is that plus one.
  const tornSeq = nextSeq;
  const torn = tornBytes ? { line: tornSeq + 1, text: tornBytes.toString('utf8') } : undefined;
  let setAsidePath: string | undefined;
  let closed = false;
  let syncs = 0;

  const writer = createGroupCommitWriter({
    async write(bytes) {
      try {
        if (tornBytes) {
          setAsidePath = await setAsideTornLine(filePath, tornSeq, tornBytes);
          await handle.truncate(tail.goodLength);
          tornBytes = undefined;
        }
        await writeAll(handle, bytes);
      } catch (error) {
        throw new BlackboardError('BLACKBOARD_WRITE_FAILED', filePath, `could not write ${filePath}`, {
          cause: error,
        });
      }
    },
    async sync() {
      if (!durable) return;
      // datasync is enough: it flushes the data and the file size, which is all an append changes.
      await handle.datasync().catch((error: unknown) => {
        throw new BlackboardError('BLACKBOARD_WRITE_FAILED', filePath, `could not fsync ${filePath}`, {
          cause: error,
        });
      });
      syncs += 1;
    },
  });

  return {
    path: filePath,
    get lastHash() {
      return lastHash;
    },
    get nextSeq() {
      return nextSeq;
    },
    torn,
    get setAsidePath() {
      return setAsidePath;
    },
    async append(draft) {
      if (closed) throw new BlackboardError('BLACKBOARD_CLOSED', filePath, `${filePath} is closed`);
      const { receipt, line } = chainDraft(filePath, draft, nextSeq, lastHash);
      nextSeq += 1;
      lastHash = receipt.hash;
      await writer.enqueue(line);
      return receipt;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await writer.drain();
        await handle.close();
      } finally {
        // Release even if closing failed: a held lock would block every later run.
        await lock.release();
      }
    },
    stats: () => ({ ...writer.stats(), syncs }),
  };
}

/** Validates a draft and gives it its place in the chain; throws before anything is queued. */
function chainDraft(
  filePath: string,
  draft: ReceiptDraft,
  seq: number,
  prevHash: string,
): { receipt: Receipt; line: string } {
  const parsed = ReceiptDraftSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BlackboardError(
      'BLACKBOARD_INVALID_DRAFT',
      filePath,
      `invalid receipt draft: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`,
    );
  }
  const body = { ...parsed.data, seq, prev_hash: prevHash };
  let bodyJson: string;
  try {
    bodyJson = canonicalJson(body);
  } catch (error) {
    throw new BlackboardError('BLACKBOARD_INVALID_DRAFT', filePath, 'receipt draft is not JSON data', {
      cause: error,
    });
  }
  // Same digest as `hashReceipt(receipt)`, from the text already built: serialising once per append
  // matters at tens of thousands of appends a second. The line is that canonical body with `hash`
  // appended as its last key, which keeps every line readable as body-then-seal.
  const hash = sha256Hex(bodyJson);
  return { receipt: { ...body, hash }, line: `${bodyJson.slice(0, -1)},"hash":"${hash}"}\n` };
}

/** `write` may write less than asked; loop so a line is never left half-written by us. */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}
