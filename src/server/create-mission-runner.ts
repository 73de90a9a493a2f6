import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';

/** A mission process the dashboard started. */
export interface RunningMission {
  missionId: string;
  pid: number | undefined;
  /** What the process was started for. */
  command: 'run' | 'resume';
  /** The last lines the process wrote on stderr (why it failed, when it did). */
  log: string[];
  /** Set once the process ended: 0 PASS/CAUTION, 1 FAIL, 130 after Ctrl-C (the partial digest). */
  exitCode?: number | null;
  /** The signal that ended it, when one did without the process handling it. */
  signal?: string | null;
}

/** Starts, cancels and resumes missions as `swarmlord` processes, like a person at a terminal would. */
export interface MissionRunner {
  /** `swarmlord mission run <intent>`. */
  run(missionId: string, intentPath: string): RunningMission;
  /** `swarmlord mission resume <id>`. */
  resume(missionId: string): RunningMission;
  /** Ctrl-C: the mission ends with its anytime partial digest. False when the dashboard is not running it. */
  cancel(missionId: string): boolean;
  get(missionId: string): RunningMission | undefined;
  /** Interrupts every mission still running (the server is stopping) and waits for them. */
  close(): Promise<void>;
}

export interface MissionRunnerOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The CLI's entry point (`dist/cli/main.js`). */
  cliPath: string;
}

/**
 * Each mission runs in its own process, so it writes its receipts, digest and trace exactly as one
 * started from a terminal does; the dashboard sees it through the blackboard like any other, and a
 * dashboard that stops does not take half-written state with it (Ctrl-C gives the partial digest).
 */
export function createMissionRunner(options: MissionRunnerOptions): MissionRunner {
  const missions = new Map<string, { info: RunningMission; child: ChildProcess }>();
  const start = (missionId: string, command: 'run' | 'resume', args: string[]): RunningMission => {
    const existing = missions.get(missionId);
    if (existing !== undefined && existing.info.exitCode === undefined) return existing.info;
    const child = spawn(process.execPath, [options.cliPath, ...args, '--json'], {
      cwd: options.cwd,
      env: { ...options.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const info: RunningMission = { missionId, pid: child.pid, command, log: [] };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      info.log.push(...chunk.split('\n').filter((line) => line.trim() !== ''));
      info.log.splice(0, Math.max(0, info.log.length - 20));
    });
    child.on('error', (error) => info.log.push(error.message));
    child.on('exit', (code, signal) => {
      info.exitCode = code;
      info.signal = signal;
    });
    missions.set(missionId, { info, child });
    return info;
  };
  return {
    run: (missionId, intentPath) => start(missionId, 'run', ['mission', 'run', intentPath]),
    resume: (missionId) => start(missionId, 'resume', ['mission', 'resume', missionId]),
    cancel(missionId) {
      const entry = missions.get(missionId);
      if (entry === undefined || entry.info.exitCode !== undefined) return false;
      return entry.child.kill('SIGINT');
    },
    get: (missionId) => missions.get(missionId)?.info,
    async close() {
      const live = [...missions.values()].filter((entry) => entry.info.exitCode === undefined);
      await Promise.all(
        live.map(
          (entry) =>
            new Promise<void>((resolveExit) => {
              entry.child.once('exit', () => resolveExit());
              entry.child.kill('SIGINT');
              // A second Ctrl-C quits at once, should the partial digest take too long.
              setTimeout(() => entry.child.kill('SIGINT'), 10_000).unref();
            }),
        ),
      );
    },
  };
}
