import type { TraceFile } from './trace-file.js';
import type { WaterfallRow } from './waterfall-rows.js';
import { waterfallRows } from './waterfall-rows.js';

export interface WaterfallOptions {
  /** Terminal columns (default 120); the bar takes what the name and figures leave. */
  width?: number;
  /** ANSI colour: errors red, the critical path bold. */
  color?: boolean;
}

const NAME_WIDTH = 40;
const MIN_BAR = 10;

function paint(enabled: boolean, code: number, text: string): string {
  return enabled ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** `850 ms`, `12.3 s`, `2 min 05 s`. */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1_000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1_000).toFixed(1)} s`;
  const seconds = Math.round(durationMs / 1_000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function bar(row: WaterfallRow, totalMs: number, width: number): string {
  const scale = totalMs > 0 ? width / totalMs : 0;
  const start = Math.min(width - 1, Math.floor(row.offsetMs * scale));
  const length = Math.max(1, Math.min(width - start, Math.round(row.durationMs * scale)));
  return `${' '.repeat(start)}${'█'.repeat(length)}${' '.repeat(width - start - length)}`;
}

function details(row: WaterfallRow): string {
  const { attributes, status } = row.span;
  const parts: string[] = [];
  const input = attributes['gen_ai.usage.input_tokens'];
  const output = attributes['gen_ai.usage.output_tokens'];
  if (typeof input === 'number' || typeof output === 'number') parts.push(`${input ?? 0}→${output ?? 0} tok`);
  const verdict = attributes['swarmlord.verdict'];
  if (typeof verdict === 'string') parts.push(verdict);
  const rate = attributes['swarmlord.hallucination_rate'];
  if (typeof rate === 'number') parts.push(`rate ${(rate * 100).toFixed(1)}%`);
  if (status.code === 'ERROR') parts.push(`ERROR${status.message === undefined ? '' : ` ${status.message}`}`);
  return parts.join('  ');
}

function fitText(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/**
 * The trace as a terminal waterfall: one line per span in tree order (mission, lanes, phases, model
 * and tool calls), a bar on a shared time axis, the duration, tokens, verdicts and errors, and `*`
 * before every span on the critical path.
 *
 * @example
 * process.stdout.write(renderWaterfall(await readTraceFile('hfo_digests/mi_…/run-001/trace.json')));
 */
export function renderWaterfall(file: TraceFile, options: WaterfallOptions = {}): string {
  const color = options.color ?? false;
  const rows = waterfallRows(file);
  if (rows.length === 0) return `Trace ${file.trace_id} (${file.mission_id}): no spans\n`;
  const totalMs = Math.max(...rows.map((row) => row.offsetMs + row.durationMs));
  const barWidth = Math.max(MIN_BAR, (options.width ?? 120) - NAME_WIDTH - 2 - 2 - 10 - 2 - 28);
  const header = `Trace ${file.trace_id} · mission ${file.mission_id} · ${formatDuration(totalMs)} · ${rows.length} spans${file.dropped_spans > 0 ? ` (${file.dropped_spans} dropped)` : ''} · * critical path`;
  const lines = [header];
  for (const row of rows) {
    const marker = row.critical ? '*' : ' ';
    const name = fitText(`${'  '.repeat(row.depth)}${row.span.name}`, NAME_WIDTH);
    const timeline = bar(row, totalMs, barWidth);
    const duration = formatDuration(row.durationMs).padStart(10);
    let line = `${marker} ${name} |${timeline}| ${duration}  ${details(row)}`.trimEnd();
    if (row.span.status.code === 'ERROR') line = paint(color, 31, line);
    else if (row.critical) line = paint(color, 1, line);
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
