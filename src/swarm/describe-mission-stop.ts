import type { WorkspaceChange } from './mission-run-journal.js';

/** Why the mission stopped dispatching, in words (the soft cap, an abort's reason). */
export function describeStop(reason: unknown): string {
  if (reason instanceof Error)
    return reason.name === 'TimeoutError' ? 'the mission soft cap was reached' : reason.message;
  return String(reason ?? 'stopped');
}

/** The blocker a resumed mission states when the workspace changed since the interrupted run. */
export function describeChanges(changes: readonly WorkspaceChange[]): string {
  const shown = changes.slice(0, 8).map((change) => `${change.path} (${change.change})`);
  const more = changes.length > shown.length ? ` and ${changes.length - shown.length} more` : '';
  return `workspace changed since the interrupted run: ${shown.join(', ')}${more}; evidence from it is verified against the current files`;
}
