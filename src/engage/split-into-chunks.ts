import type { StructuredPatchHunk } from 'diff';
import type { PlannedChange } from './planned-change.js';
import { countChangedLines, fileHeader, renderHunk } from './unified-diff.js';

/** One chunk of a patch: at most `chunk_size_max` changed lines, possibly over several files. */
export interface PatchChunk {
  /** 1-based. */
  index: number;
  total: number;
  files: string[];
  changedLines: number;
  diff: string;
}

/** Cuts one hunk into consecutive pieces of at most `limit` changed lines, each with its own header. */
function splitHunk(hunk: StructuredPatchHunk, limit: number): StructuredPatchHunk[] {
  const pieces: StructuredPatchHunk[] = [];
  let lines: string[] = [];
  let changed = 0;
  let oldStart = hunk.oldStart;
  let newStart = hunk.newStart;
  const close = () => {
    if (lines.length === 0) return;
    const oldLines = lines.filter((line) => line.startsWith(' ') || line.startsWith('-')).length;
    const newLines = lines.filter((line) => line.startsWith(' ') || line.startsWith('+')).length;
    pieces.push({ oldStart, oldLines, newStart, newLines, lines });
    oldStart += oldLines;
    newStart += newLines;
    lines = [];
    changed = 0;
  };
  for (const line of hunk.lines) {
    const isChange = line.startsWith('+') || line.startsWith('-');
    if (isChange && changed === limit) close();
    lines.push(line);
    if (isChange) changed += 1;
  }
  close();
  return pieces;
}

/**
 * Splits a patch into chunks of at most `limit` (`safety.chunk_size_max`) changed lines, each
 * recorded as its own receipt with `chunk_id`. Hunks are packed in file order; a hunk larger than
 * the limit is cut into pieces first, so no chunk ever exceeds it.
 */
export function splitIntoChunks(changes: readonly PlannedChange[], limit: number): PatchChunk[] {
  const chunks: Omit<PatchChunk, 'total'>[] = [];
  let current: { files: Map<string, string>; changed: number } = { files: new Map(), changed: 0 };
  const flush = () => {
    if (current.files.size === 0) return;
    const files = [...current.files.keys()];
    chunks.push({
      index: chunks.length + 1,
      files,
      changedLines: current.changed,
      diff: [...current.files.values()].join(''),
    });
    current = { files: new Map(), changed: 0 };
  };
  for (const change of changes) {
    for (const piece of change.hunks.flatMap((hunk) => splitHunk(hunk, limit))) {
      const changed = countChangedLines([piece]);
      if (current.changed + changed > limit) flush();
      const header = current.files.get(change.path) ?? fileHeader(change.path, change.before === null);
      current.files.set(change.path, `${header}${renderHunk(piece)}`);
      current.changed += changed;
    }
  }
  flush();
  return chunks.map((chunk) => ({ ...chunk, total: chunks.length }));
}
