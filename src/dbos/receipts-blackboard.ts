import type pg from 'pg';
import type { Blackboard } from '../blackboard/index.js';
import { canonicalJson } from '../blackboard/index.js';
import type { Receipt, ReceiptDraft } from '../contracts/index.js';
import { GENESIS_HASH, ReceiptDraftSchema, sha256Hex } from '../contracts/index.js';
import { DBOS_SCHEMA } from './migrations.js';

interface Head {
  seq: number;
  hash: string;
  offset: number;
  /** Bytes of the head line (the next line starts at offset + bytes). */
  bytes: number;
}

/** The receipt and its line: canonical JSON of the body with `hash` as its last key (decision 0006). */
function chain(
  data: Record<string, unknown>,
  seq: number,
  prevHash: string,
): { receipt: Receipt; line: string } {
  const body = { ...data, seq, prev_hash: prevHash };
  const bodyJson = canonicalJson(body);
  const hash = sha256Hex(bodyJson);
  return {
    receipt: { ...body, hash } as Receipt,
    line: `${bodyJson.slice(0, -1)},"hash":"${hash}"}\n`,
  };
}

function invalid(missionId: string, draft: ReceiptDraft): Record<string, unknown> {
  const parsed = ReceiptDraftSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `mission ${missionId}: invalid receipt draft: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`,
    );
  }
  // Undefined fields are not part of a receipt's line.
  return JSON.parse(JSON.stringify(parsed.data)) as Record<string, unknown>;
}

/**
 * A mission's blackboard in the receipts table: the same receipts and hash chain as the JSONL file
 * (seq from 0, prev_hash from GENESIS_HASH), one chain per mission. Every append is one transaction
 * under an advisory lock on the mission that re-reads the chain head, so any number of workers
 * writing receipts of one mission never fork its chain; it resolves once committed.
 */
export async function openReceiptsBlackboard(pool: pg.Pool, missionId: string): Promise<Blackboard> {
  let head = await readHead(pool, missionId);
  let queue: Promise<unknown> = Promise.resolve();
  let appends = 0;
  const append = async (draft: ReceiptDraft): Promise<Receipt> => {
    const data = invalid(missionId, draft);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `${DBOS_SCHEMA}.receipts:${missionId}`,
      ]);
      const current = await readHead(client, missionId);
      const seq = current === undefined ? 0 : current.seq + 1;
      const offset = current === undefined ? 0 : current.offset + current.bytes;
      const { receipt, line } = chain(data, seq, current?.hash ?? GENESIS_HASH);
      await client.query(
        `INSERT INTO ${DBOS_SCHEMA}.receipts (mission_id, seq, hash, byte_offset, line) VALUES ($1, $2, $3, $4, $5)`,
        [missionId, seq, receipt.hash, offset, line],
      );
      await client.query('COMMIT');
      head = { seq, hash: receipt.hash, offset, bytes: Buffer.byteLength(line, 'utf8') };
      appends += 1;
      return receipt;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    path: `${DBOS_SCHEMA}.receipts/${missionId}`,
    get lastHash() {
      return head?.hash ?? GENESIS_HASH;
    },
    get nextSeq() {
      return head === undefined ? 0 : head.seq + 1;
    },
    get head() {
      return head === undefined ? undefined : { seq: head.seq, hash: head.hash, offset: head.offset };
    },
    torn: undefined,
    setAsidePath: undefined,
    append(draft) {
      // Chained in call order within this process, as the file blackboard does.
      const next = queue.then(() => append(draft));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      await queue;
    },
    stats: () => ({ appends, batches: appends, syncs: 0, syncMs: 0 }),
  };
}

async function readHead(client: pg.Pool | pg.PoolClient, missionId: string): Promise<Head | undefined> {
  const found = await client.query<{ seq: number; hash: string; byte_offset: string; bytes: number }>(
    `SELECT seq, hash, byte_offset, octet_length(line) AS bytes FROM ${DBOS_SCHEMA}.receipts
     WHERE mission_id = $1 ORDER BY seq DESC LIMIT 1`,
    [missionId],
  );
  const row = found.rows[0];
  return row === undefined
    ? undefined
    : { seq: row.seq, hash: row.hash, offset: Number(row.byte_offset), bytes: Number(row.bytes) };
}
