import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { TelemetryError } from './telemetry-error.js';
import type { TraceFile } from './trace-file.js';
import { TraceFileSchema } from './trace-file.js';

/**
 * Loads a trace file (`.json`, else YAML — JSON is YAML too) and checks it against the schema.
 *
 * @throws {TelemetryError} `TRACE_NOT_FOUND` when it cannot be read; `TRACE_FILE_INVALID` naming the
 *   file and field when it is not a trace file.
 */
export async function readTraceFile(path: string, shownAs = path): Promise<TraceFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TelemetryError('TRACE_NOT_FOUND', [`${shownAs}: cannot read the trace file`], { cause: error });
  }
  let value: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TelemetryError(
      'TRACE_FILE_INVALID',
      [`${shownAs}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${reason}`],
      {
        cause: error,
      },
    );
  }
  const parsed = TraceFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${shownAs}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new TelemetryError('TRACE_FILE_INVALID', problems.slice(0, 10));
  }
  return parsed.data;
}
