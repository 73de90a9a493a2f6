import type { z } from 'zod';
import type { ContextExcerpt } from '../models/model-port.js';

/** What one tool call returned. */
export interface ToolOutput {
  /**
   * Text for the model that is not evidence by itself (a file list, a commit log, "no match").
   * Excerpts are rendered by the lane's provenance ledger with their ids; do not repeat them here.
   */
  text: string;
  /**
   * Workspace lines the tool returned, each pinned by a ref the tool computed (path, line range,
   * sha256 of exactly those lines, the commit when read from git history). These are the only
   * lines a lane may cite.
   */
  excerpts: ContextExcerpt[];
}

/**
 * A read-only built-in tool of the Observers. It never writes and never leaves the workspace;
 * bad arguments or a path outside the workspace give an error the model can read (it throws
 * {@link ToolError}), never a crash of the lane.
 */
export interface ReadOnlyTool<I = unknown> {
  /** snake_case, e.g. `read_lines`. */
  readonly name: string;
  /** What the model is told the tool does and when to use it. */
  readonly description: string;
  readonly inputSchema: z.ZodType<I>;
  run(input: I, options: { signal?: AbortSignal | undefined }): Promise<ToolOutput>;
}
