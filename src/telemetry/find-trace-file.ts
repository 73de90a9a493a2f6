import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TelemetryError } from './telemetry-error.js';

const TRACE_NAMES = ['trace.json', 'trace.yaml', 'trace.yml'];

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

async function traceIn(directory: string): Promise<string | undefined> {
  for (const name of TRACE_NAMES) {
    const path = join(directory, name);
    if (await isFile(path)) return path;
  }
  return undefined;
}

/**
 * The trace file `target` names: a file path, a run folder holding `trace.json`/`trace.yaml`, or a
 * mission id, whose latest run (`<digestDir>/<mission_id>/run-NNN`) with a trace file is taken.
 *
 * @throws {TelemetryError} `TRACE_NOT_FOUND` naming where it looked.
 */
export async function findTraceFile(
  target: string,
  options: { cwd: string; digestDir: string },
): Promise<string> {
  const asPath = resolve(options.cwd, target);
  if (await isFile(asPath)) return asPath;
  const inFolder = await traceIn(asPath);
  if (inFolder !== undefined) return inFolder;
  if (/^[A-Za-z0-9_-]+$/.test(target)) {
    const missionDirectory = resolve(options.cwd, options.digestDir, target);
    const runs = (await readdir(missionDirectory).catch(() => [] as string[]))
      .filter((name) => /^run-\d+$/.test(name))
      .sort()
      .reverse();
    for (const run of runs) {
      const found = await traceIn(join(missionDirectory, run));
      if (found !== undefined) return found;
    }
    throw new TelemetryError('TRACE_NOT_FOUND', [
      `${target}: no trace file in ${join(options.digestDir, target)}/run-*/ (is telemetry.emit_opentelemetry on, and did the mission write a digest?)`,
    ]);
  }
  throw new TelemetryError('TRACE_NOT_FOUND', [`${target}: no such trace file or mission`]);
}
