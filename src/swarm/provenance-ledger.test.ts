import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../contracts/index.js';
import type { ContextExcerpt } from '../models/index.js';
import { createProvenanceLedger, renderExcerpts } from './provenance-ledger.js';

const text = ['const a = 1;', 'export function retry(times) {', '  return delay(100);', '}'].join('\n');

function excerpt(path: string, start: number, body: string, commit?: string): ContextExcerpt {
  const end = start + body.split('\n').length - 1;
  return {
    ref: { kind: 'file', path, lines: [start, end], sha256: sha256Hex(body), ...(commit ? { commit } : {}) },
    text: body,
    score: 1,
  };
}

describe('createProvenanceLedger', () => {
  it('gives each excerpt an id, the same lines keep their id, and renders them for the model', () => {
    const ledger = createProvenanceLedger('lane-1');
    const [first] = ledger.enter([excerpt('src/a.ts', 10, text)]);
    const [again] = ledger.enter([excerpt('src/a.ts', 10, text)]);
    expect(first?.id).toBe('E1');
    expect(again?.id).toBe('E1');
    expect(ledger.size).toBe(1);
    expect(renderExcerpts([first as ContextExcerpt])).toBe(`[E1] src/a.ts:10-13\n${text}`);
  });

  it('pins a ref id, narrowed to lines inside it, and computes the hash from the returned text', () => {
    const ledger = createProvenanceLedger('lane-1');
    ledger.enter([excerpt('src/a.ts', 10, text)]);
    const pinned = ledger.pin({ ref_id: 'E1', start_line: 11, end_line: 12, quote: 'delay(100)' });
    expect(pinned).toEqual({
      ok: true,
      ref: {
        kind: 'file',
        path: 'src/a.ts',
        lines: [11, 12],
        sha256: sha256Hex('export function retry(times) {\n  return delay(100);'),
        quote: 'delay(100)',
      },
    });
  });

  it('pins a path + quote to the lines that contain it, across adjacent excerpts', () => {
    const ledger = createProvenanceLedger('lane-1');
    ledger.enter([excerpt('src/a.ts', 1, 'line one\nline two'), excerpt('src/a.ts', 3, 'line three')]);
    const pinned = ledger.pin({ path: './src/a.ts', quote: 'line two line three' });
    expect(pinned.ok && pinned.ref.lines).toEqual([2, 3]);
  });

  it('refuses lines, ids and quotes no tool returned to the lane, naming why', () => {
    const ledger = createProvenanceLedger('lane-7');
    ledger.enter([excerpt('src/a.ts', 10, text)]);
    const problems = ledger.pinAll([
      { ref_id: 'E9' },
      { path: 'src/a.ts', start_line: 12, end_line: 20 },
      { path: 'src/other.ts', start_line: 1, end_line: 1 },
      { ref_id: 'E1', quote: 'delay(1000)' },
      { path: 'src/a.ts' },
      {},
    ]).problems;
    expect(problems).toEqual([
      'E9: no excerpt with this id was returned to lane-7',
      'src/a.ts:12-20: no tool returned these lines to lane-7',
      'src/other.ts:1-1: no tool returned these lines to lane-7',
      'E1: the quote does not occur in E1',
      'src/a.ts: cites a path without lines, ref_id or quote',
      '(no ref_id or path): a citation needs a ref_id or a path',
    ]);
  });

  it('keeps lines read at a commit apart from the working tree', () => {
    const ledger = createProvenanceLedger('lane-1');
    ledger.enter([excerpt('src/a.ts', 1, 'old text', 'abc123')]);
    expect(ledger.pin({ path: 'src/a.ts', start_line: 1, end_line: 1 }).ok).toBe(false);
    const pinned = ledger.pin({ ref_id: 'E1' });
    expect(pinned.ok && pinned.ref.commit).toBe('abc123');
  });

  it('deduplicates refs of one claim', () => {
    const ledger = createProvenanceLedger('lane-1');
    ledger.enter([excerpt('src/a.ts', 10, text)]);
    const { refs } = ledger.pinAll([{ ref_id: 'E1' }, { path: 'src/a.ts', start_line: 10, end_line: 13 }]);
    expect(refs).toHaveLength(1);
  });

  it('pins lines as last returned: a later excerpt over the same lines wins, the rest stay', () => {
    const ledger = createProvenanceLedger('lane-1');
    ledger.enter([excerpt('src/a.ts', 1, 'one\ntwo\nthree'), excerpt('src/a.ts', 2, 'TWO\nTHREE\nfour')]);
    const pinned = ledger.pinAll([
      { path: 'src/a.ts', start_line: 1, end_line: 1 },
      { path: 'src/a.ts', start_line: 2, end_line: 4 },
      { path: 'src/a.ts', start_line: 4, end_line: 5 },
    ]);
    expect(pinned.refs.map((ref) => ref.sha256)).toEqual([sha256Hex('one'), sha256Hex('TWO\nTHREE\nfour')]);
    expect(pinned.problems).toEqual(['src/a.ts:4-5: no tool returned these lines to lane-1']);
    expect(ledger.pin({ path: 'src/a.ts', quote: 'THREE' })).toMatchObject({
      ok: true,
      ref: { lines: [3, 3] },
    });
  });

  it('shows one frozen excerpt to many lanes, each pinning it on its own', () => {
    const shared = Object.freeze(excerpt('src/a.ts', 10, text));
    const lanes = [createProvenanceLedger('lane-1'), createProvenanceLedger('lane-2')];
    for (const ledger of lanes) ledger.enter([shared]);
    const refs = lanes.map((ledger) => ledger.pin({ ref_id: 'E1', start_line: 11, end_line: 12 }));
    expect(refs[0]).toEqual(refs[1]);
    expect(refs[0]).toMatchObject({
      ok: true,
      ref: { sha256: sha256Hex(text.split('\n').slice(1, 3).join('\n')) },
    });
    expect(lanes[1]?.pin({ ref_id: 'E2' })).toMatchObject({ ok: false });
  });

  it('keeps one copy of each new excerpt: the one handed back is the one it lists', () => {
    const ledger = createProvenanceLedger('lane-1');
    const shown = Object.freeze(excerpt('src/a.ts', 10, text));
    const [entered] = ledger.enter([shown]);
    expect(entered?.id).toBe('E1');
    expect(ledger.excerpts()[0]).toBe(entered);
    // A frozen excerpt shown to another lane gets that lane's own ids, from the same key.
    const other = createProvenanceLedger('lane-2');
    other.enter([excerpt('src/b.ts', 1, 'x')]);
    expect(other.enter([shown])[0]?.id).toBe('E2');
    expect(other.enter([excerpt('src/a.ts', 10, text)])[0]?.id).toBe('E2');
  });

  it('pins only ids exactly as it gave them', () => {
    const ledger = createProvenanceLedger('lane-1');
    ledger.enter([excerpt('src/a.ts', 10, text), excerpt('src/b.ts', 1, 'x')]);
    expect(ledger.pin({ ref_id: ' E2 ' }).ok).toBe(true);
    for (const ref_id of ['E02', 'E2.0', 'E0', 'E3', 'E', 'e1', 'E-1']) {
      expect(ledger.pin({ ref_id })).toMatchObject({ ok: false });
    }
  });
});
