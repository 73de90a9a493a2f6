import { createReadStream } from 'node:fs';

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
