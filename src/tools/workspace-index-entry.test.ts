import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceFact } from '../analysis/index.js';
import { redactText } from '../blackboard/redact-secrets.js';
import { buildWorkspaceIndex } from './workspace-index.js';
import {
  type AnalysisHeader,
  analysisHeaderPieces,
  ENTRY_FORMAT,
  type EncodedEntry,
  encodeEntry,
  readEntry,
} from './workspace-index-entry.js';

function fact(index: number, statement: string): SourceFact {
  return {
    kind: index % 2 === 0 ? 'defines' : 'calls',
    path: `src/file-${index % 7}.ts`,
    line: index + 1,
    endLine: index + 2,
    statement,
    names: [`name${index}`],
    terms: ['name', `${index}`],
    ...(index % 5 === 0 ? { ruleId: 'rule', target: 'target' } : {}),
  };
}

/** Facts whose JSON fills many pieces, some quoting non-ASCII text and characters JSON escapes. */
const many = Array.from({ length: 3_000 }, (_, index) =>
  fact(index, index % 97 === 0 ? `src/x.ts says "héllo" \u2028 ${'\\'} 𝒳 ${index}` : `statement ${index}`),
);

describe('analysis header pieces', () => {
  it('join into exactly JSON.stringify of the header', () => {
    const headers: AnalysisHeader[] = [
      { facts: [], parsedFiles: 0, unparsedFiles: [] },
      { facts: [fact(1, 'one')], parsedFiles: 1, unparsedFiles: ['a.js'] },
      { facts: many, parsedFiles: 9, unparsedFiles: ['b.ts', 'ç.js'], resolutions: [[['./a', 'a.ts']], []] },
    ];
    for (const header of headers) {
      const pieces = analysisHeaderPieces(header);
      expect(pieces.join('')).toBe(JSON.stringify(header));
    }
    // Many facts are many pieces, each far smaller than the whole.
    const pieces = analysisHeaderPieces({ facts: many, parsedFiles: 0, unparsedFiles: [] });
    expect(pieces.length).toBeGreaterThan(4);
    for (const piece of pieces) expect(piece.length).toBeLessThan(70 * 1024);
  });

  it('hold each fact whole in one piece, so a secret in any fact is found in its piece', () => {
    const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    for (const at of [0, 1, 1_499, 2_999]) {
      const facts = many.map((each, index) => (index === at ? fact(index, `token = "${secret}"`) : each));
      const pieces = analysisHeaderPieces({ facts, parsedFiles: 0, unparsedFiles: [] });
      const holding = pieces.filter((piece) => piece.includes(JSON.stringify(facts[at])));
      expect(holding).toHaveLength(1);
      expect(pieces.filter((piece) => redactText(piece) !== piece)).toEqual(holding);
    }
    // In the header's other fields too.
    const pieces = analysisHeaderPieces({ facts: many, parsedFiles: 0, unparsedFiles: [`${secret}.js`] });
    expect(pieces.some((piece) => redactText(piece) !== piece)).toBe(true);
  });
});

/** Every piece of an encoded entry, made and joined as the cache writes them. */
function entryBytes(entry: EncodedEntry | undefined): Buffer {
  if (entry === undefined) throw new Error('nothing to write');
  return Buffer.concat([...entry.pieces()].map((piece) => Buffer.from(piece)));
}

describe('encodeEntry', () => {
  const files = [
    { path: 'src/a.ts', text: 'export function makeToken(size: number) {\n  return size * 2;\n}\n' },
    {
      path: 'src/b.ts',
      text: "import { makeToken } from './a';\n// héllo 𝒳\nexport const t = makeToken(3);\n",
    },
  ];
  const clean = (text: string) => redactText(text) === text;

  it('writes the headers as JSON text the reader parses back, the analysis as its UTF-8 bytes', async () => {
    const parts = buildWorkspaceIndex(files).parts();
    const entry = encodeEntry('k'.repeat(64), 'f', parts, clean);
    expect(entry).toBeDefined();
    const whole = entryBytes(entry);
    const [format, searchBytes, analysisBytes] = whole.toString('latin1', 0, whole.indexOf(10)).split(' ');
    expect(format).toBe(ENTRY_FORMAT);
    const analysisAt = whole.indexOf(10) + 1 + Number(searchBytes);
    expect(whole.toString('utf8', analysisAt, analysisAt + Number(analysisBytes))).toBe(
      JSON.stringify({
        facts: parts.facts,
        parsedFiles: parts.parsedFiles,
        unparsedFiles: parts.unparsedFiles,
      }),
    );
    const dir = await mkdtemp(join(tmpdir(), 'swarmlord-entry-'));
    try {
      await writeFile(join(dir, 'e.idx'), whole);
      const read = await readEntry(join(dir, 'e.idx'), 'k'.repeat(64));
      expect(read?.facts).toEqual(parts.facts);
      expect(read?.search.terms).toEqual(parts.search.terms);
      expect(read?.search.documents).toEqual(parts.search.documents);
      expect(read?.search.frequencies).toEqual(parts.search.frequencies);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stores the frequencies at their width, 1, 2 or 4 bytes, padded, and reads them back as they were', async () => {
    const parts = buildWorkspaceIndex(files).parts();
    const dir = await mkdtemp(join(tmpdir(), 'swarmlord-entry-'));
    try {
      for (const Width of [Uint8Array, Uint16Array, Uint32Array]) {
        // The same values, in each width; an odd count so the bytes need padding.
        const frequencies = Width.from(parts.search.frequencies);
        expect(frequencies.length % 4).not.toBe(0);
        const wide = { ...parts, search: { ...parts.search, frequencies } };
        const whole = entryBytes(encodeEntry('k'.repeat(64), 'f', wide, clean));
        await writeFile(join(dir, 'e.idx'), whole);
        const read = await readEntry(join(dir, 'e.idx'), 'k'.repeat(64));
        expect(read?.search.frequencies).toBeInstanceOf(Width);
        expect(read?.search).toEqual(wide.search);
        // Another width in the header than the bytes were written at: a miss.
        const text = whole.toString('latin1');
        const width = `"frequencyWidth":${Width.BYTES_PER_ELEMENT}`;
        expect(text).toContain(width);
        await writeFile(join(dir, 'e.idx'), Buffer.from(text.replace(width, '"frequencyWidth":3'), 'latin1'));
        expect(await readEntry(join(dir, 'e.idx'), 'k'.repeat(64))).toBeUndefined();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives nothing to write when any header text is not clean', () => {
    const parts = buildWorkspaceIndex(files).parts();
    const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const planted = { ...parts, facts: [...parts.facts, fact(9, `token = "${secret}"`)] };
    expect(encodeEntry('k', 'f', planted, clean)).toBeUndefined();
    const inPaths = { ...parts, chunkPaths: [...parts.chunkPaths.slice(0, -1), `${secret}.ts`] };
    expect(encodeEntry('k', 'f', inPaths, clean)).toBeUndefined();
    // Every text it wrote was shown to the check first.
    const seen: string[] = [];
    const whole = entryBytes(encodeEntry('k', 'f', parts, (text) => seen.push(text) > 0));
    const newline = whole.indexOf(10);
    const [, searchBytes, analysisBytes] = whole.toString('latin1', 0, newline).split(' ');
    const headers = whole.subarray(newline + 1, newline + 1 + Number(searchBytes) + Number(analysisBytes));
    expect(headers.toString('utf8')).toBe(seen.join(''));
  });
  it('makes the analysis pieces again as they are written, and stops at one that is not the piece checked', () => {
    const parts = buildWorkspaceIndex(files).parts();
    const seen: string[] = [];
    const entry = encodeEntry('k', 'f', parts, (text) => seen.push(text) > 0);
    // Asked twice, the same bytes; the check is not asked again (it saw every piece once).
    const once = entryBytes(entry);
    expect(entryBytes(entry).equals(once)).toBe(true);
    const checks = seen.length;
    // A fact changed after the check (no caller does): its piece is not written, nor anything after.
    const changed = { ...parts, facts: parts.facts.map((fact) => ({ ...fact })) };
    const late = encodeEntry('k', 'f', changed, () => true);
    (changed.facts[0] as { statement: string }).statement =
      'token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"';
    const written: (Buffer | string)[] = [];
    expect(() => {
      for (const piece of late?.pieces() ?? []) written.push(piece);
    }).toThrow(/changed after it was checked/);
    expect(Buffer.concat(written.map((piece) => Buffer.from(piece))).toString('utf8')).not.toContain('ghp_');
    // The first line, the search header and the analysis header's opening `{"facts":[`.
    expect(written.length).toBe(3);
    expect(seen.length).toBe(checks);
  });
});
