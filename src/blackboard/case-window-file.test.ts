import { describe, expect, it } from 'vitest';
import { buildCaseTerms } from './case-terms.js';
import { unpackAll } from './case-vocabulary.js';
import { decodeCaseWindow, encodeCaseWindow, packColumns } from './case-window-file.js';

const SUMMARIES = ['retry the payment', 'Übersicht 東京', 'rounding of totals', '', 'retry retry'];

function encoded(): Buffer {
  const terms = buildCaseTerms(SUMMARIES.length, (document, field) =>
    field === 0 ? (SUMMARIES[document] as string) : field === 1 ? 'react' : 'details',
  );
  return encodeCaseWindow({
    start: 10,
    end: 500,
    sha256: 'a'.repeat(64),
    lines: Float64Array.from([10, 100, 200, 300, 400]),
    documentStarts: Float64Array.from([10, 100, 200, 300, 400]),
    columns: packColumns({
      missionIds: SUMMARIES.map((_, index) => `mi_${index}`),
      seqs: SUMMARIES.map((_, index) => index * 3),
      summaries: SUMMARIES,
    }),
    terms,
  });
}

/** Everything a decoded window holds, as plain values. */
function contents(bytes: Buffer) {
  const window = decodeCaseWindow(bytes);
  if (window === undefined) return undefined;
  const columns = window.columns(0, SUMMARIES.length);
  return {
    lines: Array.from(window.lines),
    documentStarts: Array.from(window.documentStarts),
    terms: window.terms(),
    missionIds: unpackAll(columns.missionIds),
    summaries: unpackAll(columns.summaries),
    seqs: Array.from(columns.seqs),
    rows: SUMMARIES.map((_, index) => [
      window.rows.missionId(index),
      window.rows.seq(index),
      window.rows.summary(index),
    ]),
  };
}

describe('the case window file', () => {
  it('reads back the same window from aligned bytes (views) and from unaligned ones (copies)', () => {
    const bytes = encoded();
    // The header's padding puts the body at a multiple of 8.
    expect((bytes.indexOf(0x0a) + 1) % 8).toBe(0);
    const aligned = contents(bytes);
    expect(aligned?.summaries).toEqual(SUMMARIES);
    expect(aligned?.seqs).toEqual([0, 3, 6, 9, 12]);
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    expect(contents(shifted.subarray(3))).toEqual(aligned);
  });

  it('is no window when a byte of its body changed or it was cut short', () => {
    const bytes = encoded();
    const edited = Buffer.from(bytes);
    edited[edited.length - 2] = (edited[edited.length - 2] as number) ^ 1;
    expect(decodeCaseWindow(edited)).toBeUndefined();
    expect(decodeCaseWindow(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
  });
});
