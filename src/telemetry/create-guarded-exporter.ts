import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** `@opentelemetry/core`'s `ExportResult`, as the exporter interface names it. */
type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/** `ExportResultCode.FAILED` of `@opentelemetry/core`, without depending on it at run time. */
const FAILED = 1;

/**
 * Wraps an exporter so a collector that is down, slow or answering errors costs one warning for the
 * whole run (`onFailure` is called once, with the first error), and nothing it does can throw into
 * the span processor or the run.
 */
export function createGuardedExporter(inner: SpanExporter, onFailure: (error: Error) => void): SpanExporter {
  let warned = false;
  const fail = (error: unknown) => {
    if (warned) return;
    warned = true;
    onFailure(error instanceof Error ? error : new Error(String(error)));
  };
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      try {
        inner.export(spans, (result) => {
          if (result.code === FAILED) fail(result.error ?? new Error('export failed'));
          done(result);
        });
      } catch (error) {
        fail(error);
        done({ code: FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      }
    },
    async shutdown() {
      await inner.shutdown().catch(fail);
    },
    async forceFlush() {
      await inner.forceFlush?.().catch(fail);
    },
  };
}
