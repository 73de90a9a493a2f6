import { describe, expect, it } from 'vitest';
import { WORKER_MAX_FILE_CHARS, workerPositions } from './analyze-concurrently.js';
import { analyzeFile } from './analyze-workspace.js';

describe('workerPositions', () => {
  it('sends the workers source files the memo did not answer, none longer than the bound', () => {
    const files = [
      { path: 'a.ts', text: 'export const a = 1;' },
      { path: 'package.json', text: '{}' },
      { path: 'long.js', text: 'a;'.repeat(WORKER_MAX_FILE_CHARS / 2 + 1) },
      { path: 'edge.js', text: 'a'.repeat(WORKER_MAX_FILE_CHARS) },
      { path: 'known.ts', text: 'export const b = 2;' },
    ];
    const remembered = analyzeFile(
      'known.ts',
      'export const b = 2;',
      new Set(files.map((file) => file.path)),
    );
    const { pending, chars } = workerPositions(files, [
      undefined,
      undefined,
      undefined,
      undefined,
      remembered,
    ]);
    // The long file (one character over) stays on this thread: its tree could outgrow a worker's heap.
    expect(pending).toEqual([0, 3]);
    expect(chars).toBe((files[0]?.text.length ?? 0) + WORKER_MAX_FILE_CHARS);
  });
});
