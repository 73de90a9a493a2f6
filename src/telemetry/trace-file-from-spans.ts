import type { Attributes } from '@opentelemetry/api';
import type { TraceAttributes, TraceFile, TraceSpan } from './trace-file.js';

export interface TraceFileInput {
  traceId: string;
  missionId: string;
  resource: Attributes;
  spans: readonly TraceSpan[];
  dropped: number;
}

/** ISO times of one format compare as strings (code units, not a locale's collation: no ICU start-up). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parents before children: by start time, then the span that ends later (the enclosing one) first. */
function byStart(a: TraceSpan, b: TraceSpan): number {
  return compare(a.start_time, b.start_time) || compare(b.end_time, a.end_time);
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
