const SPACE = 0x20;
const TAB = 0x09;

/**
 * `line` without its trailing spaces and tabs: what `line.replace(/[ \t]+$/, '')` answers, in one
 * scan from the end. The regex tries every blank of a run inside the line as a start and scans the
 * run to its end each time, quadratic in the run's length (a source line with a long run of blanks
 * inside it took milliseconds per line in the grounding's whitespace spellings).
 */
export function trimTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0) {
    const code = line.charCodeAt(end - 1);
    if (code !== SPACE && code !== TAB) break;
    end -= 1;
  }
  return end === line.length ? line : line.slice(0, end);
}
