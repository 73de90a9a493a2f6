import { describe, expect, it } from 'vitest';
import { safeJsonText } from './safe-json.js';

describe('safeJsonText', () => {
  it('writes markup characters as escapes, and parses back to the same value', () => {
    const value = { line: '<script>alert("x")</script> & <img src=x>', sep: 'a\u2028b\u2029c' };
    const text = safeJsonText(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003cscript\\u003e');
    expect(JSON.parse(text)).toEqual(value);
  });
});
