import { describe, expect, it } from 'vitest';
import { createGlobMatcher, isGlobPattern } from './glob-pattern.js';

describe('createGlobMatcher', () => {
  it('matches file names anywhere when the pattern has no slash', () => {
    const matches = createGlobMatcher('*.ts');
    expect(matches('src/db/pool.ts')).toBe(true);
    expect(matches('src/db/pool.tsx')).toBe(false);
  });

  it('matches whole paths with ** crossing folders and * staying in one', () => {
    expect(createGlobMatcher('src/**/*.test.ts')('src/a/b/x.test.ts')).toBe(true);
    expect(createGlobMatcher('src/**/*.test.ts')('src/x.test.ts')).toBe(true);
    expect(createGlobMatcher('src/*.ts')('src/a/x.ts')).toBe(false);
    expect(createGlobMatcher('src/?.ts')('src/a.ts')).toBe(true);
  });

  it('treats regular-expression characters literally', () => {
    expect(createGlobMatcher('a+b(1).md')('a+b(1).md')).toBe(true);
    expect(createGlobMatcher('a.md')('aXmd')).toBe(false);
    expect(isGlobPattern('pool')).toBe(false);
  });
});
