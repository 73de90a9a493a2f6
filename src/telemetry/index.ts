export type { CollectingExporter } from './create-collecting-exporter.js';
export { createCollectingExporter } from './create-collecting-exporter.js';
export { createFileTelemetry, openTelemetry } from './create-file-telemetry.js';
export { createGuardedExporter } from './create-guarded-exporter.js';
export type { Telemetry, TelemetryOptions } from './create-telemetry.js';
export { createTelemetry, createTraceId } from './create-telemetry.js';
export type {
  ListenerSpan,
  ListenerTracer,
  MissionTraceEnd,
  TelemetryListenerOptions,
} from './create-telemetry-listener.js';
export { createTelemetryListener } from './create-telemetry-listener.js';
export { createFileTracer } from './file-tracer.js';
export { findTraceFile } from './find-trace-file.js';
export { EVALUATION_EVENT, WORKFLOW_NAME } from './gen-ai-attributes.js';
export { parseOtelKeyValues } from './parse-otel-key-values.js';
export { readTraceFile } from './read-trace-file.js';
export type { WaterfallOptions } from './render-waterfall.js';
export { formatDuration, renderWaterfall } from './render-waterfall.js';
export { TelemetryError } from './telemetry-error.js';
export type { OtlpProtocol, OtlpSettings, TelemetrySettings } from './telemetry-settings.js';
export { resolveTelemetrySettings } from './telemetry-settings.js';
export type { TraceAttributes, TraceFile, TraceSpan, TraceSpanEvent } from './trace-file.js';
export { TraceFileSchema } from './trace-file.js';
export type { WaterfallRow } from './waterfall-rows.js';
export { waterfallRows } from './waterfall-rows.js';
export { renderTraceFile, traceFilePathBeside, writeTraceFile } from './write-trace-file.js';
