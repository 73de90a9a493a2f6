import type { Digest, DigestNote } from '../contracts/digest.js';
import { formatEvidenceRef } from '../contracts/evidence-ref.js';

/** One table cell: pipes escaped and line breaks kept as `<br>` so a cell cannot break the row. */
export function escapeTableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

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
  const line = (cells: readonly string[]) => `| ${cells.map(escapeTableCell).join(' | ')} |`;
  const padded = rows.map((row) => columns.map((_, index) => row[index] ?? ''));
  return [line(columns), `| ${columns.map(() => '---').join(' | ')} |`, ...padded.map(line)];
}

/**
 * The digest as Markdown: BLUF (verdict in bold), decision matrix, the mermaid diagram(s) in
 * fenced blocks that GitHub and most viewers render, notes with evidence refs, and the run extras.
 */
export function renderDigestMarkdown(digest: Digest): string {
  const [first = '', ...rest] = digest.bluf;
  const bluf = [first.replace(digest.verdict, `**${digest.verdict}**`), ...rest];
  const lines = [`# Mission digest — ${oneLine(digest.objective)}`, '', '## BLUF', ''];
  lines.push(...bluf.map((line) => `- ${oneLine(line)}`), '');
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
    `- Partial: ${digest.partial ? 'yes — the run was cut short; this covers only what was verified' : 'no'}`,
  );
  if (digest.blockers.length === 0) lines.push('- Blockers: none');
  else lines.push('- Blockers:', ...digest.blockers.map((blocker) => `  - ${oneLine(blocker)}`));
  return `${lines.join('\n')}\n`;
}
