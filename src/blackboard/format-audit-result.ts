import type { AuditResult } from './audit-blackboard.js';

/**
 * Human-readable lines for an audit: the verdict first, then the torn-line warning and set-aside
 * files, so the person reading knows both whether to trust the file and what a crash left behind.
 */
export function formatAuditResult(result: AuditResult): string {
  const missions = `${result.missions} mission${result.missions === 1 ? '' : 's'}`;
  const counts = `${result.receipts} receipt${result.receipts === 1 ? '' : 's'} from ${missions}`;
  const lines = result.ok
    ? [`OK ${result.path}: ${counts}; hash chain intact`]
    : [`FAIL ${result.path}: ${result.firstBad?.reason ?? 'chain broken'}`, `  (${counts} readable)`];
  if (result.torn) {
    lines.push(
      `WARNING line ${result.torn.line}: torn last line (incomplete write, e.g. a crash); it will be set aside on the next append`,
    );
  }
  for (const path of result.setAside) lines.push(`Set aside earlier (kept): ${path}`);
  return lines.join('\n');
}
