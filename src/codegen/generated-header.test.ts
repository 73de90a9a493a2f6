import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash.js';
import { readGeneratedHeader, stampGeneratedFile } from './generated-header.js';

const modelHash = contentHash('model');

describe('generated headers', () => {
  it.each([
    ['agents/x.ts', '// '],
    ['docs/agents/x.md', '<!-- '],
    ['docker-compose.yml', '# '],
    ['.env.template', '# '],
    ['db/schema.sql', '-- '],
  ])('%s: a comment in its own syntax, read back with its body', (path, open) => {
    const text = stampGeneratedFile({
      path,
      element: 'Pkg::X',
      modelHash,
      command: 'swarmlord generate all',
      body: 'body\n',
    });
    expect(text.startsWith(open)).toBe(true);
    expect(readGeneratedHeader(text)).toEqual({
      element: 'Pkg::X',
      modelHash,
      contentHash: contentHash('body\n'),
      body: 'body\n',
    });
  });

  it('a file without the marker has no header', () => {
    expect(readGeneratedHeader('export const x = 1;\n')).toBeUndefined();
  });
});
