import type { StructuredPatchHunk } from 'diff';

/** `--- a/x` / `+++ b/x` (or `/dev/null` for a new file). */
export function fileHeader(path: string, isNew: boolean): string {
  return `--- ${isNew ? '/dev/null' : `a/${path}`}\n+++ b/${path}\n`;
}

/** A hunk as unified-diff text. */
export function renderHunk(hunk: StructuredPatchHunk): string {
  const header = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@\n`;
  return `${header}${hunk.lines.map((line) => `${line}\n`).join('')}`;
}

/** Added plus removed lines of some hunks. */
export function countChangedLines(hunks: readonly StructuredPatchHunk[]): number {
  return hunks.reduce(
    (sum, hunk) => sum + hunk.lines.filter((line) => line.startsWith('+') || line.startsWith('-')).length,
    0,
  );
}

/** Added lines with their line number in the new file. */
export function addedLines(hunks: readonly StructuredPatchHunk[]): { line: number; text: string }[] {
  const added: { line: number; text: string }[] = [];
  for (const hunk of hunks) {
    let line = hunk.newStart;
    for (const text of hunk.lines) {
      if (text.startsWith('+')) added.push({ line, text: text.slice(1) });
      if (!text.startsWith('-') && !text.startsWith('\\')) line += 1;
    }
  }
  return added;
}
