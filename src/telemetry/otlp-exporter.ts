import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { OtlpSettings } from './telemetry-settings.js';

type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/** `ExportResultCode.FAILED` of `@opentelemetry/core`, without depending on it at run time. */
const FAILED = 1;

/** The SDK's OTLP/HTTP trace exporter for the configured encoding, its package loaded now. */
async function loadOtlpExporter(settings: OtlpSettings): Promise<SpanExporter> {
  const config = {
    url: settings.url,
    headers: settings.headers,
    timeoutMillis: settings.timeoutMillis,
    // One mission, one short burst of requests: no sockets left open to hold the process at exit.
    keepAlive: false,
  };
  if (settings.protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter(config);
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter(config);
}

/**
 * The OTLP/HTTP trace exporter for the configured encoding. Settings are passed explicitly
 * (resolved from the environment the CLI was given), so tests need not touch `process.env`.
 *
 * The exporter packages (with their transformer, protobuf and metrics dependencies) are loaded on
 * the first batch, not when the mission starts: a run with no span to send never loads them, and
 * the load overlaps the mission instead of delaying its start (issue 19).
 */
export function createOtlpExporter(settings: OtlpSettings): SpanExporter {
  let loading: Promise<SpanExporter> | undefined;
  const inner = () => {
    loading ??= loadOtlpExporter(settings);
    return loading;
  };
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      inner().then(
        (exporter) => exporter.export(spans, done),
        (error: unknown) =>
          done({ code: FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
      );
    },
    async shutdown() {
      // Nothing was ever exported: nothing to flush, and no reason to load the packages now.
      if (loading === undefined) return;
      await (await loading).shutdown();
    },
    async forceFlush() {
      if (loading === undefined) return;
      await (await loading).forceFlush?.();
    },
  };
}
