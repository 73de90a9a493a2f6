import { createRequire } from 'node:module';
import type { ReceivedSpan, ReceivedValue } from './received-span.js';

/** The slice of the protobufjs message type the decoder uses. */
interface ProtobufMessageType {
  decode(buffer: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): unknown;
}

const require = createRequire(import.meta.url);
// The protobufjs classes generated from the official opentelemetry-proto files, as an OpenTelemetry
// package shipped them (CommonJS); a real decoder, so the test does not trust a hand-rolled parser.
const root = require('@opentelemetry/otlp-proto-exporter-base/build/src/generated/root.js') as {
  opentelemetry: {
    proto: { collector: { trace: { v1: { ExportTraceServiceRequest: ProtobufMessageType } } } };
  };
};
const ExportTraceServiceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number | string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValue[];
  events?: { name?: string; timeUnixNano?: string | number; attributes?: KeyValue[] }[];
  status?: { code?: number | string; message?: string };
}
interface OtlpRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[];
  }[];
}

const KIND_NAMES: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_NAMES: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

function enumNumber(value: number | string | undefined, names: Record<string, number>): number {
  if (typeof value === 'number') return value;
  return value === undefined ? 0 : (names[value] ?? Number(value));
}

function anyValue(value: AnyValue | undefined): ReceivedValue {
  if (value === undefined) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(anyValue);
  if (value.kvlistValue !== undefined) return keyValues(value.kvlistValue.values);
  return '';
}

function keyValues(list: KeyValue[] | undefined): Record<string, ReceivedValue> {
  return Object.fromEntries((list ?? []).map((entry) => [entry.key, anyValue(entry.value)]));
}

/** Ids arrive as base64 from protobuf (bytes) and as hex from OTLP/JSON. */
function hexId(value: string | undefined, encoding: 'protobuf' | 'json'): string {
  if (value === undefined || value === '') return '';
  return encoding === 'protobuf' ? Buffer.from(value, 'base64').toString('hex') : value.toLowerCase();
}

function flatten(request: OtlpRequest, encoding: 'protobuf' | 'json'): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = keyValues(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          traceId: hexId(span.traceId, encoding),
          spanId: hexId(span.spanId, encoding),
          parentSpanId: hexId(span.parentSpanId, encoding),
          name: span.name ?? '',
          kind: enumNumber(span.kind, KIND_NAMES),
          startTimeUnixNano: String(span.startTimeUnixNano ?? '0'),
          endTimeUnixNano: String(span.endTimeUnixNano ?? '0'),
          status: { code: enumNumber(span.status?.code, STATUS_NAMES), message: span.status?.message ?? '' },
          attributes: keyValues(span.attributes),
          events: (span.events ?? []).map((event) => ({
            name: event.name ?? '',
            timeUnixNano: String(event.timeUnixNano ?? '0'),
            attributes: keyValues(event.attributes),
          })),
          resource,
          scope: scopeSpans.scope?.name ?? '',
        });
      }
    }
  }
  return spans;
}

/** Decodes an OTLP `ExportTraceServiceRequest` sent as `application/x-protobuf`. */
export function decodeProtobufTraces(body: Uint8Array): ReceivedSpan[] {
  const message = ExportTraceServiceRequest.decode(body);
  const plain = ExportTraceServiceRequest.toObject(message, { longs: String, bytes: String, enums: Number });
  return flatten(plain as OtlpRequest, 'protobuf');
}

/** Decodes an OTLP/JSON `ExportTraceServiceRequest` (`application/json`). */
export function decodeJsonTraces(body: Uint8Array): ReceivedSpan[] {
  return flatten(JSON.parse(Buffer.from(body).toString('utf8')) as OtlpRequest, 'json');
}
