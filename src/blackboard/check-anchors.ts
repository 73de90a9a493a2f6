import type { BlackboardAnchor } from './blackboard-anchors.js';
import { anchoredFilePath, readBlackboardAnchors, sha256OfFile } from './blackboard-anchors.js';
import { errorCode } from './error-code.js';

/** What the anchors say about a blackboard, given the lines audit read. */
export interface AnchorCheck {
  /** Anchors read. */
  anchors: number;
  /** Each anchor the file or a digest no longer matches, in words. */
  problems: string[];
  /** Receipts after the newest anchor: nothing vouches for them yet (a mission running, or a forged tail). */
  unanchored: number;
}

/**
 * Compares every anchor with the chain (`lineAt(seq)`: the hash and offset audit saw there) and
 * each anchored file with its recorded sha256: a truncated tail, a rewritten history (even with
 * every hash recomputed) and an edited or missing digest are named.
 */
export async function checkAnchors(
  path: string,
  lineAt: (seq: number) => { hash: string; offset: number } | undefined,
  lines: number,
): Promise<AnchorCheck> {
  const { anchors, problems } = await readBlackboardAnchors(path);
  let newest = -1;
  for (const anchor of anchors) {
    newest = Math.max(newest, anchor.seq);
    const problem = chainProblem(anchor, lineAt(anchor.seq), lines);
    if (problem) problems.push(problem);
    for (const file of anchor.files) problems.push(...(await fileProblems(path, anchor, file)));
  }
  return {
    anchors: anchors.length,
    problems,
    unanchored: anchors.length === 0 ? 0 : Math.max(0, lines - 1 - newest),
  };
}

function chainProblem(
  anchor: BlackboardAnchor,
  line: { hash: string; offset: number } | undefined,
  lines: number,
): string | undefined {
  const who = `anchor of mission ${anchor.mission_id} (${anchor.at})`;
  if (line === undefined) {
    return `truncated tail: the ${who} names seq ${anchor.seq}, the file has ${lines} line${lines === 1 ? '' : 's'}`;
  }
  if (line.hash !== anchor.hash || line.offset !== anchor.offset) {
    return `rewritten history: seq ${anchor.seq} is not the line the ${who} recorded`;
  }
  return undefined;
}

async function fileProblems(
  path: string,
  anchor: BlackboardAnchor,
  file: { path: string; sha256: string },
): Promise<string[]> {
  const absolute = anchoredFilePath(path, file.path);
  try {
    const sha256 = await sha256OfFile(absolute);
    return sha256 === file.sha256
      ? []
      : [`edited digest: ${absolute} changed since mission ${anchor.mission_id} ended`];
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [`missing digest: ${absolute} (mission ${anchor.mission_id})`];
    throw error;
  }
}
