import type { BigIntStats, Stats } from 'node:fs';
import {
  close,
  closeSync,
  fdatasync,
  fstat,
  fstatSync,
  ftruncate,
  ftruncateSync,
  futimes,
  futimesSync,
  link,
  linkSync,
  mkdir,
  mkdirSync,
  open,
  openSync,
  read,
  readdir,
  readdirSync,
  readSync,
  stat,
  statSync,
  unlink,
  unlinkSync,
  write,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { createCallMode } from './call-mode.js';

/**
 * The blackboard's and the lock's small file calls (decisions 0038, 0041), on plain descriptors:
 * `fs/promises` opens a `FileHandle` for every `writeFile`/`readFile`, which costs more than the
 * system call itself. Each call runs synchronously while this process's calls prove fast (a stat,
 * link or write that the page cache answers in microseconds, where a round trip through libuv's
 * thread pool costs ~50 µs of CPU), and through the pool with callbacks once they show a slow
 * disk (`call-mode.ts`). Same system calls, same errors (as rejections), either way. fsync is
 * never one of them: it waits for the disk and always goes through the pool.
 */
const mode = createCallMode();

function settle<T>(resolve: (value: T) => void, reject: (error: unknown) => void) {
  return (error: NodeJS.ErrnoException | null, value: T) => (error ? reject(error) : resolve(value));
}

function done(resolve: () => void, reject: (error: unknown) => void) {
  return (error: NodeJS.ErrnoException | null) => (error ? reject(error) : resolve());
}

export function openFd(path: string, flags: string): Promise<number> {
  return mode.run(
    () => openSync(path, flags, 0o666),
    () => new Promise((resolve, reject) => open(path, flags, 0o666, settle(resolve, reject))),
  );
}

export function closeFd(fd: number): Promise<void> {
  return mode.run(
    () => closeSync(fd),
    () => new Promise((resolve, reject) => close(fd, done(resolve, reject))),
  );
}

/** Bigint stats: an inode number above 2^53 (some file systems) must not round onto another's. */
export function statFd(fd: number): Promise<BigIntStats> {
  return mode.run(
    () => fstatSync(fd, { bigint: true }),
    () => new Promise((resolve, reject) => fstat(fd, { bigint: true }, settle(resolve, reject))),
  );
}

/** The open file's size in bytes. */
export async function sizeOfFd(fd: number): Promise<number> {
  const info = await mode.run<Stats>(
    () => fstatSync(fd),
    () => new Promise((resolve, reject) => fstat(fd, settle(resolve, reject))),
  );
  return info.size;
}

/** Reads into `buffer[offset, offset + length)` from file `position`; resolves with the bytes read. */
export function readFd(
  fd: number,
  buffer: Buffer,
  offset: number,
  length: number,
  position: number,
): Promise<number> {
  return mode.run(
    () => readSync(fd, buffer, offset, length, position),
    () =>
      new Promise((resolve, reject) =>
        read(fd, buffer, offset, length, position, (error, bytesRead) =>
          error ? reject(error) : resolve(bytesRead),
        ),
      ),
  );
}

/** Writes `bytes[offset, end)` at the current position (the end, for a file opened to append). */
export function writeFd(fd: number, bytes: Buffer, offset: number, end = bytes.length): Promise<number> {
  return mode.run(
    () => writeSync(fd, bytes, offset, end - offset, null),
    () =>
      new Promise((resolve, reject) =>
        write(fd, bytes, offset, end - offset, null, (error, written) =>
          error ? reject(error) : resolve(written),
        ),
      ),
  );
}

/** Writes all of `bytes` at the current position (looping over short writes). */
export async function writeAllFd(fd: number, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) offset += await writeFd(fd, bytes, offset);
}

export function linkPath(existing: string, created: string): Promise<void> {
  return mode.run(
    () => linkSync(existing, created),
    () => new Promise((resolve, reject) => link(existing, created, done(resolve, reject))),
  );
}

export function unlinkPath(path: string): Promise<void> {
  return mode.run(
    () => unlinkSync(path),
    () => new Promise((resolve, reject) => unlink(path, done(resolve, reject))),
  );
}

export function statPath(path: string): Promise<BigIntStats> {
  return mode.run(
    () => statSync(path, { bigint: true }),
    () => new Promise((resolve, reject) => stat(path, { bigint: true }, settle(resolve, reject))),
  );
}

export function touchFd(fd: number, at: Date): Promise<void> {
  return mode.run(
    () => futimesSync(fd, at, at),
    () => new Promise((resolve, reject) => futimes(fd, at, at, done(resolve, reject))),
  );
}

/** Creates the folder and its parents when missing (`mkdir -p`). */
export function makeFolder(path: string): Promise<void> {
  return mode.run(
    () => {
      mkdirSync(path, { recursive: true });
    },
    () => new Promise((resolve, reject) => mkdir(path, { recursive: true }, done(resolve, reject))),
  );
}

/** The names in a folder. */
export function listFolder(path: string): Promise<string[]> {
  return mode.run(
    () => readdirSync(path),
    () => new Promise((resolve, reject) => readdir(path, settle(resolve, reject))),
  );
}

/** Whether `path` exists (ENOENT: false); any other error is thrown. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    const found = await mode.run<Stats | undefined>(
      // A missing entry answered without an Error (and its stack) built for it. Node ≥ 22 answers
      // `undefined` for ENOTDIR too: an entry missing from a directory is ENOENT; anywhere else the
      // plain call says which (ENOENT, caught below, or the error it is).
      () => {
        const found = statSync(path, { throwIfNoEntry: false });
        if (found !== undefined || statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory() === true)
          return found;
        return statSync(path);
      },
      () => new Promise((resolve, reject) => stat(path, settle(resolve, reject))),
    );
    return found !== undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * `fdatasync` of a descriptor. It waits for the disk, so it always goes through the pool (never the
 * call mode); a callback rather than a `FileHandle` method: no promise machinery of `fs/promises`
 * per sync (~5-10 µs of CPU each on this machine).
 */
export function datasyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

/** An open descriptor with the `FileHandle` methods the blackboard uses, each through the call mode. */
export interface FdHandle {
  readonly fd: number;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * `fs/promises.open` as the blackboard uses it, through the call mode (decision 0041): an open, a
 * truncate and a close answered from the page cache cost a thread-pool round trip each otherwise.
 */
export async function openFdHandle(path: string, flags: string): Promise<FdHandle> {
  const fd = await openFd(path, flags);
  return {
    fd,
    truncate: (length) =>
      mode.run(
        () => ftruncateSync(fd, length),
        () => new Promise((resolve, reject) => ftruncate(fd, length, done(resolve, reject))),
      ),
    close: () => closeFd(fd),
  };
}
