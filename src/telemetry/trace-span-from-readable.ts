import type { HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { TraceAttributes, TraceSpan } from './trace-file.js';

// By the API enums' values (INTERNAL 0 … CONSUMER 4; UNSET 0, OK 1, ERROR 2), without loading the API.
const KINDS: Record<SpanKind, TraceSpan['kind']> = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

const STATUSES: Record<SpanStatusCode, TraceSpan['status']['code']> = ['UNSET', 'OK', 'ERROR'];

/** UTC ISO time; the events the spans come from carry milliseconds, so nothing finer is lost. */
export function isoFromHrTime(time: HrTime): string {
  return new Date(time[0] * 1000 + Math.floor(time[1] / 1e6)).toISOString();
}

function plainAttributes(attributes: ReadableSpan['attributes']): TraceAttributes {
  const plain: TraceAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      plain[key] = value.filter(
        (item): item is string | number | boolean => item !== null && item !== undefined,
      );
    } else {
      plain[key] = value;
    }
  }
  return plain;
}

/** One finished SDK span as a record of the seed's trace file. */
export function traceSpanFromReadable(span: ReadableSpan): TraceSpan {
  const context = span.spanContext();
  const parent = span.parentSpanContext?.spanId;
  return {
    trace_id: context.traceId,
    span_id: context.spanId,
    ...(parent === undefined ? {} : { parent_span_id: parent }),
    name: span.name,
    start_time: isoFromHrTime(span.startTime),
    end_time: isoFromHrTime(span.endTime),
    status: {
      code: STATUSES[span.status.code],
      ...(span.status.message === undefined ? {} : { message: span.status.message }),
    },
    attributes: plainAttributes(span.attributes),
    kind: KINDS[span.kind],
    events: span.events.map((event) => ({
      name: event.name,
      time: isoFromHrTime(event.time),
      attributes: plainAttributes(event.attributes ?? {}),
    })),
  };
}
