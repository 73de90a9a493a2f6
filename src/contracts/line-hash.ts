import { createHash } from 'node:crypto';

/** Lowercase hex sha256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Splits file text into lines the way evidence refs count them (`\n` or `\r\n`, 1-based). */
export function splitLines(fileText: string): string[] {
  return fileText.split(/\r?\n/);
}

/**
 * The text of lines `[start, end]` (1-based, inclusive) joined with `\n`, or `undefined` when the
 * range is outside the file. This is the exact text an evidence ref's `sha256` covers.
 */
export function sliceLines(lines: readonly string[], range: readonly [number, number]): string | undefined {
  const [start, end] = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start || end > lines.length) {
    return undefined;
  }
  return lines.slice(start - 1, end).join('\n');
}

/** sha256 of lines `[start, end]` of `fileText`, or `undefined` when the range is invalid. */
export function hashLineRange(fileText: string, range: readonly [number, number]): string | undefined {
  const text = sliceLines(splitLines(fileText), range);
  return text === undefined ? undefined : sha256Hex(text);
}
