import type { AuditResult } from './audit-blackboard.js';

/**
 * Human-readable lines for an audit: the verdict first, then the torn-line warning and set-aside
 * files, so the person reading knows both whether to trust the file and what a crash left behind.
 */
export function formatAuditResult(result: AuditResult): string {
  const missions = `${result.missions} mission${result.missions === 1 ? '' : 's'}`;
  const counts = `${result.receipts} receipt${result.receipts === 1 ? '' : 's'} from ${missions}`;
  const outputs =
    result.outputs > 0
      ? `; ${result.outputs} referenced output${result.outputs === 1 ? '' : 's'} present and matching`
      : '';
  const lines = result.ok
    ? [`OK ${result.path}: ${counts}; hash chain intact${outputs}`]
    : [`FAIL ${result.path}: ${result.firstBad?.reason ?? 'anchors do not match'}`, `  (${counts} readable)`];
  if (result.torn) {
    lines.push(
      `WARNING line ${result.torn.line}: torn last line (incomplete write, e.g. a crash); it will be set aside on the next append`,
    );
  }
  for (const problem of result.anchors?.problems ?? []) lines.push(`FAIL ${problem}`);
  if (result.anchors && result.anchors.anchors > 0 && result.anchors.problems.length === 0) {
    lines.push(`Anchors: ${result.anchors.anchors} checked, chain and digests match`);
  }
  if ((result.anchors?.unanchored ?? 0) > 0) {
    lines.push(
      `NOTE ${result.anchors?.unanchored} receipts after the newest anchor (a running mission, or lines nothing vouches for yet)`,
    );
  }
  for (const path of result.setAside) lines.push(`Set aside earlier (kept): ${path}`);
  return lines.join('\n');
}
