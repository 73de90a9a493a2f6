import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OutputRef } from '../contracts/receipt.js';
import { OutputRefSchema } from '../contracts/receipt.js';
import { describe } from './blackboard-anchors.js';
import { BlackboardError } from './blackboard-error.js';
import { errorCode } from './error-code.js';
import { closeFd, datasyncFd, openFd, readFd, sizeOfFd, writeAllFd } from './fd-calls.js';
import { sha256Hex } from './sha256-hex.js';
import { syncDirectory } from './sync-directory.js';

/**
 * Phase outputs kept beside a blackboard, content-addressed (decision 0027):
 * `<folder>/<file name>.outputs/<sha256>.json`, written once and shared by every receipt (of any
 * mission) that references the same bytes. The receipt carries `{ sha256, bytes, path }`.
 */
export function outputsDirectory(blackboardPath: string): string {
  return `${blackboardPath}.outputs`;
}

/** The file a reference names, or undefined when the reference is malformed or names another sha. */
export function outputRefFile(blackboardPath: string, ref: OutputRef): string | undefined {
  if (!OutputRefSchema.safeParse(ref).success) return undefined;
  const [folder, name] = ref.path.split('/');
  if (folder !== `${basename(blackboardPath)}.outputs` || name !== `${ref.sha256}.json`) return undefined;
  return join(dirname(blackboardPath), ref.path);
}

/** `data.output_ref` of a receipt's payload, when it has one (old receipts carry outputs inline). */
export function outputRefOf(data: unknown): OutputRef | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const ref = (data as { output_ref?: unknown }).output_ref;
  return ref === null || typeof ref !== 'object' ? undefined : (ref as OutputRef);
}

/** Lowercase hex sha256 of some bytes. */
function sha256(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

/**
 * Writes `text` (already redacted: it is an outgoing text) into the store once and returns its
 * reference. When `durable`, the file and its folder entry are fsynced before this resolves, so a
 * receipt appended after it never references an output a crash could lose. A file already there
 * with the same bytes is reused; one that is not (a write a crash cut short) is replaced whole.
 */
export async function storeOutput(
  blackboardPath: string,
  text: string,
  durable: boolean,
): Promise<OutputRef> {
  const bytes = Buffer.from(text, 'utf8');
  const digest = sha256(bytes);
  const folder = outputsDirectory(blackboardPath);
  const ref: OutputRef = {
    sha256: digest,
    bytes: bytes.length,
    path: `${basename(blackboardPath)}.outputs/${digest}.json`,
  };
  const file = join(folder, `${digest}.json`);
  try {
    // The folder exists after a blackboard's first output: tried first, made (and its entry
    // fsynced) only when missing, so a stored output costs no mkdir round trip.
    let whole = await createWhole(file, bytes, durable).catch(async (error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
      return undefined;
    });
    if (whole === undefined) {
      const created = await mkdir(folder, { recursive: true });
      if (created !== undefined && durable) await syncDirectory(dirname(blackboardPath));
      whole = await createWhole(file, bytes, durable);
    }
    if (whole) return ref;
    if (await holdsBytes(file, bytes)) return ref;
    // A file cut short by a crash (never referenced: its receipt comes after it): replace it whole.
    const temporary = `${file}.tmp-${process.pid}-${randomUUID()}`;
    try {
      await createWhole(temporary, bytes, durable);
      await rename(temporary, file);
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
    if (durable) await syncDirectory(folder);
    return ref;
  } catch (error) {
    if (BlackboardError.isInstance(error)) throw error;
    throw new BlackboardError(
      'BLACKBOARD_WRITE_FAILED',
      file,
      `could not write the phase output ${file}: ${describe(error)}`,
      { cause: error },
    );
  }
}

/**
 * Creates `file` with `bytes` (false when it exists); durable: data and folder entry fsynced
 * together. The open, the write and the close are the blackboard's small calls (`fd-calls.ts`,
 * decision 0041: synchronous while the disk answers fast); the fsyncs never are.
 */
async function createWhole(file: string, bytes: Buffer, durable: boolean): Promise<boolean> {
  let fd: number;
  try {
    fd = await openFd(file, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await writeAllFd(fd, bytes);
    if (durable) await Promise.all([datasyncFd(fd), syncDirectory(dirname(file))]);
  } finally {
    await closeFd(fd);
  }
  return true;
}

/**
 * Whether `file` holds exactly `bytes`, compared byte for byte (the file is named after their
 * sha256, so the bytes themselves are the check: no second digest of the file's); false when it
 * cannot be read.
 */
async function holdsBytes(file: string, bytes: Buffer): Promise<boolean> {
  let fd: number;
  try {
    fd = await openFd(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = await sizeOfFd(fd);
    if (size !== bytes.length) return false;
    const existing = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const read = await readFd(fd, existing, offset, size - offset, offset);
      if (read === 0) return false;
      offset += read;
    }
    return existing.equals(bytes);
  } catch {
    return false;
  } finally {
    await closeFd(fd).catch(() => undefined);
  }
}

/** Why a referenced output does not hold what its receipt says, or undefined when it does. */
export async function outputRefProblem(blackboardPath: string, ref: OutputRef): Promise<string | undefined> {
  const file = outputRefFile(blackboardPath, ref);
  if (file === undefined) return `its output_ref is malformed (${JSON.stringify(ref).slice(0, 200)})`;
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return errorCode(error) === 'ENOENT'
      ? `its output ${ref.path} is missing`
      : `its output ${ref.path} cannot be read: ${describe(error)}`;
  }
  if (bytes.length !== ref.bytes || sha256(bytes) !== ref.sha256) {
    return `its output ${ref.path} was changed (${bytes.length} bytes, sha256 ${sha256(bytes)}; the receipt says ${ref.bytes} bytes, ${ref.sha256})`;
  }
  return undefined;
}

/**
 * The output a reference names, parsed, after checking its bytes hash to the reference; or
 * undefined (missing, changed or not JSON). For readers such as the dashboard.
 */
export async function readOutputRef(blackboardPath: string, ref: OutputRef): Promise<unknown> {
  const file = outputRefFile(blackboardPath, ref);
  if (file === undefined) return undefined;
  const bytes = await readFile(file).catch(() => undefined);
  if (bytes === undefined || sha256(bytes) !== ref.sha256) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
