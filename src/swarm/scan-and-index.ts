import { createWorkspaceIndex, loadOrBuildWorkspaceIndex, scanWorkspaceWithReport } from '../tools/index.js';
import type { MissionClock } from './mission-clock.js';
import type { RunMissionOptions } from './run-mission-options.js';

/** The workspace's files (in the clarified scope) and their index, read back from the cache when unchanged. */
export async function scanAndIndex(options: RunMissionOptions, workspace: string, clock: MissionClock) {
  const { intent } = options;
  const { files, report: coverage } = await scanWorkspaceWithReport(workspace, {
    signal: clock.abort,
    // The clarified scope: Perceive (the index and the tools over it) sees only these paths.
    scope: intent.scope,
    ...(options.onScanProgress === undefined ? {} : { onProgress: options.onScanProgress }),
    ...options.scanLimits,
  });
  const cached =
    options.indexCacheDir === undefined
      ? undefined
      : await loadOrBuildWorkspaceIndex(files, { dir: options.indexCacheDir });
  const index = cached?.index ?? createWorkspaceIndex(files);
  return { files, coverage, cached, index };
}
