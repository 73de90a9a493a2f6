import { describe, expect, it } from 'vitest';
import { checkCommitId } from './check-commit-id.js';

describe('checkCommitId', () => {
  it.each(['abcd', 'A1B2C3D4E5F6', 'a'.repeat(40), 'HEAD', 'HEAD~3', 'main', 'release/1.2', 'v1.0.0'])(
    'accepts %s',
    (commit) => {
      expect(checkCommitId(commit)).toBe(commit);
    },
  );

  it.each([
    '--output=x',
    '-p',
    'HEAD^',
    'HEAD@{1}',
    'main..feature',
    'HEAD:secret',
    '-abcd',
    'feature/',
    'a//b',
    '.hidden',
    'name.lock',
    'x y',
    '',
  ])('refuses %j', (commit) => {
    expect(() => checkCommitId(commit)).toThrow(/is not accepted/);
  });
});
