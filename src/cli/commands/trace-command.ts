import type { Command } from 'commander';
import { MissionIntentSchema } from '../../contracts/index.js';
import { findTraceFile, readTraceFile, renderWaterfall, waterfallRows } from '../../telemetry/index.js';
import type { CliIo } from '../cli-io.js';
import { useColor } from '../cli-io.js';

const DEFAULT_DIGEST_DIR = MissionIntentSchema.shape.outputs.parse(undefined).digest_dir;

/** `swarmlord trace <mission-id | trace file>`: the run's waterfall from the trace file beside its digest. */
export function registerTraceCommand(program: Command, io: CliIo): void {
  program
    .command('trace')
    .description('show a mission run as a waterfall of spans (lanes, phases, model and tool calls)')
    .argument('<target>', 'a mission id (its latest run), a run folder, or a trace.json / trace.yaml file')
    .option('--dir <dir>', 'where digests are written (the intent’s outputs.digest_dir)', DEFAULT_DIGEST_DIR)
    .option('--json', 'print the spans as JSON (with depth, duration_ms and critical)')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord trace mi_2026-11-22_a1b2c3              # latest run of the mission
  $ swarmlord trace hfo_digests/mi_2026-11-22_a1b2c3/run-002/trace.json
  $ swarmlord trace mi_2026-11-22_a1b2c3 --json | jq '.[] | select(.critical) | .name'

The critical path (marked *) is the chain of spans that, each ending last among its siblings,
decided when the mission ended.`,
    )
    .action(async (target: string, options: { dir: string; json?: boolean }) => {
      const path = await findTraceFile(target, { cwd: io.cwd, digestDir: options.dir });
      const file = await readTraceFile(path);
      if (options.json === true) {
        const spans = waterfallRows(file).map((row) => ({
          ...row.span,
          depth: row.depth,
          duration_ms: row.durationMs,
          critical: row.critical,
        }));
        io.stdout.write(`${JSON.stringify(spans, null, 2)}\n`);
        return;
      }
      const columns = (io.stdout as { columns?: number }).columns;
      io.stdout.write(
        renderWaterfall(file, {
          color: useColor({ ...io, stderr: io.stdout }),
          ...(columns === undefined ? {} : { width: columns }),
        }),
      );
    });
}
