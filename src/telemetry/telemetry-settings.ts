import type { MissionIntent } from '../contracts/index.js';
import { parseOtelKeyValues } from './parse-otel-key-values.js';

/** The OTLP/HTTP encodings the exporter speaks (`OTEL_EXPORTER_OTLP_PROTOCOL`). */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Where and how spans go over OTLP/HTTP. */
export interface OtlpSettings {
  /** Full traces URL, e.g. `http://127.0.0.1:4318/v1/traces`. */
  url: string;
  protocol: OtlpProtocol;
  /** From `OTEL_EXPORTER_OTLP_TRACES_HEADERS` over `OTEL_EXPORTER_OTLP_HEADERS`. */
  headers: Record<string, string>;
  /** Per export request; bounded so a slow collector costs seconds, not minutes. */
  timeoutMillis: number;
}

/** Everything telemetry needs to know, read once from the intent and the environment. */
export interface TelemetrySettings {
  /** False when `OTEL_SDK_DISABLED=true` or the intent sets `telemetry.emit_opentelemetry: false`. */
  enabled: boolean;
  /** Absent when no OTLP endpoint is configured (or `OTEL_TRACES_EXPORTER=none`). */
  otlp?: OtlpSettings;
  /** The trace file's format beside the digest; absent: no trace file. */
  traceFileFormat?: 'json' | 'yaml';
  /** `OTEL_SERVICE_NAME`, else `service.name` of `OTEL_RESOURCE_ATTRIBUTES`, else `swarmlord`. */
  serviceName: string;
  resourceAttributes: Record<string, string>;
  /** `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true`: put prompt/answer content on spans. */
  captureContent: boolean;
  /** Things worth one warning line (an unsupported protocol, …). */
  notices: string[];
}

/** Most a single OTLP request may take, unless `OTEL_EXPORTER_OTLP_TIMEOUT` asks for less. */
export const MAX_EXPORT_TIMEOUT_MS = 3_000;

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function tracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  const signal = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (signal) return signal;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!base) return undefined;
  // The spec: the generic endpoint is a base URL to which the signal's path is appended.
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

function protocolOf(env: NodeJS.ProcessEnv, notices: string[]): OtlpProtocol {
  const raw = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? '').trim();
  if (raw === '' || raw === 'http/protobuf') return 'http/protobuf';
  if (raw === 'http/json') return 'http/json';
  notices.push(`OTEL_EXPORTER_OTLP_PROTOCOL=${raw} is not supported here; sending http/protobuf`);
  return 'http/protobuf';
}

function timeoutOf(env: NodeJS.ProcessEnv): number {
  const raw = Number(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? env.OTEL_EXPORTER_OTLP_TIMEOUT);
  return Number.isFinite(raw) && raw > 0 ? Math.min(raw, MAX_EXPORT_TIMEOUT_MS) : MAX_EXPORT_TIMEOUT_MS;
}

/**
 * Reads the standard OpenTelemetry variables and the intent's `telemetry` block. OTLP export is on
 * only when an endpoint variable is set: a CLI that posts to `localhost:4318` by default would warn
 * on every run of everyone without a collector.
 */
export function resolveTelemetrySettings(intent: MissionIntent, env: NodeJS.ProcessEnv): TelemetrySettings {
  const notices: string[] = [];
  const resourceAttributes = parseOtelKeyValues(env.OTEL_RESOURCE_ATTRIBUTES);
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || resourceAttributes['service.name'] || 'swarmlord';
  const enabled = !isTrue(env.OTEL_SDK_DISABLED) && intent.telemetry.emit_opentelemetry;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim());
  const url = exporters.includes('none') ? undefined : tracesUrl(env);
  const settings: TelemetrySettings = {
    enabled,
    serviceName,
    resourceAttributes,
    captureContent: isTrue(env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT),
    notices,
  };
  if (!enabled) return settings;
  settings.traceFileFormat = intent.telemetry.otel_format;
  if (url !== undefined) {
    settings.otlp = {
      url,
      protocol: protocolOf(env, notices),
      headers: {
        ...parseOtelKeyValues(env.OTEL_EXPORTER_OTLP_HEADERS),
        ...parseOtelKeyValues(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
      },
      timeoutMillis: timeoutOf(env),
    };
  }
  return settings;
}
