/** An attribute value as decoded from OTLP `AnyValue` (ints as numbers when they fit). */
export type ReceivedValue = string | number | boolean | ReceivedValue[] | { [key: string]: ReceivedValue };

/** A span event as the receiver decoded it. */
export interface ReceivedSpanEvent {
  name: string;
  timeUnixNano: string;
  attributes: Record<string, ReceivedValue>;
}

/** One span as the receiver decoded it, the same shape from protobuf and from JSON payloads. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Empty string for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP `SpanKind` number: 1 internal, 2 server, 3 client, … */
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  /** OTLP `StatusCode`: 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
  attributes: Record<string, ReceivedValue>;
  events: ReceivedSpanEvent[];
  resource: Record<string, ReceivedValue>;
  scope: string;
}

/** One HTTP request the receiver answered. */
export interface ReceivedExport {
  path: string;
  contentType: string;
  encoding: 'protobuf' | 'json' | 'unknown';
  headers: Record<string, string | string[] | undefined>;
  /** The status the receiver answered with. */
  status: number;
  spans: ReceivedSpan[];
}
