import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamBlackboardChunks } from './stream-blackboard-lines.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-chunks-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('streamBlackboardChunks', () => {
  it('cuts any file into whole lines at their offsets, lines longer than a chunk included, the torn tail last', async () => {
    let attempt = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 40 }).map((line) => line.replaceAll('\n', '')),
          {
            maxLength: 12,
          },
        ),
        fc.string({ maxLength: 5 }).map((tail) => tail.replaceAll('\n', '')),
        fc.integer({ min: 1, max: 64 }),
        async (lines, tail, chunkBytes) => {
          attempt += 1;
          const path = join(directory, `f${attempt}.jsonl`);
          const text = lines.map((line) => `${line}\n`).join('') + tail;
          await writeFile(path, text);
          const whole = Buffer.from(text);
          const complete: string[] = [];
          let torn: string | undefined;
          let expectedOffset = 0;
          for await (const chunk of streamBlackboardChunks(path, chunkBytes)) {
            expect(chunk.offset).toBe(expectedOffset);
            expect(chunk.bytes.equals(whole.subarray(chunk.offset, chunk.offset + chunk.bytes.length))).toBe(
              true,
            );
            expectedOffset += chunk.bytes.length;
            if (!chunk.complete) torn = chunk.bytes.toString();
            else {
              expect(chunk.bytes.at(-1)).toBe(0x0a);
              complete.push(...chunk.bytes.toString().slice(0, -1).split('\n'));
            }
          }
          expect(complete).toEqual(lines);
          expect(torn).toBe(tail === '' ? undefined : tail);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads one chunk ahead and, when the reader stops early, lets that read end before closing the file', async () => {
    const path = join(directory, 'ahead.jsonl');
    await writeFile(path, 'a\nbb\nccc\ndddd\n');
    const chunks: string[] = [];
    for await (const chunk of streamBlackboardChunks(path, 3)) {
      chunks.push(chunk.bytes.toString());
      if (chunks.length === 2) break;
    }
    expect(chunks).toEqual(['a\n', 'bb\n']);
    const all: string[] = [];
    for await (const chunk of streamBlackboardChunks(path, 3)) all.push(chunk.bytes.toString());
    expect(all.join('')).toBe('a\nbb\nccc\ndddd\n');
  });
});
