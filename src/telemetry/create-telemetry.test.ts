import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ReceivedSpan } from '../test/otlp-receiver/index.js';
import { type OtlpReceiver, startOtlpReceiver } from '../test/otlp-receiver/index.js';
import { createTelemetry } from './create-telemetry.js';
import { resolveTelemetrySettings } from './telemetry-settings.js';
import { testIntent, testRunEvents } from './test-run-events.js';
import { TraceFileSchema } from './trace-file.js';

let directory: string;
let receiver: OtlpReceiver | undefined;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-telemetry-'));
  await mkdir(join(directory, 'run-001'));
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await rm(directory, { recursive: true, force: true });
});

async function runEvents(
  env: NodeJS.ProcessEnv,
  options: Parameters<typeof testRunEvents>[0] & { format?: 'json' | 'yaml' } = {},
) {
  const warnings: string[] = [];
  const settings = resolveTelemetrySettings(testIntent(options.format ?? 'json'), env);
  const telemetry = createTelemetry({ settings, env, warn: (line) => warnings.push(line), version: '0.1.0' });
  const digestJsonPath = join(directory, 'run-001', 'digest.json');
  for (const event of testRunEvents({ digestJsonPath, ...options })) await telemetry.listener(event);
  const started = Date.now();
  await telemetry.shutdown();
  return { telemetry, warnings, shutdownMs: Date.now() - started, digestJsonPath };
}

function byName(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const span = spans.find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span ${name} in ${spans.map((s) => s.name).join(', ')}`);
  return span;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(['http/protobuf', 'http/json'] as const)('OTLP over %s', (protocol) => {
  it('delivers one trace nesting mission → lane → phase → model/tool call with GenAI attributes', async () => {
    receiver = await startOtlpReceiver();
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: protocol };
    const { telemetry, warnings } = await runEvents(env);
    expect(warnings).toEqual([]);
    const spans = receiver.spans();
    expect(receiver.exports[0]?.encoding).toBe(protocol === 'http/json' ? 'json' : 'protobuf');
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([telemetry.traceId]));

    const mission = byName(spans, 'invoke_workflow mission');
    const lane = byName(spans, 'invoke_agent lane_a');
    const perceive = byName(spans, 'invoke_agent observer');
    const model = byName(spans, 'chat gpt-4o');
    const tool = byName(spans, 'execute_tool read_lines');
    expect(mission.parentSpanId).toBe('');
    expect(lane.parentSpanId).toBe(mission.spanId);
    expect(perceive.parentSpanId).toBe(lane.spanId);
    expect(byName(spans, 'invoke_agent bridger').parentSpanId).toBe(lane.spanId);
    expect(model.parentSpanId).toBe(perceive.spanId);
    expect(tool.parentSpanId).toBe(perceive.spanId);

    expect(mission.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_workflow',
      'gen_ai.workflow.name': 'mission',
      'swarmlord.mission_id': 'mi_2026-11-22_tele01',
    });
    expect(perceive.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'observer',
      'swarmlord.role': 'observer',
      'swarmlord.lane_id': 'lane_a',
      'swarmlord.evidence_refs': ['src/orders.ts:3-9'],
    });
    expect(model.kind).toBe(3);
    expect(model.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': 'chatcmpl-123',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 300,
    });
    expect(tool.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'read_lines',
      'swarmlord.evidence_refs': ['src/orders.ts:3-9'],
    });
    // Times are the events' own: the model call ran 2 s before its event at 10:00:04.
    expect(BigInt(model.endTimeUnixNano) - BigInt(model.startTimeUnixNano)).toBe(2_000_000_000n);
    expect(BigInt(model.endTimeUnixNano) / 1_000_000n).toBe(BigInt(Date.UTC(2026, 10, 22, 10, 0, 4)));

    const verify = byName(spans, 'verify');
    expect(verify.parentSpanId).toBe(mission.spanId);
    expect(verify.attributes).toMatchObject({
      'swarmlord.verdict': 'PASS',
      'swarmlord.hallucination_rate': 0,
      'swarmlord.quorum': '3/2 held',
    });
    const evaluations = verify.events.filter((event) => event.name === 'gen_ai.evaluation.result');
    expect(evaluations.map((event) => event.attributes['gen_ai.evaluation.name'])).toEqual([
      'immunizer',
      'disruptor',
      'verifier_aux',
    ]);
    expect(evaluations[0]?.attributes['gen_ai.evaluation.score.label']).toBe('pass');
    // The judge's failed call sits under Verify with status ERROR and its reason.
    const judge = byName(spans, 'chat claude-sonnet-4-5');
    expect(judge.parentSpanId).toBe(verify.spanId);
    expect(judge.status).toEqual({ code: 2, message: 'HTTP 529 overloaded' });
    expect(mission.resource['service.name']).toBe('swarmlord');
  });
});

describe('createTelemetry', () => {
  it('writes the seed trace file beside the digest, with the seed fields, in JSON or YAML', async () => {
    for (const format of ['json', 'yaml'] as const) {
      const { telemetry, digestJsonPath } = await runEvents({}, { format });
      const path = join(directory, 'run-001', `trace.${format}`);
      expect(telemetry.traceFilePath()).toBe(path);
      const text = await readFile(path, 'utf8');
      const file = TraceFileSchema.parse(format === 'json' ? JSON.parse(text) : parse(text));
      expect(file.trace_id).toBe(telemetry.traceId);
      for (const span of file.spans) {
        for (const field of ['trace_id', 'span_id', 'name', 'start_time', 'end_time', 'status', 'attributes'])
          expect(span).toHaveProperty(field);
      }
      expect(file.spans[0]?.name).toBe('invoke_workflow mission');
      expect(file.spans[0]?.parent_span_id).toBeUndefined();
      expect(file.spans.find((span) => span.name === 'verify')?.attributes).toMatchObject({
        'swarmlord.quorum': '3/2 held',
        'swarmlord.hallucination_rate': 0,
      });
      expect(digestJsonPath).toContain('run-001');
    }
  });

  it('marks failed lanes, calls and FAIL verdicts ERROR with the reason', async () => {
    const { digestJsonPath } = await runEvents({}, { verdict: 'FAIL', failLane: true });
    const file = TraceFileSchema.parse(
      JSON.parse(await readFile(join(digestJsonPath, '..', 'trace.json'), 'utf8')),
    );
    const span = (name: string) => file.spans.find((candidate) => candidate.name === name);
    expect(span('invoke_agent lane_a')?.status).toEqual({ code: 'ERROR', message: 'model timed out' });
    expect(span('invoke_agent bridger')?.status).toEqual({
      code: 'ERROR',
      message: 'lane failed: model timed out',
    });
    expect(span('verify')?.status.code).toBe('ERROR');
    expect(span('verify')?.status.message).toMatch(/^Verify FAIL: hallucination rate 50\.0%, quorum 1\/2/);
    expect(span('invoke_workflow mission')?.status).toEqual({
      code: 'ERROR',
      message: 'mission verdict FAIL',
    });
    const immunizer = span('verify')?.events.find(
      (event) => event.attributes['gen_ai.evaluation.name'] === 'immunizer',
    );
    expect(immunizer?.attributes['gen_ai.evaluation.score.label']).toBe('fail');
  });

  it('captures content only when opted in, and redacts secrets even then', async () => {
    const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    const off = await runEvents({}, { secret });
    const offText = await readFile(join(off.digestJsonPath, '..', 'trace.json'), 'utf8');
    expect(offText).not.toContain('gen_ai.output.messages');
    expect(offText).not.toContain('gen_ai.tool.call.arguments');
    expect(offText).not.toContain(secret);

    const on = await runEvents({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' }, { secret });
    const onText = await readFile(join(on.digestJsonPath, '..', 'trace.json'), 'utf8');
    expect(onText).toContain('gen_ai.output.messages');
    expect(onText).toContain('gen_ai.tool.call.arguments');
    expect(onText).toContain('[REDACTED]');
    expect(onText).not.toContain(secret);
  });

  it('costs one warning and a bounded shutdown when the collector is down', async () => {
    const port = await closedPort();
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` };
    const { warnings, shutdownMs, telemetry } = await runEvents(env);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^telemetry: could not export spans to http:\/\/127\.0\.0\.1:\d+\/v1\/traces/,
    );
    expect(shutdownMs).toBeLessThan(4_000);
    // The trace file is still written.
    expect(telemetry.traceFilePath()).toBeDefined();
  });

  it('costs one warning when the collector answers 500', async () => {
    receiver = await startOtlpReceiver({ status: 500 });
    const { warnings } = await runEvents({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint });
    expect(receiver.exports.length).toBeGreaterThan(0);
    expect(receiver.exports.every((entry) => entry.status === 500)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('could not export spans');
  });

  it('waits at most the shutdown bound for a collector that never answers', async () => {
    receiver = await startOtlpReceiver({ delayMs: 30_000 });
    const { shutdownMs } = await runEvents({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint });
    expect(receiver.exports.length).toBeGreaterThan(0);
    expect(shutdownMs).toBeLessThan(4_000);
  });

  it('sends the configured headers, service name and resource attributes', async () => {
    receiver = await startOtlpReceiver();
    await runEvents({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.tracesUrl,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-team=blue,authorization=Bearer%20abc',
      OTEL_SERVICE_NAME: 'swarm-ci',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test,service.name=ignored',
    });
    expect(receiver.exports[0]?.headers['x-team']).toBe('blue');
    expect(receiver.exports[0]?.headers.authorization).toBe('Bearer abc');
    const span = receiver.spans()[0];
    expect(span?.resource['service.name']).toBe('swarm-ci');
    expect(span?.resource['deployment.environment.name']).toBe('test');
  });

  it('does nothing when OTEL_SDK_DISABLED=true or the intent turns it off', async () => {
    receiver = await startOtlpReceiver();
    const env = { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
    const { telemetry } = await runEvents(env);
    expect(telemetry.traceId).toBeUndefined();
    expect(receiver.exports).toEqual([]);
    const settings = resolveTelemetrySettings(testIntent('json', false), {});
    expect(createTelemetry({ settings, warn: () => {} }).traceId).toBeUndefined();
  });
});
