import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileContentHash } from './file-content-hash.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('fileContentHash', () => {
  it("is the sha256 of the file's text, and follows a changed text", () => {
    const file = { path: 'a.ts', text: 'export const a = 1;\n' };
    expect(fileContentHash(file)).toBe(sha256(file.text));
    expect(fileContentHash(file)).toBe(sha256(file.text));
    file.text = 'export const a = 2; // é\n';
    expect(fileContentHash(file)).toBe(sha256(file.text));
    expect(fileContentHash({ path: 'a.ts', text: 'x' })).toBe(sha256('x'));
  });
});
