/** A torn last line: its 1-based line number and its text (without a newline). */
export interface TornLine {
  line: number;
  text: string;
}

/** A blackboard file's text cut into complete lines, with a torn last line kept apart. */
export interface SplitBlackboardText {
  /** Complete lines without their newline; line `i` is line number `i + 1`. */
  lines: string[];
  torn?: TornLine;
}

/**
 * A torn last line is what a crash mid-write leaves: text after the last newline, or a last line
 * that is not JSON at all. Anything wrong further up is damage, not a crash, and is left to the
 * caller to report.
 */
export function splitBlackboardText(text: string): SplitBlackboardText {
  if (text === '') return { lines: [] };
  const lines = text.split('\n');
  const trailing = lines.pop() ?? '';
  if (trailing !== '') return { lines, torn: { line: lines.length + 1, text: trailing } };
  const last = lines[lines.length - 1];
  if (last !== undefined && !isJson(last)) {
    lines.pop();
    return { lines, torn: { line: lines.length + 1, text: last } };
  }
  return { lines };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
