import type { Receipt } from '../contracts/index.js';

/**
 * The receipts of a mission's latest run: from its last `mission_start` on (a mission id that ran
 * again, or was resumed, shows what the latest run did), or every receipt of it when none started
 * yet (only clarification so far).
 */
export function missionRunReceipts(receipts: readonly Receipt[], missionId: string): Receipt[] {
  const own = receipts.filter((receipt) => receipt.mission_id === missionId);
  let start = -1;
  for (const [index, receipt] of own.entries()) {
    // A resumed run continues the run it resumes: its receipts say so in their summary.
    if (receipt.phase === 'mission_start' && !receipt.summary.startsWith('(resume ')) start = index;
  }
  return start === -1 ? own : own.slice(start);
}
