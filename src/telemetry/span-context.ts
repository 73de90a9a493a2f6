import type { Context, SpanKind, SpanStatusCode } from '@opentelemetry/api';

// What the listener needs of `@opentelemetry/api` at run time, without loading it (issue 19: an
// offline mission writes its trace file without the OpenTelemetry packages, decision 0029).
// `span-context.test.ts` checks every value against the package.

/** `SpanKind.INTERNAL` / `SpanKind.CLIENT`. */
export const SPAN_KIND_INTERNAL = 0 as SpanKind.INTERNAL;
export const SPAN_KIND_CLIENT = 2 as SpanKind.CLIENT;
/** `SpanStatusCode.ERROR`. */
export const SPAN_STATUS_ERROR = 2 as SpanStatusCode.ERROR;

/**
 * The key under which the API keeps the active span in a context. The API creates its keys with
 * `Symbol.for`, so that copies of it agree; a context holding the span under this key is read as the
 * parent by the SDK's tracer exactly as `trace.setSpan(ROOT_CONTEXT, span)` is.
 */
export const SPAN_KEY: symbol = Symbol.for('OpenTelemetry Context Key SPAN');

class ValuesContext implements Context {
  readonly #values: ReadonlyMap<symbol, unknown>;
  constructor(values: ReadonlyMap<symbol, unknown> = new Map()) {
    this.#values = values;
  }
  getValue(key: symbol): unknown {
    return this.#values.get(key);
  }
  setValue(key: symbol, value: unknown): Context {
    return new ValuesContext(new Map([...this.#values, [key, value]]));
  }
  deleteValue(key: symbol): Context {
    const values = new Map(this.#values);
    values.delete(key);
    return new ValuesContext(values);
  }
}

/** The empty context (`ROOT_CONTEXT`). */
export const EMPTY_CONTEXT: Context = new ValuesContext();

/** A context whose span is `span` (`trace.setSpan(ROOT_CONTEXT, span)`). */
export function contextWithSpan(span: unknown): Context {
  return EMPTY_CONTEXT.setValue(SPAN_KEY, span);
}
