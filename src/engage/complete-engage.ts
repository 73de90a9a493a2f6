import { dirname, join } from 'node:path';
import { redactSecrets } from '../blackboard/index.js';
import type { Digest, DigestEngage, MissionIntent, Refusal, RunEvent } from '../contracts/index.js';
import { renderDigestMarkdown, writeFilesTogether } from '../digest/index.js';
import { applyProposals } from './apply-proposals.js';
import type { EngageRuntime } from './engage-runtime.js';
import { renderEngageSection } from './render-engage-section.js';
import { writeBytesAtomic } from './write-bytes-atomic.js';

/** Settings of {@link completeEngage}. */
export interface CompleteEngageOptions {
  runtime: EngageRuntime;
  intent: MissionIntent;
  /** The digest the run wrote, and where. */
  digest: Digest;
  jsonPath: string;
  markdownPath: string;
  /** `--apply`: write the patch (only when Verify did not FAIL and the digest is complete). */
  apply: boolean;
  emit: (event: RunEvent) => Promise<void>;
  now: () => Date;
  env: NodeJS.ProcessEnv;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Why `--apply` must not write, or undefined when it may. */
function applyBlocker(digest: Digest, intent: MissionIntent): string | undefined {
  if (digest.verdict === 'FAIL') return 'Verify FAILED: nothing is applied';
  if (digest.partial)
    return `the digest is partial (${digest.partial_reason ?? 'stopped early'}): nothing is applied`;
  if (!intent.safety.revert_plan)
    return 'safety.revert_plan is false: writes need a revert plan, so nothing is applied';
  return undefined;
}

/**
 * Engage's last step, after Verify: writes `patch.diff` beside the digest, applies the patch when
 * `--apply` was given and Verify allows it (revert plan first, see `applyProposals`), and adds
 * what Engage did to the digest (`engage`, the safety summary, a Markdown section), rewriting the
 * run's digest files and the mission's latest copy. Patch and digest are secret-redacted.
 *
 * @returns the digest with its `engage` section
 */
export async function completeEngage(options: CompleteEngageOptions): Promise<Digest> {
  const { runtime, intent, digest, emit, now } = options;
  const proposals = [...runtime.proposals.values()];
  const runDir = dirname(options.jsonPath);
  const refused: DigestEngage['refused'] = proposals.flatMap((proposal) =>
    proposal.refused.map((refusal) => ({ lane_id: proposal.laneId, ...refusal })),
  );
  const files = proposals.flatMap((proposal) =>
    proposal.changes.map((change) => ({
      path: change.path,
      changed_lines: change.changedLines,
      lane_id: proposal.laneId,
    })),
  );
  const patch = redactSecrets(
    proposals.flatMap((proposal) => proposal.changes.map((change) => change.diff)).join(''),
    options.env,
  );
  let patchPath: string | undefined;
  if (patch !== '') {
    patchPath = join(runDir, 'patch.diff');
    await writeBytesAtomic(patchPath, patch);
  }
  let mode: DigestEngage['mode'] = files.length === 0 ? 'analysis-only' : 'proposed';
  let written: string[] = [];
  let revertPlanPath: string | undefined;
  let summary =
    files.length === 0
      ? refused.length === 0
        ? 'Engage proposed no edit (analysis only): the workspace is unchanged.'
        : `Engage proposed no edit that passed the safety envelope (${plural(refused.length, 'refusal')}): the workspace is unchanged.`
      : `Engage proposed ${plural(files.length, 'file')} (${plural(
          files.reduce((sum, file) => sum + file.changed_lines, 0),
          'changed line',
        )}); not applied${options.apply ? '' : ' — run again with --apply to write it after Verify'}.`;
  if (options.apply && files.length > 0) {
    const blocker = applyBlocker(digest, intent);
    if (blocker !== undefined) {
      mode = 'apply-refused';
      summary = `Engage proposed ${plural(files.length, 'file')}; --apply refused: ${blocker}.`;
      const refusal: Refusal = { target: 'patch', capability: 'workspace_write', reason: blocker };
      refused.push({ lane_id: 'swarmlord', ...refusal });
      await emit({
        type: 'safety-refusal',
        mission_id: intent.mission_id,
        at: now().toISOString(),
        lane_id: 'swarmlord',
        phase: 'apply',
        role: 'swarmlord',
        ...refusal,
      });
    } else {
      const outcome = await applyProposals(proposals, {
        runtime,
        intent,
        planPath: join(runDir, 'revert-plan.json'),
        emit,
        now,
      });
      refused.push(...outcome.refused.map((refusal) => ({ lane_id: 'swarmlord', ...refusal })));
      written = outcome.written;
      revertPlanPath = outcome.planPath;
      mode = written.length > 0 ? 'applied' : 'apply-refused';
      summary =
        written.length > 0
          ? `Engage's patch was applied after Verify (${digest.verdict}): ${plural(written.length, 'file')} written inside the write scope; revert plan recorded first.`
          : 'Engage proposed a patch; --apply wrote nothing (every change was refused at apply time).';
    }
  }
  const engage: DigestEngage = {
    mode,
    summary,
    files,
    patch,
    ...(patchPath === undefined ? {} : { patch_path: patchPath }),
    written,
    ...(revertPlanPath === undefined ? {} : { revert_plan_path: revertPlanPath }),
    refused,
  };
  const safety = [
    mode === 'applied'
      ? `${plural(written.length, 'workspace write')} after Verify: ${written.join(', ')}`
      : files.length > 0
        ? 'patch proposed, no workspace writes'
        : 'analysis-only: no workspace writes',
    `${plural(refused.length, 'refusal')}`,
    `placeholder ban ${intent.safety.placeholder_ban ? 'on' : 'off'}`,
    `revert plan ${intent.safety.revert_plan ? 'on' : 'off'}`,
    `chunk size ≤ ${intent.safety.chunk_size_max} lines`,
  ].join('; ');
  const updated: Digest = redactSecrets({ ...digest, engage, safety_summary: safety }, options.env);
  const json = `${JSON.stringify(updated, null, 2)}\n`;
  const markdown = `${renderDigestMarkdown(updated).trimEnd()}\n${renderEngageSection(updated.engage as DigestEngage)}`;
  const missionDir = dirname(runDir);
  // Both pairs in one write: renamed into place only once all four files are whole (issue 18: digest
  // files in pairs; each pair's JSON before its Markdown), their flushes awaited together, not in turn.
  await writeFilesTogether([
    [options.jsonPath, json],
    [options.markdownPath, markdown],
    [join(missionDir, 'digest.json'), json],
    [join(missionDir, 'digest.md'), markdown],
  ]);
  return updated;
}
