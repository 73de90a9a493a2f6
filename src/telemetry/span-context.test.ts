import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import {
  contextWithSpan,
  EMPTY_CONTEXT,
  SPAN_KIND_CLIENT,
  SPAN_KIND_INTERNAL,
  SPAN_STATUS_ERROR,
} from './span-context.js';

describe('span-context', () => {
  it('holds the API enum values', () => {
    expect([SPAN_KIND_INTERNAL, SPAN_KIND_CLIENT, SPAN_STATUS_ERROR]).toEqual([
      SpanKind.INTERNAL,
      SpanKind.CLIENT,
      SpanStatusCode.ERROR,
    ]);
  });

  it('is read by the API as trace.setSpan(ROOT_CONTEXT, span) is', () => {
    const span = trace.wrapSpanContext({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 });
    expect(trace.getSpan(contextWithSpan(span))).toBe(span);
    expect(trace.getSpan(EMPTY_CONTEXT)).toBeUndefined();
    expect(trace.getSpan(ROOT_CONTEXT.setValue(Symbol('other'), 1))).toBeUndefined();
    expect(
      contextWithSpan(span)
        .deleteValue(Symbol.for('OpenTelemetry Context Key SPAN'))
        .getValue(Symbol.for('OpenTelemetry Context Key SPAN')),
    ).toBeUndefined();
  });
});
