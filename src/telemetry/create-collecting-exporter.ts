import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { TraceSpan } from './trace-file.js';
import { traceSpanFromReadable } from './trace-span-from-readable.js';

/** `@opentelemetry/core`'s `ExportResult`, as the exporter interface names it. */
type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/** An exporter that keeps finished spans as trace-file records, for the file beside the digest. */
export interface CollectingExporter extends SpanExporter {
  /** The records so far, in the order their spans ended. */
  spans(): readonly TraceSpan[];
  /** Spans not kept because the cap was reached. */
  dropped(): number;
}

/** Default cap: far above a mission's few hundred spans, and a bound on memory all the same. */
export const MAX_FILE_SPANS = 50_000;

/** `maxSpans` bounds memory: past it spans are counted, not kept. */
export function createCollectingExporter(maxSpans = MAX_FILE_SPANS): CollectingExporter {
  const kept: TraceSpan[] = [];
  let dropped = 0;
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      for (const span of spans) {
        if (kept.length < maxSpans) kept.push(traceSpanFromReadable(span));
        else dropped += 1;
      }
      done({ code: 0 });
    },
    async shutdown() {},
    async forceFlush() {},
    spans: () => kept,
    dropped: () => dropped,
  };
}
