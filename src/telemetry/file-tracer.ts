import type {
  Attributes,
  AttributeValue,
  Context,
  HrTime,
  SpanOptions,
  SpanStatus,
  TimeInput,
} from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { ListenerSpan, ListenerTracer } from './create-telemetry-listener.js';
import { SPAN_KEY, SPAN_KIND_INTERNAL } from './span-context.js';

/** The SDK's default span limits (`OTEL_SPAN_*_COUNT_LIMIT` unset). */
const ATTRIBUTE_COUNT_LIMIT = 128;
const EVENT_COUNT_LIMIT = 128;
const ATTRIBUTES_PER_EVENT_LIMIT = 128;

export interface FileTracerOptions {
  traceId: string;
  generateSpanId: () => string;
  /** Longest string attribute value (the SDK's `attributeValueLengthLimit`). */
  attributeValueLengthLimit: number;
  /** Each span as it ends, shaped as the SDK's `ReadableSpan` (what the collecting exporter reads). */
  onEnd: (span: ReadableSpan) => void;
}

function isPrimitive(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `@opentelemetry/core`'s `isAttributeValue`: a primitive, or an array of one primitive type (nulls allowed). */
function isAttributeValue(value: unknown): boolean {
  if (value == null) return true;
  if (!Array.isArray(value)) return isPrimitive(value);
  let type: string | undefined;
  for (const element of value) {
    if (element == null) continue;
    if (!isPrimitive(element)) return false;
    type ??= typeof element;
    if (typeof element !== type) return false;
  }
  return true;
}

function millisOf(time: TimeInput | undefined): number {
  if (time instanceof Date) return time.getTime();
  if (typeof time === 'number') return time;
  if (Array.isArray(time)) return time[0] * 1000 + time[1] / 1e6;
  return Date.now();
}

function hrTime(millis: number): HrTime {
  const whole = Math.trunc(millis);
  return [Math.trunc(whole / 1000), Math.round((whole % 1000) * 1e6)];
}

/**
 * A tracer that records spans for the trace file only, as the SDK's tracer with a simple span
 * processor would hand them to the collecting exporter: the same ids, parents, times, attribute
 * rules (invalid values and empty keys dropped, 128 attributes, strings cut to the length limit),
 * events (128, oldest dropped first), statuses and clamped end times — without loading any
 * OpenTelemetry package (decision 0029). `file-tracer.test.ts` compares its trace file with the SDK's.
 */
export function createFileTracer(options: FileTracerOptions): ListenerTracer {
  const limit = options.attributeValueLengthLimit;
  const truncate = (value: AttributeValue): AttributeValue => {
    if (limit <= 0) return value;
    if (typeof value === 'string') return value.slice(0, limit);
    if (Array.isArray(value))
      return value.map((item) => (typeof item === 'string' ? item.slice(0, limit) : item)) as AttributeValue;
    return value;
  };

  class FileSpan implements ListenerSpan {
    readonly spanId = options.generateSpanId();
    readonly attributes: Attributes = {};
    readonly events: {
      name: string;
      attributes: Attributes;
      time: HrTime;
      droppedAttributesCount: number;
    }[] = [];
    status: SpanStatus = { code: 0 };
    readonly startTime: HrTime;
    #count = 0;
    #ended = false;

    constructor(
      readonly name: string,
      readonly kind: number,
      start: TimeInput | undefined,
      readonly parentSpanId: string | undefined,
      attributes: Attributes | undefined,
    ) {
      this.startTime = hrTime(millisOf(start));
      if (attributes !== undefined) this.setAttributes(attributes);
    }

    setAttribute(key: string, value: AttributeValue | undefined): void {
      if (value == null || this.#ended || key.length === 0 || !isAttributeValue(value)) return;
      const isNew = !Object.hasOwn(this.attributes, key);
      if (isNew && this.#count >= ATTRIBUTE_COUNT_LIMIT) return;
      this.attributes[key] = truncate(value);
      if (isNew) this.#count += 1;
    }

    setAttributes(attributes: Attributes): void {
      for (const [key, value] of Object.entries(attributes)) this.setAttribute(key, value);
    }

    addEvent(name: string, attributes: Attributes = {}, time?: TimeInput): void {
      if (this.#ended) return;
      if (this.events.length >= EVENT_COUNT_LIMIT) this.events.shift();
      const kept: Attributes = {};
      let count = 0;
      let dropped = 0;
      for (const [key, value] of Object.entries(attributes)) {
        if (key.length === 0 || !isAttributeValue(value)) continue;
        if (count >= ATTRIBUTES_PER_EVENT_LIMIT) {
          dropped += 1;
          continue;
        }
        kept[key] = Array.isArray(value)
          ? truncate([...value] as AttributeValue)
          : truncate(value as AttributeValue);
        count += 1;
      }
      this.events.push({
        name,
        attributes: kept,
        time: hrTime(millisOf(time)),
        droppedAttributesCount: dropped,
      });
    }

    setStatus(status: SpanStatus): void {
      if (this.#ended) return;
      this.status = status.message === undefined ? { code: status.code } : { ...status };
    }

    end(time?: TimeInput): void {
      if (this.#ended) return;
      this.#ended = true;
      const end = hrTime(millisOf(time));
      const before =
        end[0] < this.startTime[0] || (end[0] === this.startTime[0] && end[1] < this.startTime[1]);
      const endTime = before ? ([...this.startTime] as HrTime) : end;
      const parent = this.parentSpanId;
      options.onEnd({
        name: this.name,
        kind: this.kind,
        spanContext: () => ({ traceId: options.traceId, spanId: this.spanId, traceFlags: 1 }),
        ...(parent === undefined
          ? {}
          : { parentSpanContext: { traceId: options.traceId, spanId: parent, traceFlags: 1 } }),
        startTime: this.startTime,
        endTime,
        status: this.status,
        attributes: this.attributes,
        events: this.events,
      } as unknown as ReadableSpan);
    }
  }

  return {
    startSpan(name: string, spanOptions: SpanOptions, context: Context): ListenerSpan {
      const parent = context.getValue(SPAN_KEY);
      return new FileSpan(
        name,
        spanOptions.kind ?? SPAN_KIND_INTERNAL,
        spanOptions.startTime,
        parent instanceof FileSpan ? parent.spanId : undefined,
        spanOptions.attributes,
      );
    },
  };
}
