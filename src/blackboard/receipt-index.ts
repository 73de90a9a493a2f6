import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open, readFile, rename, writeFile } from 'node:fs/promises';

/**
 * The incremental index of a blackboard kept beside it: `<file>.index.json` (how far the file was
 * read and the last receipt line read) and `<file>.index.missions`, each mission's first receipt
 * offset as a line `<offset> <JSON mission id>`, appended to as missions come. A mission is looked
 * up by searching those bytes (no parse of every mission a long history holds, no rewrite of them).
 */
export interface ReceiptIndex {
  /** Bytes indexed: the file up to here was read (a line boundary). */
  end: number;
  /** The last receipt line indexed, checked before the index is trusted. */
  last?: { offset: number; hash: string };
  /** Byte offset of the mission's first receipt, if indexed. */
  missionStart(missionId: string): number | undefined;
  /** Records the mission's first receipt at `offset` unless it has one already. */
  noteMission(missionId: string, offset: number): void;
}

/** The index as loaded: the missions' bytes it was read with and the missions added since. */
interface LoadedIndex extends ReceiptIndex {
  readonly known: Buffer;
  readonly added: Map<string, number>;
  /** Whether `known` came from the kept files (else everything is rewritten). */
  readonly kept: boolean;
}

const FORMAT = 'swarmlord.receipt-index/v2';

export function receiptIndexPath(blackboardPath: string): string {
  return `${blackboardPath}.index.json`;
}

export function receiptMissionsPath(blackboardPath: string): string {
  return `${blackboardPath}.index.missions`;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const missionLine = (missionId: string, offset: number) => `${offset} ${JSON.stringify(missionId)}\n`;

/** An index over `known` mission lines (`kept`: read from the files) with nothing added yet. */
function indexOf(end: number, last: ReceiptIndex['last'], known: Buffer, kept: boolean): LoadedIndex {
  const added = new Map<string, number>();
  /** Missions looked up in `known` (-1: not there): each mission's lines ask again. */
  const looked = new Map<string, number>();
  const index: LoadedIndex = {
    end,
    ...(last === undefined ? {} : { last }),
    known,
    added,
    kept,
    missionStart(missionId) {
      const fresh = added.get(missionId);
      if (fresh !== undefined) return fresh;
      let offset = looked.get(missionId);
      if (offset === undefined) {
        // ` "id"\n` is only ever a whole line's end: inside a JSON string a quote is escaped.
        const at = known.indexOf(Buffer.from(` ${JSON.stringify(missionId)}\n`));
        const lineStart = at <= 0 ? 0 : known.lastIndexOf(0x0a, at - 1) + 1;
        offset = at < 0 ? -1 : Number(known.toString('latin1', lineStart, at));
        looked.set(missionId, offset);
      }
      return offset < 0 ? undefined : offset;
    },
    noteMission(missionId, offset) {
      if (index.missionStart(missionId) === undefined) added.set(missionId, offset);
    },
  };
  return index;
}

/** An empty index (read the file from its start). */
export function emptyReceiptIndex(): ReceiptIndex {
  return indexOf(0, undefined, Buffer.alloc(0), false);
}

/**
 * The stored index when it still describes the start of this file: it ends at a line boundary the
 * file still has, the last line it indexed is still there, whole, with the same hash, and the
 * missions file holds the bytes it recorded (their sha256). Anything else (missing, unreadable, a
 * shorter or rewritten file, an index of the format before) is `undefined`: rebuild from the start.
 */
export async function loadReceiptIndex(
  blackboardPath: string,
  handle: FileHandle,
  size: number,
): Promise<ReceiptIndex | undefined> {
  let stored: {
    format?: unknown;
    end?: unknown;
    last?: unknown;
    missionsBytes?: unknown;
    missions?: unknown;
  };
  try {
    stored = JSON.parse(await readFile(receiptIndexPath(blackboardPath), 'utf8')) as typeof stored;
  } catch {
    return undefined;
  }
  const { end, missionsBytes, missions } = stored;
  if (stored.format !== FORMAT || typeof end !== 'number' || end > size) return undefined;
  if (!Number.isSafeInteger(missionsBytes) || (missionsBytes as number) < 0 || typeof missions !== 'string')
    return undefined;
  let known: Buffer;
  try {
    known = (await readFile(receiptMissionsPath(blackboardPath))).subarray(0, missionsBytes as number);
  } catch {
    return undefined;
  }
  if (known.length !== missionsBytes || sha256Hex(known) !== missions) return undefined;
  if (end === 0) return indexOf(0, undefined, known, true);
  const last = stored.last as { offset?: unknown; hash?: unknown } | undefined;
  if (last === undefined || typeof last.offset !== 'number' || typeof last.hash !== 'string')
    return undefined;
  if (last.offset >= end) return undefined;
  const length = end - last.offset;
  if (length > 16 * 2 ** 20) return undefined;
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, last.offset);
  if (bytesRead !== length || buffer[length - 1] !== 0x0a) return undefined;
  if (last.offset > 0) {
    const before = Buffer.alloc(1);
    await handle.read(before, 0, 1, last.offset - 1);
    if (before[0] !== 0x0a) return undefined;
  }
  try {
    const line = JSON.parse(buffer.subarray(0, length - 1).toString('utf8')) as { hash?: unknown };
    if (line.hash !== last.hash) return undefined;
  } catch {
    return undefined;
  }
  return indexOf(end, { offset: last.offset, hash: last.hash }, known, true);
}

/**
 * Writes the index: the missions added since it was loaded appended after the bytes it was loaded
 * with (a rebuilt index writes the missions file whole, atomically), then `<file>.index.json`
 * atomically with their length and sha256. A crash between the two leaves the old description,
 * which ignores anything after its bytes. A cache that cannot be written costs a longer read next
 * time, nothing else.
 */
export async function saveReceiptIndex(blackboardPath: string, index: ReceiptIndex): Promise<void> {
  const loaded = index as LoadedIndex;
  const appended = Buffer.from(
    [...loaded.added].map(([missionId, offset]) => missionLine(missionId, offset)).join(''),
  );
  const missionsPath = receiptMissionsPath(blackboardPath);
  const path = receiptIndexPath(blackboardPath);
  try {
    if (loaded.kept) {
      if (appended.length > 0) {
        const handle = await open(missionsPath, 'r+');
        try {
          await handle.write(appended, 0, appended.length, loaded.known.length);
        } finally {
          await handle.close();
        }
      }
    } else {
      const temporary = `${missionsPath}.${process.pid}.tmp`;
      await writeFile(temporary, appended);
      await rename(temporary, missionsPath);
    }
    const missions = Buffer.concat(loaded.kept ? [loaded.known, appended] : [appended]);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(
      temporary,
      JSON.stringify({
        format: FORMAT,
        end: index.end,
        ...(index.last === undefined ? {} : { last: index.last }),
        missionsBytes: missions.length,
        missions: sha256Hex(missions),
      }),
    );
    await rename(temporary, path);
  } catch {
    // see above
  }
}
