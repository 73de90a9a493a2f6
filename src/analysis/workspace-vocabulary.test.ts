import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createWorkspaceVocabulary, textStemTable } from './workspace-vocabulary.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => ({ path: `src/analysis/${name}`, text: readFileSync(join(here, name), 'utf8') }));

describe('workspace vocabulary stems per file', () => {
  it('joins per-file stems of unchanged files into the same stems, in the same order, as splitting all', () => {
    const before = createWorkspaceVocabulary(files, []);
    const listed = before.fileStems();
    expect(listed?.offsets.length).toBe(files.length + 1);
    const stems = before.textStems();
    // Today: every third file edited (its words changed), the others as before.
    const today = files.map((file, index) =>
      index % 3 === 0
        ? { path: file.path, text: `${file.text}\nconst brandNewWordZq = 'shifted Order';\n` }
        : file,
    );
    const asked: number[] = [];
    const reused = createWorkspaceVocabulary(today, [], (index) => {
      if (index % 3 === 0 || listed === undefined) return undefined;
      asked.push(index);
      const ids = listed.ids.subarray(listed.offsets[index], listed.offsets[index + 1]);
      return [...ids].map((id) => stems[id] as string);
    });
    const fresh = createWorkspaceVocabulary(today, []);
    expect(asked.length).toBeGreaterThan(5);
    expect(reused.textStems()).toEqual(fresh.textStems());
    expect(reused.fileStems()).toEqual(fresh.fileStems());
    expect(reused.textStems()).toContain('zq');
    for (const word of ['brand', 'shifted', 'vocabulary', 'kubernetes', 'stems'])
      expect(reused.has(word), word).toBe(fresh.has(word));
    // A vocabulary made from the stored stems of the whole workspace lists none per file.
    expect(createWorkspaceVocabulary(files, [], stems).fileStems()).toBeUndefined();
    expect(createWorkspaceVocabulary(files, [], stems).textStems()).toEqual(stems);
  });
});

describe('text stem table', () => {
  it('gives the stems splitting every text gives, letting the event loop run between a few files', async () => {
    const alone = createWorkspaceVocabulary(files, []);
    // Turns of ~4k characters: this folder's files take many turns; count the turns given away.
    let turns = 0;
    let counting = true;
    const tick = () => {
      if (!counting) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const table = await textStemTable(files, undefined, 4096);
    counting = false;
    expect(turns).toBeGreaterThan(3);
    expect([...table.stems.keys()]).toEqual(alone.textStems());
    expect(table.perFile).toEqual(alone.fileStems());
    const fromTable = createWorkspaceVocabulary(files, [], table);
    expect(fromTable.textStems()).toEqual(alone.textStems());
    expect(fromTable.fileStems()).toEqual(alone.fileStems());
  });
});
