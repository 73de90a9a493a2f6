import { sha256Hex, splitLines } from '../../contracts/index.js';
import type { ContextExcerpt } from '../../models/model-port.js';
import { ToolError } from '../tool-error.js';

/** Most lines one call returns: enough for a function or two, small enough for a context window. */
export const MAX_LINES_PER_CALL = 200;

/** The lines a call shows, after clamping the request to the file. */
export interface LineWindow {
  lines: string[];
  /** Lines of the file, not counting the empty "line" after a final newline. */
  lineCount: number;
  start: number;
  end: number;
  /** Says what was clamped and how to read on, when anything was. */
  notes: string[];
}

/**
 * Clamps `[start, end]` to the file and to {@link MAX_LINES_PER_CALL}. A range that starts past
 * the end of the file cannot be clamped into anything useful, so it is an error naming the length.
 *
 * @throws {ToolError} `TOOL_INPUT_INVALID`
 */
export function clampLineWindow(
  text: string,
  requested: { start?: number | undefined; end?: number | undefined },
  maxLines = MAX_LINES_PER_CALL,
): LineWindow {
  const lines = splitLines(text);
  // `a\nb\n` splits into three; the empty third is not a line anyone means to cite.
  const lineCount = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const notes: string[] = [];
  let start = requested.start ?? 1;
  if (start < 1) {
    notes.push(`start_line ${start} is before the first line; starting at 1`);
    start = 1;
  }
  if (start > lineCount) {
    throw new ToolError(
      'TOOL_INPUT_INVALID',
      `start_line ${start} is past the end of the file, which has ${lineCount} lines`,
    );
  }
  let end = requested.end ?? Math.min(lineCount, start + maxLines - 1);
  if (end < start) {
    throw new ToolError('TOOL_INPUT_INVALID', `end_line ${end} is before start_line ${start}`);
  }
  if (end > lineCount) {
    notes.push(`end_line ${end} is past the end of the file; it has ${lineCount} lines`);
    end = lineCount;
  }
  if (end - start + 1 > maxLines) {
    end = start + maxLines - 1;
    notes.push(`at most ${maxLines} lines per call; continue with start_line ${end + 1}`);
  }
  return { lines, lineCount, start, end, notes };
}

/** The excerpt of a window, its ref hashed exactly as the grounding resolver hashes it. */
export function createLineExcerpt(path: string, window: LineWindow, commit?: string): ContextExcerpt {
  const text = window.lines.slice(window.start - 1, window.end).join('\n');
  return {
    ref: {
      kind: 'file',
      path,
      lines: [window.start, window.end],
      sha256: sha256Hex(text),
      ...(commit === undefined ? {} : { commit }),
    },
    text,
    score: 1,
  };
}

/** `src/app.ts lines 1-40 of 120`, plus any clamping notes, one per line. */
export function describeLineWindow(label: string, window: LineWindow): string {
  const head = `${label} lines ${window.start}-${window.end} of ${window.lineCount}`;
  return [head, ...window.notes.map((note) => `note: ${note}`)].join('\n');
}
