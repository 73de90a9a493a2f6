import type {
  Attributes,
  Context,
  SpanKind as SpanKindType,
  SpanOptions,
  SpanStatus,
  TimeInput,
} from '@opentelemetry/api';
import { redactText } from '../blackboard/index.js';
import type { RunEvent, RunEventListener, RunEventOf } from '../contracts/index.js';
import {
  agentAttributes,
  cleanAttributes,
  EVALUATION_EVENT,
  evaluationAttributes,
  missionAttributes,
  modelCallAttributes,
  outputContentAttributes,
  phaseEndAttributes,
  toolCallAttributes,
  verifyAttributes,
  WORKFLOW_NAME,
} from './gen-ai-attributes.js';
import {
  contextWithSpan,
  EMPTY_CONTEXT,
  SPAN_KIND_CLIENT,
  SPAN_KIND_INTERNAL,
  SPAN_STATUS_ERROR,
} from './span-context.js';

/** What the listener does with a span: an OpenTelemetry `Span` has all of it. */
export interface ListenerSpan {
  setAttributes(attributes: Attributes): unknown;
  addEvent(name: string, attributes?: Attributes, time?: TimeInput): unknown;
  setStatus(status: SpanStatus): unknown;
  end(time?: TimeInput): void;
}

/** What the listener asks of a tracer: an OpenTelemetry `Tracer`, or the trace file's own (`createFileTracer`). */
export interface ListenerTracer {
  startSpan(name: string, options: SpanOptions, context: Context): ListenerSpan;
}

/** The run-time names of the API's enums the listener uses, without loading the API. */
const SpanKind = { INTERNAL: SPAN_KIND_INTERNAL, CLIENT: SPAN_KIND_CLIENT } as const;
const SpanStatusCode = { ERROR: SPAN_STATUS_ERROR } as const;

/** What the listener knows once the mission's root span has ended. */
export interface MissionTraceEnd {
  missionId: string;
  /** The run's `digest.json`, when a digest was written: the trace file goes beside it. */
  digestJsonPath?: string;
}

export interface TelemetryListenerOptions {
  tracer: ListenerTracer;
  /** Environment whose secret-named values are redacted from every attribute; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Put phase outputs and tool arguments/results on spans (`OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`). */
  captureContent?: boolean;
  /** Called after the root span ended (`mission-end` or `mission-error`), e.g. to write the trace file. */
  onMissionEnd?: (end: MissionTraceEnd) => void | Promise<void>;
  /** Told of anything that went wrong inside telemetry; it never reaches the run. */
  onError?: (error: unknown) => void;
}

interface OpenSpan {
  span: ListenerSpan;
  start: number;
}

/** Epoch milliseconds of an event's `at`; spans get them as `Date`s, since the SDK reads a bare number below the process start as a `performance.now()` offset. */
function time(at: string): number {
  const parsed = Date.parse(at);
  return Number.isNaN(parsed) ? Date.now() : parsed;
}

/**
 * A run-event listener that turns a mission's events into OpenTelemetry spans with the GenAI
 * semantic conventions: `invoke_workflow mission` → `invoke_agent {lane}` per lane attempt →
 * `invoke_agent {role}` per phase → `chat {model}` and `execute_tool {tool}` per call; Aggregate and
 * Verify as children of the mission, each validator's vote a `gen_ai.evaluation.result` event. Spans
 * take their times from the events' `at`, so they show the run, not the listener. It never throws:
 * a failure inside telemetry goes to `onError` and the run goes on.
 *
 * @example
 * const listener = createTelemetryListener({ tracer: provider.getTracer('swarmlord') });
 * await runMission({ intent, cwd, listeners: [blackboardListener, listener] });
 */
export function createTelemetryListener(options: TelemetryListenerOptions): RunEventListener {
  const { tracer } = options;
  const env = options.env ?? process.env;
  const captureContent = options.captureContent ?? false;
  const spans = new Map<string, OpenSpan>();
  let missionId = '';
  let digestJsonPath: string | undefined;
  let lastLaneEnd: number | undefined;
  let finished = false;

  const attributes = (loose: Parameters<typeof cleanAttributes>[0]): Attributes =>
    cleanAttributes(loose, env);

  const start = (
    key: string,
    name: string,
    at: number,
    parent: ListenerSpan | undefined,
    kind: SpanKindType,
    loose: Parameters<typeof cleanAttributes>[0],
  ): ListenerSpan => {
    const context = parent === undefined ? EMPTY_CONTEXT : contextWithSpan(parent);
    const span = tracer.startSpan(
      name,
      { kind, startTime: new Date(at), attributes: attributes(loose) },
      context,
    );
    spans.set(key, { span, start: at });
    return span;
  };

  const end = (key: string, at: number, error?: string): void => {
    const open = spans.get(key);
    if (open === undefined) return;
    spans.delete(key);
    // Error messages quote inputs: redacted like every attribute.
    if (error !== undefined)
      open.span.setStatus({ code: SpanStatusCode.ERROR, message: redactText(error, env) });
    // An event stamped before its span's start (clock skew between emitters) would make a negative span.
    open.span.end(new Date(Math.max(at, open.start)));
  };

  const missionSpan = (at: number): ListenerSpan =>
    spans.get('mission')?.span ??
    start('mission', `invoke_workflow ${WORKFLOW_NAME}`, at, undefined, SpanKind.INTERNAL, {});

  const laneKey = (laneId: string, attempt: number) => `lane:${laneId}#${attempt}`;
  const phaseKey = (laneId: string, attempt: number) => `phase:${laneId}#${attempt}`;

  /** The innermost open span a call of this lane attempt belongs to. */
  const callParent = (laneId: string, attempt: number | undefined, phase: string | undefined, at: number) => {
    if (attempt !== undefined) {
      if (phase === 'verify') {
        const verify = spans.get(`verify:${attempt}`)?.span;
        if (verify !== undefined) return verify;
      }
      const open = spans.get(phaseKey(laneId, attempt))?.span ?? spans.get(laneKey(laneId, attempt))?.span;
      if (open !== undefined) return open;
    }
    return missionSpan(at);
  };

  /** Ends every open span under a lane attempt (a lane that failed mid-phase). */
  const endLane = (laneId: string, attempt: number, at: number, error?: string) => {
    end(phaseKey(laneId, attempt), at, error === undefined ? undefined : `lane failed: ${error}`);
    end(laneKey(laneId, attempt), at, error);
  };

  const finish = async (at: number, error?: string) => {
    for (const key of [...spans.keys()]) {
      if (key !== 'mission') end(key, at, error === undefined ? 'unfinished when the mission ended' : error);
    }
    end('mission', at, error);
    finished = true;
    await options.onMissionEnd?.({
      missionId,
      ...(digestJsonPath === undefined ? {} : { digestJsonPath }),
    });
  };

  const handlers: { [T in RunEvent['type']]: (event: RunEventOf<T>, at: number) => void | Promise<void> } = {
    'mission-start': (event, at) => {
      missionId = event.mission_id;
      const loose = missionAttributes(event.mission_id, event.intent.objective, event.lane_ids);
      missionSpan(at).setAttributes(attributes(loose));
    },
    'lane-start': (event, at) => {
      const scope = {
        missionId,
        laneId: event.lane_id,
        attempt: event.attempt,
        role: 'lane',
        model: event.model,
      };
      start(
        laneKey(event.lane_id, event.attempt),
        `invoke_agent ${event.lane_id}`,
        at,
        missionSpan(at),
        SpanKind.INTERNAL,
        agentAttributes(scope),
      );
    },
    'phase-start': (event, at) => {
      const parent = spans.get(laneKey(event.lane_id, event.attempt))?.span ?? missionSpan(at);
      const scope = {
        missionId,
        laneId: event.lane_id,
        attempt: event.attempt,
        role: event.role,
        phase: event.phase,
      };
      start(
        phaseKey(event.lane_id, event.attempt),
        `invoke_agent ${event.role}`,
        at,
        parent,
        SpanKind.INTERNAL,
        agentAttributes(scope),
      );
    },
    'phase-end': (event, at) => {
      const open = spans.get(phaseKey(event.lane_id, event.attempt));
      if (open === undefined) return;
      open.span.setAttributes(
        attributes(phaseEndAttributes(event.evidence_refs, event.summary, event.duration_ms)),
      );
      if (captureContent) open.span.setAttributes(attributes(outputContentAttributes(event.output)));
      end(phaseKey(event.lane_id, event.attempt), at);
    },
    'lane-end': (event, at) => {
      lastLaneEnd = Math.max(lastLaneEnd ?? at, at);
      endLane(
        event.lane_id,
        event.attempt,
        at,
        event.status === 'failed' ? (event.error ?? 'lane failed') : undefined,
      );
    },
    'model-call-end': (event, at) => {
      const begin = at - Math.max(0, event.duration_ms);
      const parent = callParent(event.lane_id, event.attempt, event.phase, at);
      const key = `model:${event.lane_id}#${event.attempt ?? 0}#${event.call_index}#${at}`;
      start(
        key,
        `chat ${event.model}`,
        begin,
        parent,
        SpanKind.CLIENT,
        modelCallAttributes(missionId, event),
      );
      end(key, at, event.error);
    },
    'tool-call-end': (event, at) => {
      const begin = at - Math.max(0, event.duration_ms);
      const parent = callParent(event.lane_id, event.attempt, event.phase, at);
      const key = `tool:${event.lane_id}#${event.attempt}#${event.tool}#${at}`;
      start(
        key,
        `execute_tool ${event.tool}`,
        begin,
        parent,
        SpanKind.INTERNAL,
        toolCallAttributes(missionId, event, captureContent),
      );
      end(key, at, event.error);
    },
    'aggregate-end': (event, at) => {
      const key = `aggregate:${event.attempt}`;
      const loose = {
        'swarmlord.role': 'aggregator',
        'swarmlord.attempt': event.attempt,
        'swarmlord.claims': event.bundle.claims.length,
        'swarmlord.duplicates_merged': event.bundle.duplicates_merged,
      };
      start(key, 'aggregate', Math.min(lastLaneEnd ?? at, at), missionSpan(at), SpanKind.INTERNAL, loose);
      end(key, at);
    },
    'verify-start': (event, at) => {
      const loose = { 'swarmlord.role': 'verify', 'swarmlord.attempt': event.attempt };
      start(`verify:${event.attempt}`, 'verify', at, missionSpan(at), SpanKind.INTERNAL, loose);
    },
    'verify-end': (event, at) => {
      const key = `verify:${event.attempt}`;
      const span =
        spans.get(key)?.span ??
        start(key, 'verify', at, missionSpan(at), SpanKind.INTERNAL, { 'swarmlord.role': 'verify' });
      const { report } = event;
      span.setAttributes(attributes(verifyAttributes(report)));
      for (const vote of report.validators)
        span.addEvent(EVALUATION_EVENT, attributes(evaluationAttributes(vote)), new Date(at));
      const reason =
        report.verdict === 'FAIL'
          ? `Verify FAIL: hallucination rate ${(report.hallucination_rate * 100).toFixed(1)}%, quorum ${report.quorum.passed}/${report.quorum.threshold}${report.failing_lanes.length > 0 ? `, failing lanes ${report.failing_lanes.join(', ')}` : ''}`
          : undefined;
      end(key, at, reason);
    },
    'rerun-start': (event, at) => {
      const loose = { 'swarmlord.attempt': event.attempt, 'swarmlord.lane_ids': event.lane_ids };
      missionSpan(at).addEvent('swarmlord.rerun', attributes(loose), new Date(at));
    },
    'budget-exhausted': (event, at) => {
      missionSpan(at).addEvent(
        'swarmlord.budget_exhausted',
        attributes({ 'swarmlord.reason': event.reason }),
        new Date(at),
      );
    },
    'digest-write': (event, at) => {
      digestJsonPath = event.json_path;
      const loose = { 'swarmlord.verdict': event.verdict, 'swarmlord.digest_path': event.markdown_path };
      missionSpan(at).addEvent('swarmlord.digest_write', attributes(loose), new Date(at));
    },
    'mission-end': async (event, at) => {
      const span = missionSpan(at);
      span.setAttributes(
        attributes({ 'swarmlord.verdict': event.verdict, 'swarmlord.partial': event.partial }),
      );
      await finish(at, event.verdict === 'FAIL' ? 'mission verdict FAIL' : undefined);
    },
    'mission-error': async (event, at) => {
      await finish(at, event.error);
    },
    // Engage's safety steps are receipts first; on the trace they are events of the mission span.
    'safety-refusal': (event, at) => {
      const loose = {
        'swarmlord.lane_id': event.lane_id,
        'swarmlord.capability': event.capability,
        'swarmlord.reason': event.reason,
      };
      missionSpan(at).addEvent('swarmlord.safety_refusal', attributes(loose), new Date(at));
    },
    'write-chunk': (event, at) => {
      const loose = {
        'swarmlord.lane_id': event.lane_id,
        'swarmlord.stage': event.stage,
        'swarmlord.chunk': `${event.chunk_id.index}/${event.chunk_id.total}`,
        'swarmlord.changed_lines': event.changed_lines,
      };
      missionSpan(at).addEvent('swarmlord.write_chunk', attributes(loose), new Date(at));
    },
    'revert-plan-write': (event, at) => {
      missionSpan(at).addEvent(
        'swarmlord.revert_plan',
        attributes({ 'swarmlord.files': event.files.length }),
        new Date(at),
      );
    },
    'workspace-restore': (event, at) => {
      missionSpan(at).addEvent(
        'swarmlord.workspace_restore',
        attributes({ 'swarmlord.files': event.files.length }),
        new Date(at),
      );
    },
    'mcp-tool-discovered': (event, at) => {
      const loose = {
        'swarmlord.tool': event.qualified_name,
        'swarmlord.trusted': event.trusted,
        'swarmlord.offered_to': event.offered_to,
      };
      missionSpan(at).addEvent('swarmlord.mcp_tool_discovered', attributes(loose), new Date(at));
    },
  };

  return async (event) => {
    if (finished) return;
    try {
      const handler = handlers[event.type] as (event: RunEvent, at: number) => void | Promise<void>;
      await handler(event, time(event.at));
    } catch (error) {
      options.onError?.(error);
    }
  };
}
