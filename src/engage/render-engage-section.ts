import type { DigestEngage } from '../contracts/index.js';

/** The longest diff shown inline in the Markdown digest; the whole one is in `patch.diff`. */
const INLINE_DIFF_LINES = 400;

/** The digest's "Engage" section: what was proposed, written or refused, and the diff. */
export function renderEngageSection(engage: DigestEngage): string {
  const lines = ['', '## Engage', '', engage.summary, ''];
  if (engage.files.length > 0) {
    lines.push('| file | changed lines | lane |', '|---|---|---|');
    for (const file of engage.files)
      lines.push(`| \`${file.path}\` | ${file.changed_lines} | ${file.lane_id} |`);
    lines.push('');
  }
  if (engage.written.length > 0)
    lines.push(`Written by --apply: ${engage.written.map((path) => `\`${path}\``).join(', ')}`, '');
  if (engage.revert_plan_path !== undefined) {
    lines.push(
      `Revert plan (recorded before the first write): \`${engage.revert_plan_path}\` — undo with \`swarmlord mission revert <mission_id>\``,
      '',
    );
  }
  if (engage.refused.length > 0) {
    lines.push('Refused by the safety envelope or the execution policy:', '');
    for (const refusal of engage.refused)
      lines.push(
        `- ${refusal.lane_id}: \`${refusal.target}\` — ${refusal.reason} (\`${refusal.capability}\`)`,
      );
    lines.push('');
  }
  if (engage.patch !== '') {
    const diffLines = engage.patch.split('\n');
    const shown = diffLines.slice(0, INLINE_DIFF_LINES).join('\n');
    lines.push(
      `Patch${engage.patch_path === undefined ? '' : ` (\`${engage.patch_path}\`)`}:`,
      '',
      '```diff',
      shown.trimEnd(),
      '```',
    );
    if (diffLines.length > INLINE_DIFF_LINES)
      lines.push('', `(${diffLines.length - INLINE_DIFF_LINES} more lines in patch.diff)`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
