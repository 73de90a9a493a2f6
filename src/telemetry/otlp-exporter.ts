import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { OtlpSettings } from './telemetry-settings.js';

/**
 * The SDK's OTLP/HTTP trace exporter for the configured encoding. Settings are passed explicitly
 * (resolved from the environment the CLI was given), so tests need not touch `process.env`.
 */
export function createOtlpExporter(settings: OtlpSettings): SpanExporter {
  const config = {
    url: settings.url,
    headers: settings.headers,
    timeoutMillis: settings.timeoutMillis,
    // One mission, one short burst of requests: no sockets left open to hold the process at exit.
    keepAlive: false,
  };
  return settings.protocol === 'http/json'
    ? new OtlpJsonTraceExporter(config)
    : new OtlpProtobufTraceExporter(config);
}
