import type { BigIntStats } from 'node:fs';
import { close, fstat, futimes, link, open, stat, unlink, write } from 'node:fs';

/**
 * The few file calls of the lock (decision 0038), on plain descriptors with callbacks:
 * `fs/promises` opens a `FileHandle` for every `writeFile`/`readFile`, which costs more than the
 * system call itself (measured on Node 20: ≈ 400 µs of CPU for the old 11-call lock cycle through
 * `fs/promises`, ≈ 220 µs for the same calls here).
 */
function settle<T>(resolve: (value: T) => void, reject: (error: unknown) => void) {
  return (error: NodeJS.ErrnoException | null, value: T) => (error ? reject(error) : resolve(value));
}

export function openFd(path: string, flags: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, flags, 0o666, settle(resolve, reject)));
}

export function closeFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => close(fd, (error) => (error ? reject(error) : resolve())));
}

/** Bigint stats: an inode number above 2^53 (some file systems) must not round onto another's. */
export function statFd(fd: number): Promise<BigIntStats> {
  return new Promise((resolve, reject) => fstat(fd, { bigint: true }, settle(resolve, reject)));
}

/** Writes all of `bytes` at the current position (looping over short writes). */
export async function writeAllFd(fd: number, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    offset += await new Promise<number>((resolve, reject) =>
      write(fd, bytes, offset, bytes.length - offset, null, settle(resolve, reject)),
    );
  }
}

export function linkPath(existing: string, created: string): Promise<void> {
  return new Promise((resolve, reject) =>
    link(existing, created, (error) => (error ? reject(error) : resolve())),
  );
}

export function unlinkPath(path: string): Promise<void> {
  return new Promise((resolve, reject) => unlink(path, (error) => (error ? reject(error) : resolve())));
}

export function statPath(path: string): Promise<BigIntStats> {
  return new Promise((resolve, reject) => stat(path, { bigint: true }, settle(resolve, reject)));
}

export function touchFd(fd: number, at: Date): Promise<void> {
  return new Promise((resolve, reject) =>
    futimes(fd, at, at, (error) => (error ? reject(error) : resolve())),
  );
}
