import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { RunEventListener } from '../contracts/index.js';
import { createCollectingExporter } from './create-collecting-exporter.js';
import { createGuardedExporter } from './create-guarded-exporter.js';
import type { MissionTraceEnd } from './create-telemetry-listener.js';
import { createTelemetryListener } from './create-telemetry-listener.js';
import { MAX_ATTRIBUTE_LENGTH } from './gen-ai-attributes.js';
import { createOtlpExporter } from './otlp-exporter.js';
import { buildTelemetryResource } from './telemetry-resource.js';
import type { TelemetrySettings } from './telemetry-settings.js';
import { traceFileFrom } from './trace-file-from-spans.js';
import { createTraceId, randomHex } from './trace-id.js';
import { traceFilePathBeside, writeTraceFile } from './write-trace-file.js';

/** A mission's telemetry: its trace id, the run-event listener, and a bounded shutdown. */
export interface Telemetry {
  /** The id every span of this run shares (and every receipt and the digest carry); absent when disabled. */
  traceId: string | undefined;
  listener: RunEventListener;
  /** Where the trace file was written, once the mission ended with a digest. */
  traceFilePath(): string | undefined;
  /** Sends what is queued and stops; waits at most `timeoutMillis` (default 3 s) and never throws. */
  shutdown(timeoutMillis?: number): Promise<void>;
}

export interface TelemetryOptions {
  settings: TelemetrySettings;
  /** Environment whose secret-named values are redacted from spans; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** One line per kind of trouble (export failed, trace file not written); the run is never told. */
  warn: (line: string) => void;
  /** `service.version` and the tracer's version. */
  version?: string;
  /** The run's trace id when the caller chose it first (to put it on receipts); default: a fresh one. */
  traceId?: string;
}

/** Bounded queue: a collector that is down must not make a long mission hold every span in memory. */
const MAX_QUEUE_SIZE = 2_048;
const DEFAULT_SHUTDOWN_MS = 3_000;

export { createTraceId } from './trace-id.js';

export const DISABLED_TELEMETRY: Telemetry = {
  traceId: undefined,
  listener: () => {},
  traceFilePath: () => undefined,
  shutdown: async () => {},
};

/**
 * Composes the tracer provider of one mission run: a fixed trace id (chosen before the run, so the
 * blackboard and the digest can carry it), an OTLP/HTTP exporter behind a bounded batch queue when an
 * endpoint is configured, and the collector of the seed's trace file, written beside the digest
 * when the mission ends.
 *
 * @example
 * const telemetry = createTelemetry({ settings: resolveTelemetrySettings(intent, process.env), warn });
 * try { await runMission({ …, listeners: [..., telemetry.listener] }); } finally { await telemetry.shutdown(); }
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const { settings } = options;
  if (!settings.enabled) return DISABLED_TELEMETRY;
  const env = options.env ?? process.env;
  const warned = new Set<string>();
  const warnOnce = (kind: string, line: string) => {
    if (warned.has(kind)) return;
    warned.add(kind);
    options.warn(line);
  };
  for (const notice of settings.notices) warnOnce(notice, `telemetry: ${notice}`);

  const traceId = options.traceId ?? createTraceId();
  const processors: SpanProcessor[] = [];
  if (settings.otlp !== undefined) {
    const { url } = settings.otlp;
    const exporter = createGuardedExporter(createOtlpExporter(settings.otlp), (error) =>
      warnOnce(
        'export',
        `telemetry: could not export spans to ${url} (${error.message}); the mission is unaffected`,
      ),
    );
    processors.push(
      new BatchSpanProcessor({
        exporter,
        maxQueueSize: MAX_QUEUE_SIZE,
        maxExportBatchSize: 512,
        scheduledDelayMillis: 1_000,
        exportTimeoutMillis: settings.otlp.timeoutMillis,
      }),
    );
  }
  const collector = settings.traceFileFormat === undefined ? undefined : createCollectingExporter();
  const fileProcessor =
    collector === undefined ? undefined : new SimpleSpanProcessor({ exporter: collector });
  if (fileProcessor !== undefined) processors.push(fileProcessor);

  const resource = buildTelemetryResource(settings, options.version);
  const provider = new TracerProvider({
    resource,
    idGenerator: { generateTraceId: () => traceId, generateSpanId: () => randomHex(8) },
    spanLimits: { attributeValueLengthLimit: MAX_ATTRIBUTE_LENGTH },
    spanProcessors: processors,
  });
  let writtenPath: string | undefined;

  const writeFile = async (end: MissionTraceEnd) => {
    const format = settings.traceFileFormat;
    if (collector === undefined || fileProcessor === undefined || format === undefined) return;
    if (end.digestJsonPath === undefined) return;
    await fileProcessor.forceFlush();
    const path = traceFilePathBeside(end.digestJsonPath, format);
    const file = traceFileFrom({
      traceId,
      missionId: end.missionId,
      resource: resource.attributes,
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
    tracer: provider.getTracer('swarmlord', options.version),
    env,
    captureContent: settings.captureContent,
    onMissionEnd: writeFile,
    onError: (error) =>
      warnOnce('listener', `telemetry: a span could not be recorded (${(error as Error).message ?? error})`),
  });

  return {
    traceId,
    listener,
    traceFilePath: () => writtenPath,
    async shutdown(timeoutMillis = DEFAULT_SHUTDOWN_MS) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMillis);
        timer.unref();
      });
      await Promise.race([provider.shutdown().catch(() => undefined), deadline]);
      clearTimeout(timer);
    },
  };
}
