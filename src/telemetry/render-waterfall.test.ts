import { describe, expect, it } from 'vitest';
import { formatDuration, renderWaterfall } from './render-waterfall.js';
import type { TraceFile, TraceSpan } from './trace-file.js';
import { waterfallRows } from './waterfall-rows.js';

const TRACE = 'ab'.repeat(16);

function span(
  id: string,
  name: string,
  start: number,
  end: number,
  extra: Partial<TraceSpan> = {},
): TraceSpan {
  return {
    trace_id: TRACE,
    span_id: id.padStart(16, '0'),
    name,
    start_time: new Date(Date.UTC(2026, 10, 22, 10, 0, 0, start)).toISOString(),
    end_time: new Date(Date.UTC(2026, 10, 22, 10, 0, 0, end)).toISOString(),
    status: { code: 'UNSET' },
    attributes: {},
    kind: 'INTERNAL',
    events: [],
    ...extra,
  };
}

const child = (parent: string) => ({ parent_span_id: parent.padStart(16, '0') });

const file: TraceFile = {
  format: 'swarmlord.trace/v1',
  trace_id: TRACE,
  mission_id: 'mi_test',
  resource: {},
  dropped_spans: 0,
  spans: [
    span('1', 'invoke_workflow mission', 0, 10_000),
    span('2', 'invoke_agent lane_a', 100, 4_000, child('1')),
    span('3', 'invoke_agent lane_b', 100, 8_000, child('1')),
    span('4', 'chat gpt-4o', 200, 3_000, {
      ...child('3'),
      attributes: { 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 300 },
    }),
    span('5', 'execute_tool read_lines', 3_000, 7_900, {
      ...child('3'),
      status: { code: 'ERROR', message: 'path outside the workspace' },
    }),
    span('6', 'verify', 8_000, 9_500, { ...child('1'), attributes: { 'swarmlord.verdict': 'FAIL' } }),
  ],
};

describe('waterfallRows', () => {
  it('orders spans as a tree and marks the chain that ends last as the critical path', () => {
    const rows = waterfallRows(file);
    expect(rows.map((row) => [row.span.name, row.depth])).toEqual([
      ['invoke_workflow mission', 0],
      ['invoke_agent lane_b', 1],
      ['chat gpt-4o', 2],
      ['execute_tool read_lines', 2],
      ['invoke_agent lane_a', 1],
      ['verify', 1],
    ]);
    expect(rows.filter((row) => row.critical).map((row) => row.span.name)).toEqual([
      'invoke_workflow mission',
      'verify',
    ]);
  });

  it('shows spans whose parent is missing as roots', () => {
    const orphan = { ...file, spans: [span('9', 'orphan', 0, 10, child('77'))] };
    expect(waterfallRows(orphan).map((row) => row.depth)).toEqual([0]);
  });
});

describe('renderWaterfall', () => {
  it('draws one line per span with bars, durations, tokens, verdicts and errors', () => {
    const text = renderWaterfall(file, { width: 100 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(`Trace ${TRACE} · mission mi_test · 10.0 s · 6 spans · * critical path`);
    expect(lines[1]).toMatch(/^\* invoke_workflow mission +\|█{16}\| +10\.0 s$/);
    expect(lines[3]).toMatch(/^ {6}chat gpt-4o +\|█+ +\| +2\.8 s {2}1200→300 tok$/);
    expect(lines[4]).toContain('ERROR path outside the workspace');
    expect(lines[6]).toMatch(/^\* {3}verify .* FAIL$/);
    expect(text).not.toContain('\u001b[');
    expect(renderWaterfall(file, { width: 100, color: true })).toContain('\u001b[31m');
  });

  it('formats durations for people', () => {
    expect([formatDuration(850), formatDuration(12_345), formatDuration(125_000)]).toEqual([
      '850 ms',
      '12.3 s',
      '2 min 05 s',
    ]);
  });
});
