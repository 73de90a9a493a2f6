import { open } from 'node:fs/promises';

/** A run of whole lines of a blackboard file, as bytes, or the bytes after its last newline. */
export interface LineChunk {
  /** Complete lines, each ending with `\n` (when `complete`), else the file's last bytes. */
  bytes: Buffer;
  /** File offset of `bytes[0]`. */
  offset: number;
  /** False only for the final chunk: bytes after the last newline (a torn last line). */
  complete: boolean;
}

/** The chunks of a file for the audit, and a way to hand a chunk's memory back for a later read. */
export interface AuditChunks {
  chunks: AsyncGenerator<LineChunk>;
  /**
   * The caller is done with these bytes (a chunk it was given, or the same memory back from a
   * worker): the memory is read into again for a later chunk. Nothing may read them afterwards.
   */
  release(bytes: Buffer): void;
}

/** How many released buffers are kept for reuse (the chunk being checked and one read ahead are the others). */
const SPARE = 2;

/**
 * The file as chunks of whole lines (about `chunkBytes` each; a line longer than that makes its
 * chunk longer), the last one the bytes after the last newline if any (`complete` false); one chunk is read ahead while the caller checks the current one.
 * Each chunk's bytes start their own buffer (`allocUnsafeSlow`: never a slice of Node's shared
 * pool, so they can be moved to a worker). A buffer the caller releases is read into again instead of a new one
 * (a new 2 MiB buffer per chunk is memory the collector must find and free: a full collection
 * every ~64 MiB read, and fresh pages for every read).
 */
export function readAuditChunks(path: string, chunkBytes = 2 * 1024 * 1024): AuditChunks {
  const spare: Buffer[] = [];
  const release = (bytes: Buffer) => {
    const buffer = Buffer.from(bytes.buffer, 0, bytes.buffer.byteLength);
    if (bytes.byteOffset === 0 && buffer.length >= chunkBytes && spare.length < SPARE) spare.push(buffer);
  };
  async function* chunks(): AsyncGenerator<LineChunk> {
    const handle = await open(path, 'r');
    /** Reads into a buffer (a released one, or a new one) that starts with `carry`, the bytes after the last newline so far. */
    const readAfter = async (carry: Buffer, position: number) => {
      const size = Math.max(chunkBytes, carry.length * 2);
      let buffer = spare.pop();
      if (buffer === undefined || buffer.length < size) buffer = Buffer.allocUnsafeSlow(size);
      // Taken now: the memory `carry` is a view of may be moved away (to a worker) before the read lands.
      const carried = carry.copy(buffer, 0);
      const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, position);
      return { buffer, filled: carried + bytesRead, bytesRead };
    };
    let ahead: ReturnType<typeof readAfter> | undefined;
    try {
      let offset = 0;
      let position = 0;
      ahead = readAfter(Buffer.alloc(0), 0);
      for (;;) {
        const { buffer, filled, bytesRead } = await ahead;
        ahead = undefined;
        position += bytesRead;
        if (bytesRead === 0) {
          if (filled > 0) yield { bytes: buffer.subarray(0, filled), offset, complete: false };
          return;
        }
        const last = buffer.lastIndexOf(0x0a, filled - 1);
        // The rest is copied to the next buffer before this chunk is handed out.
        ahead = readAfter(
          last < 0 ? buffer.subarray(0, filled) : buffer.subarray(last + 1, filled),
          position,
        );
        if (last < 0) continue;
        yield { bytes: buffer.subarray(0, last + 1), offset, complete: true };
        offset += last + 1;
      }
    } finally {
      // A read still in flight (the consumer stopped early) ends before the file is closed.
      await ahead?.catch(() => undefined);
      await handle.close();
    }
  }
  return { chunks: chunks(), release };
}

/** `length` bytes of the file from `offset` (a chunk a dead worker took with it). */
export async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(bytes, filled, length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // The same whole lines, or the file changed under the audit: no verdict on bytes it did not read.
    if (filled < length || bytes[length - 1] !== 0x0a) {
      throw new Error(`${path} changed while it was audited (bytes ${offset}-${offset + length} read again)`);
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
