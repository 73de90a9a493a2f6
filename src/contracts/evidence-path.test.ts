import { describe, expect, it } from 'vitest';
import { normalizeEvidencePath } from './evidence-path.js';

describe('normalizeEvidencePath', () => {
  it('gives one spelling for ./, backslashes, repeated and trailing slashes', () => {
    expect(normalizeEvidencePath('./src/app.ts')).toBe('src/app.ts');
    expect(normalizeEvidencePath('.\\src\\db\\pool.ts')).toBe('src/db/pool.ts');
    expect(normalizeEvidencePath('src//db/./pool.ts/')).toBe('src/db/pool.ts');
    expect(normalizeEvidencePath('.')).toBe('');
  });

  it('keeps .. and absolute forms so that they can be refused', () => {
    expect(normalizeEvidencePath('./../etc/passwd')).toBe('../etc/passwd');
    expect(normalizeEvidencePath('/etc/passwd')).toBe('/etc/passwd');
    expect(normalizeEvidencePath('C:\\Windows')).toBe('C:/Windows');
  });
});
