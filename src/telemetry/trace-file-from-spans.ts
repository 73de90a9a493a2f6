import type { Attributes } from '@opentelemetry/api';
import type { TraceAttributes, TraceFile, TraceSpan } from './trace-file.js';

export interface TraceFileInput {
  traceId: string;
  missionId: string;
  resource: Attributes;
  spans: readonly TraceSpan[];
  dropped: number;
}

/** Parents before children: by start time, then the span that ends later (the enclosing one) first. */
function byStart(a: TraceSpan, b: TraceSpan): number {
  return a.start_time.localeCompare(b.start_time) || b.end_time.localeCompare(a.end_time);
}

function plainResource(attributes: Attributes): TraceAttributes {
  const plain: TraceAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      plain[key] = value;
  }
  return plain;
}

/** The seed's trace file of one mission run, spans sorted for reading top to bottom. */
export function traceFileFrom(input: TraceFileInput): TraceFile {
  return {
    format: 'swarmlord.trace/v1',
    trace_id: input.traceId,
    mission_id: input.missionId,
    resource: plainResource(input.resource),
    dropped_spans: input.dropped,
    spans: [...input.spans].sort(byStart),
  };
}
