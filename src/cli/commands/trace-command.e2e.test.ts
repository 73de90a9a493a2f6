import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DigestSchema, ReceiptSchema } from '../../contracts/index.js';
import { TraceFileSchema } from '../../telemetry/index.js';
import type { OtlpReceiver, ReceivedSpan } from '../../test/otlp-receiver/index.js';
import { startOtlpReceiver } from '../../test/otlp-receiver/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../../examples/sample-service', import.meta.url));
const OBJECTIVE = 'Map the architecture and risks of the sample service';
const directories: string[] = [];
let receiver: OtlpReceiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

/** The environment without any OpenTelemetry variable of the machine running the tests. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
  return { ...env, NO_COLOR: '1', SWARMLORD_DEBUG: '', ...extra };
}

async function swarmlord(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd, env: cleanEnv(env) });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, ms: Date.now() - started };
  }
}

async function mission(env: NodeJS.ProcessEnv) {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-trace-e2e-'));
  directories.push(cwd);
  await cp(sample, join(cwd, 'sample-service'), { recursive: true });
  const result = await swarmlord(
    cwd,
    ['run', OBJECTIVE, '--workspace', 'sample-service', '--yes', '--json'],
    env,
  );
  expect(result.code, result.stderr).toBe(0);
  return { cwd, result, digest: DigestSchema.parse(JSON.parse(result.stdout)) };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function parentOf(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan | undefined {
  return spans.find((candidate) => candidate.spanId === span.parentSpanId);
}

describe('a mission with OTLP export (built CLI, real receiver on 127.0.0.1)', () => {
  it.each(['http/protobuf', 'http/json'])(
    'delivers one trace nesting mission → lane → phase → call over %s; trace file and receipts carry its id',
    async (protocol) => {
      receiver = await startOtlpReceiver();
      const { cwd, result, digest } = await mission({
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      });
      expect(result.stderr).toBe('');
      const spans = receiver.spans();
      expect(digest.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([digest.trace_id]));

      const root = spans.filter((span) => span.parentSpanId === '');
      expect(root.map((span) => span.name)).toEqual(['invoke_workflow mission']);
      const calls = spans.filter((span) => span.attributes['gen_ai.operation.name'] === 'chat');
      expect(calls.length).toBeGreaterThanOrEqual(8);
      for (const call of calls) {
        expect(call.name).toBe(`chat ${String(call.attributes['gen_ai.request.model'])}`);
        expect(call.attributes['gen_ai.provider.name']).toBeTypeOf('string');
        expect(call.attributes['gen_ai.usage.input_tokens']).toBeTypeOf('number');
        expect(call.attributes['gen_ai.usage.output_tokens']).toBeTypeOf('number');
        const phase = parentOf(spans, call);
        const lane = phase && parentOf(spans, phase);
        const top = lane && parentOf(spans, lane);
        expect(phase?.attributes['gen_ai.operation.name']).toBe('invoke_agent');
        expect(phase?.attributes['swarmlord.phase']).toMatch(/^(perceive|react|engage|yield)$/);
        expect(lane?.name).toBe(`invoke_agent ${String(phase?.attributes['swarmlord.lane_id'])}`);
        expect(top?.name).toBe('invoke_workflow mission');
      }
      const verify = spans.find((span) => span.name === 'verify');
      expect(verify?.attributes['swarmlord.verdict']).toBe(digest.verdict);
      expect(verify?.attributes['swarmlord.hallucination_rate']).toBe(digest.hallucination_rate);
      expect(verify?.events.filter((event) => event.name === 'gen_ai.evaluation.result').length).toBe(3);

      // The seed's trace file beside the digest, and every receipt of the run, carry the same id.
      const runDirectory = join(cwd, 'hfo_digests', digest.mission_id, 'run-001');
      const file = TraceFileSchema.parse(
        JSON.parse(await readFile(join(runDirectory, 'trace.json'), 'utf8')),
      );
      expect(file.trace_id).toBe(digest.trace_id);
      expect(file.spans).toHaveLength(spans.length);
      const seedFields = ['trace_id', 'span_id', 'name', 'start_time', 'end_time', 'status', 'attributes'];
      for (const span of file.spans) for (const field of seedFields) expect(span).toHaveProperty(field);
      const receipts = (
        await readFile(join(cwd, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl'), 'utf8')
      )
        .trim()
        .split('\n')
        .map((line) => ReceiptSchema.parse(JSON.parse(line)));
      // Receipts of the clarification come before the run (and its trace); from mission_start on, all carry it.
      const firstRunReceipt = receipts.findIndex((receipt) => receipt.phase === 'mission_start');
      expect(firstRunReceipt).toBeGreaterThanOrEqual(0);
      for (const receipt of receipts.slice(firstRunReceipt)) expect(receipt.trace_id).toBe(digest.trace_id);
    },
  );

  it('completes with the same verdict and one warning when the collector is unreachable', async () => {
    const baseline = await mission({});
    const port = await closedPort();
    const { result, digest } = await mission({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(digest.verdict).toBe(baseline.digest.verdict);
    expect(digest.hallucination_rate).toBe(baseline.digest.hallucination_rate);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^swarmlord: telemetry: could not export spans to http:\/\/127\.0\.0\.1:\d+\/v1\/traces/,
    );
    expect(result.ms - baseline.result.ms).toBeLessThan(5_000);
  });

  it('completes with the same verdict and one warning when the collector answers 500', async () => {
    receiver = await startOtlpReceiver({ status: 500 });
    const baseline = await mission({});
    const { result, digest } = await mission({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint });
    expect(receiver.exports.length).toBeGreaterThan(0);
    expect(digest.verdict).toBe(baseline.digest.verdict);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('could not export spans');
  });
});

describe('swarmlord trace (built, as a process)', () => {
  it('draws the waterfall of a mission’s latest run with the critical path, and --json prints the spans', async () => {
    const { cwd, digest } = await mission({});
    const shown = await swarmlord(cwd, ['trace', digest.mission_id]);
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Trace ${digest.trace_id} · mission ${digest.mission_id} · `));
    expect(lines[1]).toMatch(/^\* invoke_workflow mission +\|█+\| +\d+ ms +PASS|^\* invoke_workflow mission/);
    expect(shown.stdout).toMatch(/^ {2,}\s*invoke_agent lane-1 /m);
    expect(shown.stdout).toMatch(/^ +invoke_agent observer /m);
    expect(shown.stdout).toMatch(/chat offline-extractive-v1 .* \d+→\d+ tok$/m);
    expect(shown.stdout).toMatch(/^\* +verify /m);

    const json = await swarmlord(cwd, ['trace', digest.mission_id, '--json']);
    const spans = JSON.parse(json.stdout) as {
      name: string;
      depth: number;
      critical: boolean;
      duration_ms: number;
    }[];
    expect(spans[0]).toMatchObject({ name: 'invoke_workflow mission', depth: 0, critical: true });
    expect(spans.some((span) => span.depth === 3 && span.name.startsWith('chat '))).toBe(true);

    // A trace file path works as well as a mission id.
    const path = join('hfo_digests', digest.mission_id, 'run-001', 'trace.json');
    expect((await swarmlord(cwd, ['trace', path])).stdout).toBe(shown.stdout);
  });

  it('names the file and field of a bad trace file (exit 2) and a mission without one', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-trace-bad-'));
    directories.push(cwd);
    await writeFile(join(cwd, 'trace.json'), JSON.stringify({ format: 'swarmlord.trace/v1', spans: [{}] }));
    const bad = await swarmlord(cwd, ['trace', 'trace.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('trace.json: trace_id:');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = await swarmlord(cwd, ['trace', 'mi_2026-01-01_nope00']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'mi_2026-01-01_nope00: no trace file in hfo_digests/mi_2026-01-01_nope00/run-*/',
    );
    expect(dirname(cwd)).toBe(tmpdir());
  });
});
