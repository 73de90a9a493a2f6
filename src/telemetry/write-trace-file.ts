import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { TraceFile } from './trace-file.js';

/** `trace.json` or `trace.yaml`, beside a run's `digest.json`. */
export function traceFilePathBeside(digestJsonPath: string, format: 'json' | 'yaml'): string {
  return join(dirname(digestJsonPath), `trace.${format}`);
}

/** Renders the trace file in the intent's `telemetry.otel_format`. */
export function renderTraceFile(file: TraceFile, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : stringify(file, { lineWidth: 0 });
}

/** Writes through a temporary file and a rename, so a reader never sees half a trace. */
export async function writeTraceFile(file: TraceFile, path: string, format: 'json' | 'yaml'): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, renderTraceFile(file, format), 'utf8');
  await rename(temporary, path);
}
