import { z } from 'zod';

const AttributeValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
]);

/** Span attributes: OpenTelemetry's primitive values and homogeneous arrays of them. */
export const TraceAttributesSchema = z.record(z.string(), AttributeValueSchema);

/** A point in a span's life, e.g. a `gen_ai.evaluation.result` per validator vote. */
export const TraceSpanEventSchema = z.object({
  name: z.string(),
  /** UTC ISO time. */
  time: z.iso.datetime(),
  attributes: TraceAttributesSchema,
});

/** A span's outcome: `ERROR` carries the reason. */
export const TraceStatusSchema = z.object({
  code: z.enum(['UNSET', 'OK', 'ERROR']),
  message: z.string().optional(),
});

/** One span, with the seed's fields (`trace_id` … `attributes`) plus its kind and events. */
export const TraceSpanSchema = z.object({
  /** 32 lowercase hex characters, the same for every span of a mission run. */
  trace_id: z.string().regex(/^[0-9a-f]{32}$/),
  /** 16 lowercase hex characters. */
  span_id: z.string().regex(/^[0-9a-f]{16}$/),
  /** Absent on the mission's root span. */
  parent_span_id: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  /** `invoke_workflow mission`, `invoke_agent observer`, `chat gpt-4o`, `execute_tool read_lines`, … */
  name: z.string(),
  /** UTC ISO time the step started (from the run events, not the listener's clock). */
  start_time: z.iso.datetime(),
  end_time: z.iso.datetime(),
  status: TraceStatusSchema,
  /** GenAI semantic-convention attributes and the seed's under `swarmlord.` (role, lane_id, evidence_refs, quorum, hallucination_rate). */
  attributes: TraceAttributesSchema,
  kind: z.enum(['INTERNAL', 'CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER']).default('INTERNAL'),
  events: z.array(TraceSpanEventSchema).default([]),
});

/** The seed's OpenTelemetry-style trace file, written beside the digest as `trace.json` / `trace.yaml`. */
export const TraceFileSchema = z.object({
  format: z.literal('swarmlord.trace/v1'),
  trace_id: z.string().regex(/^[0-9a-f]{32}$/),
  mission_id: z.string(),
  /** The resource the spans were exported with (`service.name`, …). */
  resource: TraceAttributesSchema,
  /** Spans the file left out once its cap was reached (bounded memory). */
  dropped_spans: z.number().int().min(0).default(0),
  /** Sorted by start time, parents before children at equal times. */
  spans: z.array(TraceSpanSchema),
});

export type TraceAttributes = z.infer<typeof TraceAttributesSchema>;
export type TraceSpanEvent = z.infer<typeof TraceSpanEventSchema>;
export type TraceSpan = z.output<typeof TraceSpanSchema>;
export type TraceFile = z.output<typeof TraceFileSchema>;
