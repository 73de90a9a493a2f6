import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { MissionIntentSchema } from '../../contracts/index.js';
import { createIntent } from '../../intent/index.js';
import { isLoopbackHost, startDashboardServer } from '../../server/index.js';
import { CLI_ENTRY_PATH } from '../cli-entry-path.js';
import type { CliIo } from '../cli-io.js';
import { chooseMissionModels } from '../model-runtime.js';
import { loadSsotRuntime } from '../ssot-runtime.js';
import { swarmlordModel } from './mission-new-command.js';

const DEFAULT_BLACKBOARD = MissionIntentSchema.shape.telemetry.parse(undefined).blackboard_path;
const DEFAULT_DIGEST_DIR = MissionIntentSchema.shape.outputs.parse(undefined).digest_dir;

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new InvalidArgumentError('a port from 0 to 65535');
  return port;
}

/**
 * The token rule: on loopback none is needed (one set in `SWARMLORD_DASHBOARD_TOKEN` is still
 * required); on any other address one is required for every request, and when none is set one is
 * generated and printed once, here, for the person who started the server.
 */
export function dashboardToken(host: string, env: NodeJS.ProcessEnv): { token?: string; generated: boolean } {
  const given = (env.SWARMLORD_DASHBOARD_TOKEN ?? '').trim();
  if (given !== '') return { token: given, generated: false };
  if (isLoopbackHost(host)) return { generated: false };
  return { token: randomBytes(24).toString('base64url'), generated: true };
}

/** `swarmlord serve`: the dashboard (missions, live view, verify report, trace, clarification). */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('serve the dashboard: missions, live lanes × phases, verify reports, traces, new missions')
    .option('--port <port>', 'TCP port (0: any free port)', parsePort, 4319)
    .option('--host <host>', 'address to bind; off loopback every request needs the token', '127.0.0.1')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord serve                        # http://127.0.0.1:4319
  $ SWARMLORD_DASHBOARD_TOKEN=… swarmlord serve --host 0.0.0.0 --port 8080

Off loopback, requests need SWARMLORD_DASHBOARD_TOKEN (Authorization: Bearer <token>, or open
/?token=<token> once in a browser); when it is unset a token is generated and printed once.
Missions started from the page run as 'swarmlord mission run' processes in this directory.
With a model configured (SWARMLORD_MODEL_SWARMLORD, SWARMLORD_MODEL, the SSOT), it writes the
clarification questions, as in 'mission new' at a terminal; otherwise the fixed questions are asked.`,
    )
    .action(async (options: { port: number; host: string }) => {
      const { token, generated } = dashboardToken(options.host, io.env);
      let registry: Awaited<ReturnType<typeof loadSsotRuntime>>['registry'] | undefined;
      try {
        registry = (await loadSsotRuntime(io.cwd, createIntent({ objective: 'dashboard' }))).registry;
      } catch {
        // A broken SSOT model fails its missions with a clear error; the summary then says `offline`.
      }
      const server = await startDashboardServer({
        cwd: io.cwd,
        env: io.env,
        host: options.host,
        port: options.port,
        token,
        blackboardPath: DEFAULT_BLACKBOARD,
        digestDir: DEFAULT_DIGEST_DIR,
        cliPath: CLI_ENTRY_PATH,
        describeModels: (intent) =>
          chooseMissionModels({ intent, env: io.env, cliModel: undefined, registry }),
        // The questions of a browser clarification come from the same model a terminal's would.
        ...(registry === undefined
          ? {}
          : { clarifyModel: (intent) => swarmlordModel(intent, io, undefined, registry) }),
      });
      // One write, so a reader that waits for the address line has the token line with it.
      io.stdout.write(
        `Dashboard: ${server.url}\n${
          generated && token !== undefined
            ? `Token (printed once; set SWARMLORD_DASHBOARD_TOKEN to choose it): ${token}\nOpen: ${server.url}/?token=${token}\n`
            : ''
        }`,
      );
      await new Promise<void>((resolveStop) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolveStop();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
    });
}
