import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type pg from 'pg';
import type { BlackboardAnchor } from '../blackboard/index.js';
import { anchorsPath } from '../blackboard/index.js';
import { DBOS_SCHEMA } from './migrations.js';

/** Records the mission's anchor (decision 0017) at its end: the chain head and each digest file's sha256. */
export async function recordMissionAnchor(
  pool: pg.Pool,
  input: {
    missionId: string;
    head: { seq: number; hash: string; offset: number };
    files?: readonly string[] | undefined;
  },
): Promise<void> {
  const files = [];
  for (const file of input.files ?? []) {
    const path = resolve(file);
    files.push({
      path,
      sha256: createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    });
  }
  await pool.query(
    `INSERT INTO ${DBOS_SCHEMA}.anchors (mission_id, seq, hash, byte_offset, files, at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (mission_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash,
       byte_offset = EXCLUDED.byte_offset, files = EXCLUDED.files, at = EXCLUDED.at`,
    [input.missionId, input.head.seq, input.head.hash, input.head.offset, JSON.stringify(files)],
  );
}

export interface ExportResult {
  path: string;
  receipts: number;
  /** Whether the mission's end anchor was written beside it (absent while the mission runs). */
  anchored: boolean;
}

async function writeAtomically(
  path: string,
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    for await (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}

async function* receiptLines(pool: pg.Pool, missionId: string): AsyncIterable<string> {
  // In pages, so a long mission is not held in memory at once.
  for (let from = 0; ; ) {
    const page = await pool.query<{ seq: number; line: string }>(
      `SELECT seq, line FROM ${DBOS_SCHEMA}.receipts WHERE mission_id = $1 AND seq >= $2 ORDER BY seq LIMIT 1000`,
      [missionId, from],
    );
    for (const row of page.rows) yield row.line;
    if (page.rows.length < 1000) return;
    from = (page.rows.at(-1)?.seq ?? from) + 1;
  }
}

/**
 * Writes the mission's receipts from the store as the JSONL `swarmlord audit` verifies, and its
 * end anchor beside it (`<file>.anchors.jsonl`), so a truncated or edited export fails the audit.
 */
export async function exportMissionReceipts(
  pool: pg.Pool,
  missionId: string,
  outputPath: string,
): Promise<ExportResult> {
  const counted = await pool.query<{ count: string }>(
    `SELECT count(*) AS count FROM ${DBOS_SCHEMA}.receipts WHERE mission_id = $1`,
    [missionId],
  );
  const receipts = Number(counted.rows[0]?.count ?? 0);
  if (receipts === 0) throw new Error(`mission ${missionId} has no receipts in the store`);
  await writeAtomically(outputPath, receiptLines(pool, missionId));
  const found = await pool.query<{
    seq: number;
    hash: string;
    byte_offset: string;
    files: BlackboardAnchor['files'];
    at: Date;
  }>(`SELECT seq, hash, byte_offset, files, at FROM ${DBOS_SCHEMA}.anchors WHERE mission_id = $1`, [
    missionId,
  ]);
  const row = found.rows[0];
  const anchors = anchorsPath(outputPath);
  if (row === undefined) {
    await rm(anchors, { force: true });
    return { path: outputPath, receipts, anchored: false };
  }
  const anchor: BlackboardAnchor = {
    format: 'swarmlord.anchor/v1',
    mission_id: missionId,
    seq: row.seq,
    hash: row.hash,
    offset: Number(row.byte_offset),
    at: row.at.toISOString(),
    files: row.files,
  };
  await writeAtomically(anchors, [`${JSON.stringify(anchor)}\n`]);
  return { path: outputPath, receipts, anchored: true };
}
