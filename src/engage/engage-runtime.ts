import type { Refusal } from '../contracts/index.js';
import type { ExecutionPolicy } from '../policy/index.js';
import type { CommandTool } from '../tools/command/index.js';
import type { McpTool } from '../tools/mcp/index.js';
import type { PlannedChange } from './planned-change.js';
import type { PatchChunk } from './split-into-chunks.js';

/** What one lane's Engage proposed last (a re-run's proposal replaces the earlier attempt's). */
export interface LaneProposal {
  laneId: string;
  attempt: number;
  changes: PlannedChange[];
  chunks: PatchChunk[];
  refused: Refusal[];
}

/**
 * What Engage needs beyond the lane: the workspace, the execution policy, the command tool and the
 * trusted MCP tools, and a place to leave its proposals for `--apply` (after Verify). Built by the
 * composition root; without one, Engage is analysis-only.
 */
export interface EngageRuntime {
  /** Absolute, symlink-free workspace directory. */
  workspace: string;
  policy: ExecutionPolicy;
  /** Whose secret-named variables must never reach a patch. */
  env: NodeJS.ProcessEnv;
  /** Absent when the policy allows no command or `tooling.posture` is `minimal`. */
  commandTool?: CommandTool | undefined;
  /** Tools of trusted MCP servers the trust policy lets be offered (filled once the servers connect). */
  mcpTools: McpTool[];
  proposals: Map<string, LaneProposal>;
}

/** An empty runtime over a workspace and policy (no command tool, no MCP tools yet). */
export function createEngageRuntime(
  options: Pick<EngageRuntime, 'workspace' | 'policy' | 'env'> & { commandTool?: CommandTool | undefined },
): EngageRuntime {
  return { ...options, mcpTools: [], proposals: new Map() };
}
