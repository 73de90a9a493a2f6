import { execFile } from 'node:child_process';
import { z } from 'zod';
import { redactSecrets } from '../../blackboard/index.js';
import type { MetricEvidenceRef } from '../../contracts/index.js';
import type { NetworkIsolation } from './probe-network-isolation.js';
import { probeNetworkIsolation } from './probe-network-isolation.js';
import { scrubEnvironment } from './scrub-environment.js';

/** One command the policy allows (the charter's `commands` entries with limits resolved). */
export interface CommandSpec {
  name: string;
  argv: readonly string[];
  timeoutSeconds: number;
  maxOutputBytes: number;
}

/** What one run of an allowed command gave, or why it was refused. */
export type CommandOutcome =
  | {
      status: 'ran';
      name: string;
      argv: readonly string[];
      exitCode: number | null;
      /** Set when the process was killed (time limit, output limit). */
      signal: string | null;
      timedOut: boolean;
      /** True when output beyond the limit was cut and the process stopped. */
      truncated: boolean;
      /** stdout then stderr, at most the output limit, secrets redacted. */
      output: string;
      durationMs: number;
      isolation: string;
      /** The exit code (and run time) as metric evidence; `source` names the command. */
      metrics: MetricEvidenceRef[];
    }
  | { status: 'refused'; name: string; reason: string; capability: string };

/** The allowlisted command tool: a model names an allowed command; nothing else can run. */
export interface CommandTool {
  readonly name: 'run_command';
  readonly description: string;
  readonly inputSchema: z.ZodType<{ name: string }>;
  readonly isolation: Promise<NetworkIsolation>;
  run(input: unknown, options: { signal?: AbortSignal | undefined }): Promise<CommandOutcome>;
}

/** Settings of {@link createCommandTool}. */
export interface CreateCommandToolOptions {
  /** The directory commands run in (the workspace). */
  cwd: string;
  commands: readonly CommandSpec[];
  /** Copied through {@link scrubEnvironment}; also what output redaction looks for. */
  env: NodeJS.ProcessEnv;
  /** Default: probe `unshare -n` once. */
  isolation?: Promise<NetworkIsolation>;
}

const InputSchema = z.object({ name: z.string().min(1).describe('the name of an allowed command') }).strict();

/**
 * The command tool. A call names an allowlisted command; its fixed argv runs with execFile (no
 * shell, so nothing is interpolated), in the workspace, with a scrubbed environment, a time and an
 * output limit (the process is killed past either), and in an empty network namespace where the
 * platform allows (else the outcome says it was not isolated). Anything else is refused with the
 * capability it asked for (`command:<name>`), for `blocked_capabilities[]`.
 */
export function createCommandTool(options: CreateCommandToolOptions): CommandTool {
  const isolation = options.isolation ?? probeNetworkIsolation();
  const allowed = new Map(options.commands.map((command) => [command.name, command]));
  const listing =
    options.commands.length === 0
      ? 'No command is allowed: every call is refused.'
      : `Allowed: ${options.commands.map((command) => `${command.name} (${command.argv.join(' ')})`).join('; ')}.`;
  return {
    name: 'run_command',
    description: `Runs one command from the execution policy's allowlist by name, in the workspace, and returns its exit code and output. ${listing}`,
    inputSchema: InputSchema,
    isolation,
    async run(input, { signal }) {
      const parsed = InputSchema.safeParse(input);
      const requested =
        typeof (input as { name?: unknown })?.name === 'string'
          ? (input as { name: string }).name
          : JSON.stringify(input);
      if (!parsed.success) {
        return {
          status: 'refused',
          name: requested,
          capability: 'command',
          reason: 'run_command takes only { name } of an allowed command',
        };
      }
      const command = allowed.get(parsed.data.name);
      if (command === undefined) {
        return {
          status: 'refused',
          name: parsed.data.name,
          capability: `command:${parsed.data.name}`,
          reason: `"${parsed.data.name}" is not in the execution policy's command allowlist`,
        };
      }
      return runAllowed(command, await isolation, options, signal);
    },
  };
}

function runAllowed(
  command: CommandSpec,
  isolation: NetworkIsolation,
  options: CreateCommandToolOptions,
  signal: AbortSignal | undefined,
): Promise<CommandOutcome> {
  const [file, ...args] = [...isolation.prefix, ...command.argv] as [string, ...string[]];
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: scrubEnvironment(options.env),
        shell: false,
        timeout: command.timeoutSeconds * 1000,
        killSignal: 'SIGKILL',
        maxBuffer: command.maxOutputBytes,
        encoding: 'utf8',
        windowsHide: true,
        ...(signal === undefined ? {} : { signal }),
      },
      (error, stdout, stderr) => {
        const durationMs = Math.round(performance.now() - started);
        const failure = error as
          | (NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: unknown })
          | null;
        const truncated = failure?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
        const timedOut = failure?.killed === true && !truncated && signal?.aborted !== true;
        const exitCode = typeof failure?.code === 'number' ? failure.code : failure === null ? 0 : null;
        const combined = `${stdout}${stderr === '' ? '' : `${stdout === '' ? '' : '\n'}${stderr}`}`.slice(
          0,
          command.maxOutputBytes,
        );
        const source = `command: ${command.argv.join(' ')}`;
        resolve({
          status: 'ran',
          name: command.name,
          argv: command.argv,
          exitCode,
          signal: failure?.signal ?? null,
          timedOut,
          truncated,
          output: redactSecrets(combined, options.env),
          durationMs,
          isolation: isolation.description,
          metrics: [
            { kind: 'metric', name: `command.${command.name}.exit_code`, value: exitCode ?? -1, source },
            { kind: 'metric', name: `command.${command.name}.duration_ms`, value: durationMs, source },
          ],
        });
      },
    );
  });
}
