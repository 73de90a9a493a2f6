import type { ReceiptDraft, RunEvent } from '../contracts/index.js';

/** The lane id of receipts written by the orchestrator itself. */
export const SWARMLORD_LANE = 'swarmlord';

type DraftCore = Omit<ReceiptDraft, 'safety_envelope' | 'mission_id' | 'timestamp'>;

/**
 * The receipt draft for one run event, without the safety fields the listener adds, or
 * `undefined` for events that add nothing an auditor needs: `phase-start` and `verify-start` are
 * always followed by their `-end` (or a `lane-end` failure / `mission-error` that says why not), and
 * a finished lane is already recorded by its `yield` receipt.
 */
export function receiptDraftFromEvent(event: RunEvent): ReceiptDraft | undefined {
  const core = draftCore(event);
  if (core === undefined) return undefined;
  // `core` is a fresh object: the two fields are set on it (no copy).
  const draft = core as ReceiptDraft;
  draft.mission_id = event.mission_id;
  draft.timestamp = event.at;
  return draft;
}

/**
 * An orchestrator step's fields; the cases add theirs with `Object.assign` (a spread followed by
 * overriding fields costs V8 microseconds per receipt, this a tenth of one).
 */
function orchestrator(phase: string, summary: string, attempt?: number): DraftCore {
  return withAttempt({ lane_id: SWARMLORD_LANE, phase, role: 'swarmlord', summary }, attempt);
}

/**
 * The draft with its attempt, when it has one; attempt 2 and later are targeted re-runs. Set on the
 * draft rather than spread into it: a spread inside an object literal is a runtime call per receipt.
 */
function withAttempt(draft: DraftCore, attempt: number | undefined): DraftCore {
  if (attempt !== undefined) {
    draft.attempt = attempt;
    if (attempt > 1) draft.regen_flag = true;
  }
  return draft;
}

/** The event's own fields, without those every receipt carries already (its type, mission and time). */
function eventFields(event: RunEvent): Record<string, unknown> {
  // Copied key by key: a spread that then blanks three fields cost most of this receipt's draft.
  const fields: Record<string, unknown> = {};
  const record = event as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'type' && key !== 'mission_id' && key !== 'at') fields[key] = record[key];
  }
  return fields;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function draftCore(event: RunEvent): DraftCore | undefined {
  switch (event.type) {
    case 'mission-start':
      return Object.assign(
        orchestrator(
          'mission_start',
          `Mission started: ${event.intent.objective} (lanes: ${event.lane_ids.join(', ')})`,
        ),
        {
          data: {
            intent: event.intent,
            lane_ids: event.lane_ids,
            ...(event.resume === true ? { resume: true } : {}),
          },
        },
      );
    case 'lane-start':
      return Object.assign(
        orchestrator(
          'lane_start',
          `Lane ${event.lane_id} started (attempt ${event.attempt}, model ${event.model})`,
          event.attempt,
        ),
        { lane_id: event.lane_id, data: { model: event.model } },
      );
    case 'phase-end':
      return withAttempt(
        {
          lane_id: event.lane_id,
          phase: event.phase,
          role: event.role,
          summary: event.summary,
          evidence_refs: event.evidence_refs,
          data: event.output,
        },
        event.attempt,
      );
    case 'lane-end':
      if (event.status === 'done') return undefined;
      return Object.assign(
        orchestrator(
          'lane_end',
          `Lane ${event.lane_id} failed (attempt ${event.attempt}): ${event.error ?? 'unknown error'}`,
          event.attempt,
        ),
        { lane_id: event.lane_id, data: { status: event.status, error: event.error } },
      );
    case 'aggregate-end':
      return Object.assign(
        orchestrator(
          'aggregate',
          `Aggregated ${event.bundle.bundles.length} review bundles: ${event.bundle.claims.length} claims, ${event.bundle.duplicates_merged} duplicates merged`,
          event.attempt,
        ),
        {
          role: 'aggregator',
          data: event.bundle,
        },
      );
    case 'verify-end': {
      const { report } = event;
      const quorum = `quorum ${report.quorum.passed}/${report.quorum.threshold} ${report.quorum.held ? 'held' : 'not held'}`;
      return Object.assign(
        orchestrator(
          'verify',
          `Verify ${report.verdict}: hallucination rate ${percent(report.hallucination_rate)} (${report.claims_grounded}/${report.claims_total} claims grounded), ${quorum}`,
          event.attempt,
        ),
        {
          role: 'verify',
          data: report,
        },
      );
    }
    case 'rerun-start':
      return Object.assign(
        orchestrator(
          'rerun',
          `Re-running lanes ${event.lane_ids.join(', ')} (attempt ${event.attempt}) with ${event.feedback.length} findings as feedback`,
          event.attempt,
        ),
        {
          regen_flag: true,
          data: { lane_ids: event.lane_ids, feedback: event.feedback },
        },
      );
    case 'digest-write':
      return Object.assign(
        orchestrator('digest', `Digest written (${event.verdict}): ${event.markdown_path}`),
        {
          data: { verdict: event.verdict, markdown_path: event.markdown_path, json_path: event.json_path },
        },
      );
    case 'mission-end':
      return Object.assign(
        orchestrator(
          'mission_end',
          `Mission ended: ${event.verdict}${event.partial ? ' (partial digest)' : ''}`,
        ),
        {
          data: { verdict: event.verdict, partial: event.partial },
        },
      );
    case 'mission-error':
      return Object.assign(orchestrator('mission_error', `Mission failed: ${event.error}`), {
        data: { error: event.error },
      });
    case 'model-call-end': {
      const tokens = `${event.input_tokens} in / ${event.output_tokens} out${event.cached_input_tokens > 0 ? ` (${event.cached_input_tokens} cached)` : ''}`;
      const cost = event.cost_usd === undefined ? 'unpriced' : `$${event.cost_usd.toFixed(6)}`;
      const cache = event.cache === 'hit' ? ', replayed from the call cache' : '';
      const outcome = event.error === undefined ? `${tokens}, ${cost}${cache}` : `failed: ${event.error}`;
      return withAttempt(
        {
          lane_id: event.lane_id,
          phase: 'model_call',
          role: event.role,
          summary: `${event.task} call ${event.call_index} to ${event.provider}:${event.model}: ${outcome}`,
          data: eventFields(event),
        },
        event.attempt,
      );
    }
    case 'tool-call-end':
      return withAttempt(
        {
          lane_id: event.lane_id,
          phase: 'tool_call',
          role: event.role,
          summary: event.error === undefined ? event.summary : `${event.tool} failed: ${event.error}`,
          evidence_refs: event.evidence_refs,
          data: {
            tool: event.tool,
            input: event.input,
            during: event.phase,
            duration_ms: event.duration_ms,
            error: event.error,
          },
        },
        event.attempt,
      );
    case 'budget-exhausted':
      return Object.assign(
        orchestrator('budget', `Budget reached, no more model calls dispatched: ${event.reason}`),
        {
          data: { reason: event.reason, usage: event.usage },
        },
      );
    case 'safety-refusal':
      return withAttempt(
        {
          lane_id: event.lane_id,
          phase: event.phase,
          role: event.role,
          summary: `Refused ${event.target}: ${event.reason}`,
          blocked_capabilities: [event.capability],
          data: { target: event.target, capability: event.capability, reason: event.reason },
        },
        event.attempt,
      );
    case 'write-chunk':
      return withAttempt(
        {
          lane_id: event.lane_id,
          phase: event.stage === 'proposed' ? 'engage_chunk' : 'apply_chunk',
          role: 'shaper',
          summary: `${event.stage === 'proposed' ? 'Proposed' : 'Wrote'} chunk ${event.chunk_id.index}/${event.chunk_id.total}: ${event.changed_lines} changed lines in ${event.files.join(', ')}`,
          chunk_id: event.chunk_id,
          data: {
            stage: event.stage,
            files: event.files,
            changed_lines: event.changed_lines,
            diff: event.diff,
          },
        },
        event.attempt,
      );
    case 'revert-plan-write':
      return Object.assign(
        orchestrator(
          'revert_plan',
          `Revert plan recorded before the first write: ${event.files.length} file(s), ${event.path}`,
        ),
        {
          role: 'shaper',
          data: { path: event.path, files: event.files },
        },
      );
    case 'workspace-restore':
      return Object.assign(
        orchestrator('revert', `Workspace restored from ${event.plan_path}: ${event.files.length} file(s)`),
        {
          data: { plan_path: event.plan_path, files: event.files },
        },
      );
    case 'mcp-tool-discovered':
      return Object.assign(
        orchestrator(
          'mcp_discovery',
          `MCP tool ${event.qualified_name} discovered: ${event.trusted ? `offered to ${event.offered_to.join(', ') || 'no role'}` : 'not trusted by the policy, never offered'}`,
        ),
        {
          ...(event.trusted && event.offered_to.length > 0
            ? {}
            : { blocked_capabilities: [`tool:${event.qualified_name}`] }),
          data: {
            server: event.server,
            tool: event.tool,
            trusted: event.trusted,
            offered_to: event.offered_to,
          },
        },
      );
    case 'phase-start':
    case 'verify-start':
      return undefined;
  }
}
