import { describe, expect, it } from 'vitest';
import { docText, simpleName } from './doc-text.js';

describe('docText', () => {
  it('joins a multi-line doc into one line without comment markers', () => {
    expect(docText('/* Sense the codebase,\n * repository and\n   * the Internet. */')).toBe(
      'Sense the codebase, repository and the Internet.',
    );
    expect(docText('Already\nclean')).toBe('Already clean');
    expect(docText(undefined)).toBe('');
  });
});

describe('simpleName', () => {
  it('takes the last segment of a qualified name', () => {
    expect(simpleName('HFO_SSOT::Observer')).toBe('Observer');
    expect(simpleName('Observer')).toBe('Observer');
  });
});
