import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditChunks } from './audit-read-chunks.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-audit-chunks-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** What each chunk held when it was handed out, then its memory released (or moved away) as the audit does. */
async function read(path: string, chunkBytes: number, handOff: 'release' | 'move' | 'keep') {
  const { chunks, release } = readAuditChunks(path, chunkBytes);
  const { port1, port2 } = new MessageChannel();
  const seen: { text: string; offset: number; complete: boolean; buffer: ArrayBufferLike }[] = [];
  try {
    for await (const chunk of chunks) {
      expect(chunk.bytes.byteOffset).toBe(0);
      seen.push({
        text: chunk.bytes.toString('latin1'),
        offset: chunk.offset,
        complete: chunk.complete,
        buffer: chunk.bytes.buffer,
      });
      if (handOff === 'release') release(chunk.bytes);
      // Moved to another thread the moment it is handed out: the next chunk must not lose its carried bytes.
      else if (handOff === 'move') port1.postMessage(chunk.bytes, [chunk.bytes.buffer as ArrayBuffer]);
    }
  } finally {
    port1.close();
    port2.close();
  }
  return seen;
}

describe('readAuditChunks', () => {
  it('cuts any file into whole lines at their offsets, the torn tail last, whether chunks are released, moved or kept', async () => {
    let attempt = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ maxLength: 40 }).map((line) => line.replaceAll('\n', '')),
          { maxLength: 12 },
        ),
        fc.string({ maxLength: 5 }).map((tail) => tail.replaceAll('\n', '')),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom('release' as const, 'move' as const, 'keep' as const),
        async (lines, tail, chunkBytes, handOff) => {
          attempt += 1;
          const path = join(directory, `f${attempt}.jsonl`);
          const whole = Buffer.from(lines.map((line) => `${line}\n`).join('') + tail);
          await writeFile(path, whole);
          let expectedOffset = 0;
          const complete: string[] = [];
          let torn: string | undefined;
          for (const chunk of await read(path, chunkBytes, handOff)) {
            expect(chunk.offset).toBe(expectedOffset);
            expect(chunk.text).toBe(whole.toString('latin1', chunk.offset, chunk.offset + chunk.text.length));
            expectedOffset += chunk.text.length;
            if (!chunk.complete) torn = chunk.text;
            else {
              expect(chunk.text.endsWith('\n')).toBe(true);
              complete.push(...chunk.text.slice(0, -1).split('\n'));
            }
          }
          expect(expectedOffset).toBe(whole.length);
          expect(complete.map((line) => Buffer.from(line, 'latin1').toString())).toEqual(lines);
          expect(torn === undefined ? '' : Buffer.from(torn, 'latin1').toString()).toBe(tail);
        },
      ),
      { numRuns: 90 },
    );
  });

  it('reads into released memory again, and never into memory still held', async () => {
    const path = join(directory, 'reuse.jsonl');
    await writeFile(path, Array.from({ length: 40 }, (_, index) => `line ${index}\n`).join(''));
    const released = await read(path, 16, 'release');
    expect(new Set(released.map((chunk) => chunk.buffer)).size).toBeLessThan(released.length);
    const kept = await read(path, 16, 'keep');
    expect(new Set(kept.map((chunk) => chunk.buffer)).size).toBe(kept.length);
  });
});
