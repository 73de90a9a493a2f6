import {
  close,
  closeSync,
  fsync,
  link,
  linkSync,
  mkdir,
  mkdirSync,
  open,
  openSync,
  rename,
  renameSync,
  write,
  writeSync,
} from 'node:fs';
import { createCallMode } from '../blackboard/index.js';

/**
 * The digest writer's small file calls on plain descriptors (decision 0054): mkdir, open, write,
 * close, rename and link run synchronously while this process's calls prove fast (the page cache answers
 * them in microseconds, a round trip through libuv's pool costs ~50 µs and a wake-up each), through
 * the pool once they show a slow disk — the same rule as the blackboard's (decisions 0037, 0041).
 * Same system calls and errors (as rejections) either way. fsync is never one of them: it waits
 * for the disk and always goes through the pool.
 */
const mode = createCallMode();

function done(resolve: () => void, reject: (error: unknown) => void) {
  return (error: NodeJS.ErrnoException | null) => (error ? reject(error) : resolve());
}

export function openFd(path: string, flags: string): Promise<number> {
  return mode.run(
    () => openSync(path, flags, 0o666),
    () =>
      new Promise((resolve, reject) =>
        open(path, flags, 0o666, (error, fd) => (error ? reject(error) : resolve(fd))),
      ),
  );
}

function writeFd(fd: number, bytes: Buffer, offset: number): Promise<number> {
  return mode.run(
    () => writeSync(fd, bytes, offset, bytes.length - offset, null),
    () =>
      new Promise((resolve, reject) =>
        write(fd, bytes, offset, bytes.length - offset, null, (error, written) =>
          error ? reject(error) : resolve(written),
        ),
      ),
  );
}

/** Writes all of `text` (UTF-8) at the current position, looping over short writes. */
export async function writeTextFd(fd: number, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += await writeFd(fd, bytes, offset);
}

/** fsync, always through the pool. */
export function syncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, done(resolve, reject)));
}

export function closeFd(fd: number): Promise<void> {
  return mode.run(
    () => closeSync(fd),
    () => new Promise((resolve, reject) => close(fd, done(resolve, reject))),
  );
}

export function renamePath(from: string, to: string): Promise<void> {
  return mode.run(
    () => renameSync(from, to),
    () => new Promise((resolve, reject) => rename(from, to, done(resolve, reject))),
  );
}

export function linkPath(existing: string, created: string): Promise<void> {
  return mode.run(
    () => linkSync(existing, created),
    () => new Promise((resolve, reject) => link(existing, created, done(resolve, reject))),
  );
}

/** `mkdir`; with `recursive`, resolves with the first folder it made (undefined: it existed). */
export function mkdirPath(path: string, recursive = false): Promise<string | undefined> {
  return mode.run(
    () => mkdirSync(path, { recursive }),
    () =>
      new Promise((resolve, reject) =>
        mkdir(path, { recursive }, (error, made) => (error ? reject(error) : resolve(made))),
      ),
  );
}
