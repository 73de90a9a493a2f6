import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** One line of a blackboard file as read from disk. */
export interface StreamedLine {
  /** The line without its newline. */
  text: string;
  /** Byte offset where it starts. */
  offset: number;
  /** False for the last bytes of a file that does not end with a newline. */
  complete: boolean;
}

/**
 * The lines of a file from byte `start` (a line start), read in chunks: memory stays bounded by the longest line, whatever the
 * file's size (a whole-file string fails past V8's longest string, about 512 MiB).
 */
export async function* streamBlackboardLines(path: string, start = 0): AsyncGenerator<StreamedLine> {
  for await (const batch of streamBlackboardLineBatches(path, start)) yield* batch;
}

/** The same lines, one array per read chunk: what a reader of millions of lines loops over (no await per line). */
export async function* streamBlackboardLineBatches(path: string, start = 0): AsyncGenerator<StreamedLine[]> {
  let carry = Buffer.alloc(0);
  let offset = start;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024, start })) {
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const batch: StreamedLine[] = [];
    let from = 0;
    let newline = buffer.indexOf(0x0a);
    while (newline >= 0) {
      batch.push({ text: buffer.toString('utf8', from, newline), offset, complete: true });
      offset += newline + 1 - from;
      from = newline + 1;
      newline = buffer.indexOf(0x0a, from);
    }
    carry = Buffer.from(buffer.subarray(from));
    if (batch.length > 0) yield batch;
  }
  if (carry.length > 0) yield [{ text: carry.toString('utf8'), offset, complete: false }];
}

/** A run of whole lines of a blackboard file, as bytes, or the bytes after its last newline. */
export interface LineChunk {
  /** Complete lines, each ending with `\n` (when `complete`), else the file's last bytes. */
  bytes: Buffer;
  /** File offset of `bytes[0]`. */
  offset: number;
  /** False only for the final chunk: bytes after the last newline (a torn last line). */
  complete: boolean;
}

/**
 * The file as chunks of whole lines (about `chunkBytes` each; one line longer than that makes its
 * chunk longer): what a reader that checks bytes, not strings, loops over. Memory stays bounded
 * by the chunk size and the longest line: one chunk ahead is read while the caller checks the
 * current one (its own buffer, never reused), so the reads overlap the checking.
 */
export async function* streamBlackboardChunks(
  path: string,
  chunkBytes = 2 * 1024 * 1024,
): AsyncGenerator<LineChunk> {
  const handle = await open(path, 'r');
  /** Reads into a fresh buffer that starts with `carry` (the bytes after the last newline so far). */
  const readAfter = async (carry: Buffer, position: number) => {
    const buffer = Buffer.allocUnsafe(Math.max(chunkBytes, carry.length * 2));
    carry.copy(buffer, 0);
    const { bytesRead } = await handle.read(buffer, carry.length, buffer.length - carry.length, position);
    return { buffer, filled: carry.length + bytesRead, bytesRead };
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
      // The rest goes to the next buffer (copied out: the consumer may hand this chunk's memory to a worker).
      ahead = readAfter(last < 0 ? buffer.subarray(0, filled) : buffer.subarray(last + 1, filled), position);
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
