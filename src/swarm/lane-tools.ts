import type { FileEvidenceRef, RunEvent } from '../contracts/index.js';
import type { ModelTool } from '../models/index.js';
import type { ReadOnlyTool } from '../tools/index.js';
import type { ProvenanceLedger } from './provenance-ledger.js';
import { renderExcerpts } from './provenance-ledger.js';

export interface BindLaneToolsOptions {
  ledger: ProvenanceLedger;
  emit: (event: RunEvent) => Promise<void>;
  now: () => Date;
  base: { mission_id: string; lane_id: string; attempt: number; phase: string; role: string };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns the lane's read-only tools into tools a model may call. Each call's arguments are checked
 * against the tool's schema, its excerpts are entered in the lane's provenance ledger (so only they
 * can be cited), the call becomes a `tool-call-end` event (a receipt), and a failing call is told
 * to the model as text instead of failing the lane.
 */
export function bindLaneTools(tools: readonly ReadOnlyTool[], options: BindLaneToolsOptions): ModelTool[] {
  const { ledger, emit, now, base } = options;
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema as ModelTool['inputSchema'],
    async execute(input, { signal }) {
      const started = performance.now();
      const record = (fields: { summary: string; evidence_refs?: FileEvidenceRef[]; error?: string }) =>
        emit({
          type: 'tool-call-end',
          ...base,
          at: now().toISOString(),
          tool: tool.name,
          input,
          evidence_refs: fields.evidence_refs ?? [],
          summary: fields.summary,
          duration_ms: performance.now() - started,
          ...(fields.error === undefined ? {} : { error: fields.error }),
        });
      const parsed = tool.inputSchema.safeParse(input);
      if (!parsed.success) {
        const message = `invalid arguments for ${tool.name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ')}`;
        await record({ summary: message, error: message });
        return `error: ${message}`;
      }
      try {
        const output = await tool.run(parsed.data, { signal });
        const entered = ledger.enter(output.excerpts);
        await record({
          summary: `${tool.name}: ${entered.length} excerpts`,
          evidence_refs: entered.map((excerpt) => excerpt.ref),
        });
        return [output.text, renderExcerpts(entered)].filter((part) => part !== '').join('\n\n');
      } catch (error) {
        if (signal?.aborted) throw error;
        await record({ summary: `${tool.name} failed`, error: describe(error) });
        return `error: ${describe(error)}`;
      }
    },
  }));
}
