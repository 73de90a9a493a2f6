import type { Attributes } from '@opentelemetry/api';
import { createCollectingExporter } from './create-collecting-exporter.js';
import type { Telemetry, TelemetryOptions } from './create-telemetry.js';
import type { MissionTraceEnd } from './create-telemetry-listener.js';
import { createTelemetryListener } from './create-telemetry-listener.js';
import { createFileTracer } from './file-tracer.js';
import { MAX_ATTRIBUTE_LENGTH } from './gen-ai-attributes.js';
import type { TelemetrySettings } from './telemetry-settings.js';
import { traceFileFrom } from './trace-file-from-spans.js';
import { createTraceId, randomHex } from './trace-id.js';
import { traceFilePathBeside, writeTraceFile } from './write-trace-file.js';

/**
 * The SDK's default resource (`defaultResource()` of `@opentelemetry/resources`, the version this
 * package pins), so the trace file says the same with or without the SDK loaded;
 * `file-tracer.test.ts` compares it with the package's.
 */
export const SDK_DEFAULT_RESOURCE: Readonly<Record<string, string>> = {
  'service.name': 'unknown_service:node',
  'telemetry.sdk.language': 'nodejs',
  'telemetry.sdk.name': 'opentelemetry',
  'telemetry.sdk.version': '2.12.1',
};

/** The resource attributes `buildTelemetryResource` gives, without the resources package. */
export function fileResourceAttributes(settings: TelemetrySettings, version?: string): Attributes {
  return {
    ...SDK_DEFAULT_RESOURCE,
    ...(version === undefined ? {} : { 'service.version': version }),
    ...settings.resourceAttributes,
    'service.name': settings.serviceName,
  };
}

const disabled: Telemetry = {
  traceId: undefined,
  listener: () => {},
  traceFilePath: () => undefined,
  shutdown: async () => {},
};

/**
 * A mission's telemetry when no OTLP endpoint is configured: the trace file beside the digest only,
 * recorded by `createFileTracer`, with no OpenTelemetry package loaded. Same spans, ids, resource
 * and warnings as `createTelemetry` writes to the file.
 */
export function createFileTelemetry(options: TelemetryOptions): Telemetry {
  const { settings } = options;
  if (!settings.enabled) return disabled;
  const env = options.env ?? process.env;
  const warned = new Set<string>();
  const warnOnce = (kind: string, line: string) => {
    if (warned.has(kind)) return;
    warned.add(kind);
    options.warn(line);
  };
  for (const notice of settings.notices) warnOnce(notice, `telemetry: ${notice}`);
  const traceId = options.traceId ?? createTraceId();
  const collector = settings.traceFileFormat === undefined ? undefined : createCollectingExporter();
  const tracer = createFileTracer({
    traceId,
    generateSpanId: () => randomHex(8),
    attributeValueLengthLimit: MAX_ATTRIBUTE_LENGTH,
    onEnd: (span) => collector?.export([span], () => {}),
  });
  const resource = fileResourceAttributes(settings, options.version);
  let writtenPath: string | undefined;

  const writeFile = async (end: MissionTraceEnd) => {
    const format = settings.traceFileFormat;
    if (collector === undefined || format === undefined || end.digestJsonPath === undefined) return;
    const path = traceFilePathBeside(end.digestJsonPath, format);
    const file = traceFileFrom({
      traceId,
      missionId: end.missionId,
      resource,
      spans: collector.spans(),
      dropped: collector.dropped(),
    });
    try {
      await writeTraceFile(file, path, format);
      writtenPath = path;
    } catch (error) {
      warnOnce('file', `telemetry: could not write the trace file ${path}: ${(error as Error).message}`);
    }
  };

  const listener = createTelemetryListener({
    tracer,
    env,
    captureContent: settings.captureContent,
    onMissionEnd: writeFile,
    onError: (error) =>
      warnOnce('listener', `telemetry: a span could not be recorded (${(error as Error).message ?? error})`),
  });
  return { traceId, listener, traceFilePath: () => writtenPath, shutdown: async () => {} };
}

/**
 * The telemetry of a mission as the CLI composes it: the OpenTelemetry SDK (loaded now) when an
 * OTLP endpoint is configured, otherwise the trace file alone without it (decision 0029).
 */
export async function openTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  if (!options.settings.enabled || options.settings.otlp === undefined) return createFileTelemetry(options);
  const { createTelemetry } = await import('./create-telemetry.js');
  return createTelemetry(options);
}
