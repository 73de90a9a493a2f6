/**
 * Where each line of a text starts, so a window of lines can be cut from the text without keeping
 * every line as its own string: lines count as `splitLines` counts them (`\n` or `\r\n`), trailing
 * empty lines are not counted, and a cut window equals those lines joined with `\n`.
 */
export interface LineTable {
  readonly text: string;
  /** Lines, without trailing empty ones (at least 1). */
  readonly count: number;
  /** Lines `[start, end]` (1-based, inclusive) joined with `\n`. */
  slice(start: number, end: number): string;
  /** True when line `line` (1-based) holds only whitespace. */
  blank(line: number): boolean;
}

/** One character that `trim` removes (JavaScript's white space and line terminators, as `\s`). */
const WHITESPACE = /^\s$/;

export function createLineTable(text: string): LineTable {
  let total = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) total += 1;
  const starts = new Uint32Array(total);
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    starts[line] = at + 1;
    line += 1;
  }
  /** Where line `index` (0-based) ends, before its `\n` or `\r\n`. */
  const endOf = (index: number) => {
    if (index + 1 >= total) return text.length;
    const newline = (starts[index + 1] as number) - 1;
    return newline > (starts[index] as number) && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  };
  let count = total;
  while (count > 1 && endOf(count - 1) === starts[count - 1]) count -= 1;
  return {
    text,
    count,
    slice(start, end) {
      const cut = text.slice(starts[start - 1], endOf(end - 1));
      return cut.includes('\r') ? cut.replace(/\r\n/g, '\n') : cut;
    },
    blank(lineNumber) {
      // `slice(…).trim() === ''` without making either string (a build asks this of every line).
      const end = endOf(lineNumber - 1);
      for (let at = starts[lineNumber - 1] as number; at < end; at += 1) {
        const code = text.charCodeAt(at);
        if (code === 32 || (code >= 9 && code <= 13)) continue;
        if (code < 128 || !WHITESPACE.test(text[at] as string)) return false;
      }
      return true;
    },
  };
}
