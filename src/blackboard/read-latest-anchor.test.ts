import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorsPath, readBlackboardAnchors, readLatestAnchor } from './blackboard-anchors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlord-latest-anchor-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const anchorLine = (seq: number, note: string) =>
  JSON.stringify({
    format: 'swarmlord.anchor/v1',
    mission_id: `mi_${seq}_${note}`,
    seq,
    hash: 'a'.repeat(64),
    offset: seq * 100,
    at: '2026-12-02T00:00:00.000Z',
    files: [{ path: `digests/${note}.md`, sha256: 'b'.repeat(64) }],
  });

// Anchors, lines that are not anchors (empty, garbage, non-ASCII), and an optional torn tail.
const line = fc.oneof(
  fc
    .tuple(fc.nat(1000), fc.string({ unit: 'grapheme', maxLength: 40 }))
    .map(([seq, note]) => anchorLine(seq, note)),
  fc.constant(''),
  fc.string({ maxLength: 30 }).map((text) => text.replaceAll('\n', ' ')),
  fc.constant('{"format":"swarmlord.anchor/v1","seq":"not a number"}'),
);
const file = fc.tuple(fc.array(line, { maxLength: 12 }), fc.option(line), fc.integer({ min: 1, max: 64 }));

describe('readLatestAnchor', () => {
  it('gives what reading the whole file gives: the last complete line that is an anchor', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(file, async ([lines, torn, blockBytes]) => {
        round += 1;
        const path = join(dir, `board-${round}.jsonl`);
        const text = lines.map((each) => `${each}\n`).join('') + (torn ?? '');
        await writeFile(anchorsPath(path), text);
        const whole = (await readBlackboardAnchors(path)).anchors.at(-1);
        expect(await readLatestAnchor(path, blockBytes)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('is undefined without an anchors file', async () => {
    expect(await readLatestAnchor(join(dir, 'none.jsonl'))).toBeUndefined();
  });
});
