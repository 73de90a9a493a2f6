import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { BlackboardError } from './blackboard-error.js';
import { errorCode } from './error-code.js';
import { closeFd, openFd, pathExists, readFd, sizeOfFd } from './fd-calls.js';

/** One line of `<blackboard>.anchors.jsonl`: what the chain and a mission's outputs were at its end. */
export interface BlackboardAnchor {
  format: 'swarmlord.anchor/v1';
  mission_id: string;
  /** The chain head when the mission ended. */
  seq: number;
  hash: string;
  /** Byte offset of that line in the blackboard, so `open` can check it without reading the history. */
  offset: number;
  /** UTC, Z. */
  at: string;
  /** The mission's output files (the digest), paths relative to the blackboard's folder. */
  files: { path: string; sha256: string }[];
}

/** Where the anchors of a blackboard are kept. */
export function anchorsPath(blackboardPath: string): string {
  return `${blackboardPath}.anchors.jsonl`;
}

/** What to anchor: the head a blackboard wrote and the files the mission produced. */
export interface AnchorInput {
  missionId: string;
  head: { seq: number; hash: string; offset: number };
  files?: readonly string[];
}

/**
 * Appends an anchor (fsynced) recording the chain head and the sha256 of each file. `audit` checks
 * the chain against every anchor: a truncated tail, a rewritten history or an edited digest no
 * longer matches what was recorded. Anchors are appended with O_APPEND in one small write, so
 * missions ending together do not interleave.
 */
export async function appendBlackboardAnchor(
  blackboardPath: string,
  input: AnchorInput,
  now = new Date(),
): Promise<BlackboardAnchor> {
  const base = dirname(blackboardPath);
  const files = [];
  for (const file of input.files ?? []) {
    files.push({ path: relative(base, resolve(file)), sha256: await sha256OfFile(file) });
  }
  const anchor: BlackboardAnchor = {
    format: 'swarmlord.anchor/v1',
    mission_id: input.missionId,
    seq: input.head.seq,
    hash: input.head.hash,
    offset: input.head.offset,
    at: now.toISOString(),
    files,
  };
  const path = anchorsPath(blackboardPath);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'a');
    await handle.write(`${JSON.stringify(anchor)}\n`);
    await handle.datasync();
  } catch (error) {
    throw new BlackboardError(
      'BLACKBOARD_WRITE_FAILED',
      path,
      `could not write ${path}: ${describe(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    await handle?.close();
  }
  return anchor;
}

/** Every anchor of a blackboard, oldest first; lines that are not anchors are returned as problems. */
export async function readBlackboardAnchors(
  blackboardPath: string,
): Promise<{ anchors: BlackboardAnchor[]; problems: string[] }> {
  const path = anchorsPath(blackboardPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { anchors: [], problems: [] };
    throw error;
  }
  const anchors: BlackboardAnchor[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '' && last !== undefined) problems.push(`${path} line ${lines.length + 1}: torn (no newline)`);
  lines.forEach((line, index) => {
    const anchor = parseAnchor(line);
    if (anchor) anchors.push(anchor);
    else problems.push(`${path} line ${index + 1}: not an anchor`);
  });
  return { anchors, problems };
}

/**
 * The newest anchor of a blackboard, read from the end of its anchors file: the same answer as
 * `readBlackboardAnchors(path).anchors.at(-1)` (the last complete line that is an anchor; a torn
 * last line, with no newline, is never one), without reading the lines before it. The file gains
 * a line per mission, so `open` no longer pays for the whole history of missions.
 */
export async function readLatestAnchor(
  blackboardPath: string,
  blockBytes = 16 * 1024,
): Promise<BlackboardAnchor | undefined> {
  // The blackboard's small calls (`fd-calls.ts`): synchronous while the disk answers fast, and a
  // missing file (no mission anchored yet) found without an error built for it.
  const path = anchorsPath(blackboardPath);
  if (!(await pathExists(path))) return undefined;
  let fd: number;
  try {
    fd = await openFd(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    let start = await sizeOfFd(fd);
    // Bytes [start, start + held.length) of the file; `end` is how many of them are still unparsed.
    let held = Buffer.alloc(0);
    let end = -1;
    const readBefore = async () => {
      const length = Math.min(blockBytes, start);
      const block = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const bytesRead = await readFd(fd, block, filled, length - filled, start - length + filled);
        if (bytesRead === 0) throw new Error(`${anchorsPath(blackboardPath)} shrank while read`);
        filled += bytesRead;
      }
      start -= length;
      if (end >= 0) end += length;
      held = Buffer.concat([block, held]);
    };
    // The end of the last complete line: bytes after the last newline are a torn line.
    while (end < 0) {
      if (start === 0) return undefined;
      await readBefore();
      const newline = held.lastIndexOf(0x0a);
      if (newline >= 0) {
        end = newline;
        held = held.subarray(0, newline + 1);
      }
    }
    for (;;) {
      // `held[end]` is the newline closing the line under test.
      const before = end === 0 ? -1 : held.lastIndexOf(0x0a, end - 1);
      if (before < 0 && start > 0) {
        await readBefore();
        continue;
      }
      const anchor = parseAnchor(held.subarray(before + 1, end).toString('utf8'));
      if (anchor !== undefined) return anchor;
      if (before < 0) return undefined;
      end = before;
    }
  } finally {
    await closeFd(fd);
  }
}

/** Absolute path of an anchored file. */
export function anchoredFilePath(blackboardPath: string, file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(blackboardPath), file);
}

/**
 * Checks the latest anchor against the file in a few reads (the line at its offset must be its
 * seq and hash), so appending onto a truncated or rewritten chain is refused without reading the
 * whole history. A full check of every anchor and every line is `audit`'s job.
 */
export async function verifyLatestAnchor(
  handle: { readonly fd: number },
  blackboardPath: string,
): Promise<void> {
  const anchor = await readLatestAnchor(blackboardPath);
  if (anchor === undefined) return;
  const size = await sizeOfFd(handle.fd);
  const problem =
    anchor.offset >= size
      ? `ends before seq ${anchor.seq}, anchored by mission ${anchor.mission_id} (its tail was truncated)`
      : await lineMismatch(handle, anchor);
  if (problem === undefined) return;
  throw new BlackboardError(
    'BLACKBOARD_CORRUPT',
    blackboardPath,
    `${blackboardPath} ${problem}; run \`swarmlord audit ${blackboardPath}\` to see what changed`,
  );
}

async function lineMismatch(
  handle: { readonly fd: number },
  anchor: BlackboardAnchor,
): Promise<string | undefined> {
  // A receipt line holds its hash near its end; reading up to the newline is enough.
  let text = '';
  let position = anchor.offset;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const bytesRead = await readFd(handle.fd, chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    const part = chunk.subarray(0, bytesRead);
    const newline = part.indexOf(0x0a);
    text += part.subarray(0, newline < 0 ? bytesRead : newline).toString('utf8');
    if (newline >= 0) break;
    position += bytesRead;
  }
  try {
    const line = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    if (line.seq === anchor.seq && line.hash === anchor.hash) return undefined;
  } catch {
    // Not a line start any more: the history before the anchor changed length.
  }
  return `no longer has the line anchored by mission ${anchor.mission_id} (seq ${anchor.seq}) at its place (its history was rewritten)`;
}

/** One anchors-file line as an anchor, or undefined when it is not one. */
export function parseAnchor(line: string): BlackboardAnchor | undefined {
  try {
    const value = JSON.parse(line) as Partial<BlackboardAnchor>;
    if (
      value.format === 'swarmlord.anchor/v1' &&
      typeof value.seq === 'number' &&
      typeof value.hash === 'string' &&
      typeof value.offset === 'number' &&
      typeof value.mission_id === 'string' &&
      Array.isArray(value.files)
    ) {
      return value as BlackboardAnchor;
    }
  } catch {
    // reported by the caller
  }
  return undefined;
}

/** sha256 of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** "ENOSPC: no space left on device" — the cause, to go beside the file it happened to. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
