import type { Digest, DigestNote } from '../contracts/digest.js';
import { formatEvidenceRef } from '../contracts/evidence-ref.js';
import { groupDigits } from './group-digits.js';

/** One table cell: pipes escaped and line breaks kept as `<br>` so a cell cannot break the row. */
export function escapeTableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/**
 * Text from the workspace or a model as Markdown that shows it and nothing more: `<`, `>` and `&`
 * as entities (a `<script>` or `<img onerror>` in a workspace file stays text in any renderer) and
 * `[`/`]` escaped (no link or image can be smuggled in), on one line.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([[\]])/g, '\\$1');
}

const oneLine = escapeMarkdownText;

/** Evidence refs as inline code so paths with `_` or `*` are not read as emphasis. */
function codeSpan(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

function noteLine(note: DigestNote): string {
  const refs = note.evidence_refs.map((ref) => codeSpan(formatEvidenceRef(ref)));
  return refs.length === 0
    ? `- ${oneLine(note.text)}`
    : `- ${oneLine(note.text)} — evidence: ${refs.join(', ')}`;
}

function renderTable(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => escapeTableCell(cell.split(/\r?\n/).map(escapeMarkdownText).join('\n'))).join(' | ')} |`;
  const padded = rows.map((row) => columns.map((_, index) => row[index] ?? ''));
  return [line(columns), `| ${columns.map(() => '---').join(' | ')} |`, ...padded.map(line)];
}

function dollars(value: number): string {
  return `$${value.toFixed(value < 0.01 && value > 0 ? 6 : 4)}`;
}

/** Tokens and cost: the mission's totals, then each lane's (and the orchestrator's judges'). */
function usageLines(usage: NonNullable<Digest['usage']>): string[] {
  const unpriced =
    usage.unpriced_calls > 0 ? ` (${usage.unpriced_calls} call(s) without a price add nothing)` : '';
  const cached = usage.cached_calls > 0 ? `, ${usage.cached_calls} replayed from the call cache` : '';
  const lines = [
    `- Usage: ${groupDigits(usage.calls)} model call(s)${cached}; ${groupDigits(usage.input_tokens)} input tokens (${groupDigits(usage.cached_input_tokens)} cached), ${groupDigits(usage.output_tokens)} output tokens; cost ${dollars(usage.cost_usd)}${unpriced}`,
  ];
  for (const [lane, entry] of Object.entries(usage.by_lane).sort(([left], [right]) =>
    left.localeCompare(right),
  )) {
    lines.push(
      `  - ${lane}: ${groupDigits(entry.calls)} call(s), ${groupDigits(entry.input_tokens)} in / ${groupDigits(entry.output_tokens)} out, ${dollars(entry.cost_usd)}`,
    );
  }
  return lines;
}

/**
 * The digest as Markdown: BLUF (verdict in bold), decision matrix, the mermaid diagram(s) in
 * fenced blocks that GitHub and most viewers render, notes with evidence refs, and the run extras.
 */
export function renderDigestMarkdown(digest: Digest): string {
  const [first = '', ...rest] = digest.bluf.map(oneLine);
  const bluf = [first.replace(digest.verdict, `**${digest.verdict}**`), ...rest];
  const lines = [`# Mission digest — ${oneLine(digest.objective)}`, '', '## BLUF', ''];
  lines.push(...bluf.map((line) => `- ${line}`), '');
  lines.push('## Decision matrix', '');
  if (digest.decision_matrix.rows.length === 0) lines.push('_No claims to decide on._');
  else lines.push(...renderTable(digest.decision_matrix.columns, digest.decision_matrix.rows));
  lines.push('', '## Diagram', '');
  for (const diagram of digest.diagrams) {
    lines.push(`### ${oneLine(diagram.title)}`, '', '```mermaid', diagram.mermaid, '```', '');
  }
  lines.push('## Notes', '');
  lines.push(...(digest.notes.length === 0 ? ['- No notes.'] : digest.notes.map(noteLine)), '');
  lines.push(
    '## Run',
    '',
    `- Mission: ${codeSpan(digest.mission_id)}, digest created ${digest.created_at}`,
    `- Engine: ${oneLine(digest.engine)}`,
    `- Operating mode: ${oneLine(digest.operating_mode)}`,
    `- Safety: ${oneLine(digest.safety_summary)}`,
    `- Partial: ${digest.partial ? `yes — ${digest.partial_reason === undefined ? 'the run was cut short' : oneLine(digest.partial_reason)}; this covers only what was verified` : 'no'}`,
  );
  if (digest.usage !== undefined) lines.push(...usageLines(digest.usage));
  if (digest.blockers.length === 0) lines.push('- Blockers: none');
  else lines.push('- Blockers:', ...digest.blockers.map((blocker) => `  - ${oneLine(blocker)}`));
  return `${lines.join('\n')}\n`;
}
