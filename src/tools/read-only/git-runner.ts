import { execFile } from 'node:child_process';
import { ToolError } from '../tool-error.js';

/** Runs one read-only git command in the workspace and returns its standard output. */
export type GitRunner = (
  args: readonly string[],
  options?: { signal?: AbortSignal | undefined },
) => Promise<Buffer>;

/** Settings of {@link createGitRunner}. */
export interface GitRunnerOptions {
  /** Absolute workspace directory: git's working directory. */
  workspace: string;
  /** Longest a command may run, in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** Largest output kept, in bytes (default 8 MiB); more is an error, never a silent cut. */
  maxBufferBytes?: number;
}

/**
 * The environment git runs with. Every inherited `GIT_*` variable is dropped: `GIT_DIR`,
 * `GIT_WORK_TREE`, `GIT_INDEX_FILE`, `GIT_EXTERNAL_DIFF`, `GIT_CONFIG_*`… would point git at
 * another repository or make it run programs. Prompts are off (a tool call never waits on a
 * terminal) and optional locks are off (reads must not write `index.lock`).
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toUpperCase().startsWith('GIT_')) environment[key] = value;
  }
  environment.GIT_TERMINAL_PROMPT = '0';
  environment.GIT_OPTIONAL_LOCKS = '0';
  environment.LC_ALL = 'C';
  return environment;
}

/**
 * Options before the subcommand: no pager; pathspecs taken literally (a path `src/*.ts` names
 * that file, not a glob); no fsmonitor hook, which a repository's config could set to a command.
 */
const GLOBAL_ARGUMENTS = ['--no-pager', '--literal-pathspecs', '-c', 'core.fsmonitor=false'];

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** Creates a runner that calls `git` with `execFile` (never a shell) inside `workspace`. */
export function createGitRunner(options: GitRunnerOptions): GitRunner {
  const timeout = options.timeoutMs ?? 10_000;
  const maxBuffer = options.maxBufferBytes ?? 8 * 1024 * 1024;
  const env = gitEnvironment();
  return (args, callOptions = {}) =>
    new Promise<Buffer>((resolve, reject) => {
      const { signal } = callOptions;
      execFile(
        'git',
        [...GLOBAL_ARGUMENTS, ...args],
        { cwd: options.workspace, env, timeout, maxBuffer, signal, encoding: 'buffer', windowsHide: true },
        (error, stdout, stderr) => {
          if (error === null) {
            resolve(stdout);
            return;
          }
          // An abort is the caller stopping the call, not a tool failure to show the model.
          if (signal?.aborted === true) {
            reject(signal.reason);
            return;
          }
          const code = (error as { code?: unknown }).code;
          const reason =
            code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
              ? `output exceeds ${maxBuffer} bytes; narrow the request`
              : error.killed
                ? `timed out after ${timeout} ms`
                : firstLine(stderr.toString('utf8')) || error.message;
          reject(new ToolError('TOOL_FAILED', `git ${args[0] ?? ''} failed: ${reason}`, { cause: error }));
        },
      );
    });
}

/** Whether `workspace` is inside a git work tree; `false` too when git is not installed. */
export async function isInsideGitWorkTree(git: GitRunner, signal?: AbortSignal): Promise<boolean> {
  try {
    const output = await git(['rev-parse', '--is-inside-work-tree'], { signal });
    return output.toString('utf8').trim() === 'true';
  } catch (error) {
    if (signal?.aborted === true) throw error;
    return false;
  }
}
