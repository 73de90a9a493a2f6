import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultResource } from '@opentelemetry/resources';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileTelemetry, openTelemetry, SDK_DEFAULT_RESOURCE } from './create-file-telemetry.js';
import { createTelemetry, type Telemetry, type TelemetryOptions } from './create-telemetry.js';
import { createFileTracer } from './file-tracer.js';
import { EMPTY_CONTEXT, SPAN_KIND_INTERNAL } from './span-context.js';
import { resolveTelemetrySettings } from './telemetry-settings.js';
import { testIntent, testRunEvents } from './test-run-events.js';
import type { TraceFile } from './trace-file.js';
import { TraceFileSchema } from './trace-file.js';
import { createTraceId } from './trace-id.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-file-tracer-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** One run of the test events through `create`, its trace file parsed. */
async function traceFileOf(
  create: (options: TelemetryOptions) => Telemetry,
  name: string,
  traceId: string,
  events: Parameters<typeof testRunEvents>[0] = {},
  env: NodeJS.ProcessEnv = {},
): Promise<TraceFile> {
  await mkdir(join(directory, name, 'run-001'), { recursive: true });
  const settings = resolveTelemetrySettings(testIntent('json'), env);
  const telemetry = create({ settings, env, warn: () => {}, version: '0.1.0', traceId });
  const digestJsonPath = join(directory, name, 'run-001', 'digest.json');
  for (const event of testRunEvents({ digestJsonPath, ...events })) await telemetry.listener(event);
  await telemetry.shutdown();
  const text = await readFile(join(directory, name, 'run-001', 'trace.json'), 'utf8');
  // The two runs' folders differ by their name only.
  return TraceFileSchema.parse(JSON.parse(text.replaceAll(join(directory, name), '<run>')));
}

/** Span ids are random: each replaced by the order it first appears in. */
function withStableIds(file: TraceFile): TraceFile {
  const ids = new Map<string, string>();
  const id = (value: string) => {
    if (!ids.has(value)) ids.set(value, `span-${ids.size}`);
    return ids.get(value) as string;
  };
  return {
    ...file,
    spans: file.spans.map((span) => ({
      ...span,
      span_id: id(span.span_id),
      ...(span.parent_span_id === undefined ? {} : { parent_span_id: id(span.parent_span_id) }),
    })),
  };
}

describe('the trace file without the OpenTelemetry SDK', () => {
  it.each([
    ['a passing mission', {}, {}],
    ['a failed lane and a FAIL verdict', { verdict: 'FAIL' as const, failLane: true }, {}],
    [
      'captured content with a secret',
      { secret: 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789' },
      { OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true', OTEL_SERVICE_NAME: 'svc' },
    ],
  ])('is the file the SDK writes: %s', async (_name, events, env) => {
    const traceId = createTraceId();
    const sdk = await traceFileOf(createTelemetry, 'sdk', traceId, events, env);
    const file = await traceFileOf(createFileTelemetry, 'file', traceId, events, env);
    expect(file.spans.length).toBeGreaterThan(5);
    expect(withStableIds(file)).toEqual(withStableIds(sdk));
  });

  it("names the SDK's default resource", () => {
    // `service.name` is always set over it (its default names the node binary).
    const { 'service.name': _ours, ...ours } = SDK_DEFAULT_RESOURCE;
    const { 'service.name': _sdk, ...sdk } = defaultResource().attributes;
    expect(ours).toEqual(sdk);
  });

  it('keeps the SDK span rules: attribute cap, cut strings, invalid values, clamped end, ended spans frozen', () => {
    const ended: Parameters<Parameters<typeof createFileTracer>[0]['onEnd']>[0][] = [];
    let next = 0;
    const tracer = createFileTracer({
      traceId: 'a'.repeat(32),
      generateSpanId: () => {
        next += 1;
        return String(next).padStart(16, '0');
      },
      attributeValueLengthLimit: 4,
      onEnd: (span) => ended.push(span),
    });
    const span = tracer.startSpan(
      's',
      { kind: SPAN_KIND_INTERNAL, startTime: new Date(2_000) },
      EMPTY_CONTEXT,
    );
    const many = Object.fromEntries(Array.from({ length: 130 }, (_, index) => [`k${index}`, index]));
    span.setAttributes({
      text: 'abcdefgh',
      list: ['abcdefgh', 'x'],
      mixed: [1, 'a'] as never,
      '': 'empty key',
      ...many,
    });
    span.end(new Date(1_000));
    span.setAttributes({ late: 'after end' });
    const [record] = ended;
    expect(record?.attributes.text).toBe('abcd');
    expect(record?.attributes.list).toEqual(['abcd', 'x']);
    expect(record?.attributes).not.toHaveProperty('mixed');
    expect(Object.hasOwn(record?.attributes ?? { '': 1 }, '')).toBe(false);
    expect(record?.attributes).not.toHaveProperty('late');
    expect(Object.keys(record?.attributes ?? {})).toHaveLength(128);
    expect(record?.endTime).toEqual(record?.startTime);
  });

  it('opens the trace-file telemetry without an endpoint, and none when turned off', async () => {
    const settings = resolveTelemetrySettings(testIntent('json'), {});
    const fileOnly = await openTelemetry({ settings, env: {}, warn: () => {} });
    expect(fileOnly.traceId).toMatch(/^[0-9a-f]{32}$/);
    const off = await openTelemetry({
      settings: resolveTelemetrySettings(testIntent('json', false), {}),
      env: {},
      warn: () => {},
    });
    expect(off.traceId).toBeUndefined();
  });
});
