import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { ContextExcerpt } from '../../models/model-port.js';
import { createGroundingResolver } from '../../verify/index.js';
import type { ReadOnlyTool, ToolOutput } from '../read-only-tool.js';
import { scanWorkspace } from '../scan-workspace.js';
import { createWorkspaceIndex } from '../workspace-index.js';
import { createReadOnlyTools } from './create-read-only-tools.js';

const run = promisify(execFile);

/**
 * Test kit of the read-only tools: a real temporary directory, optionally a real git repository
 * with fixed author, committer and dates so hashes and dates are the same on every machine.
 * Not exported from the folder's index.
 */
export interface ToolWorkspace {
  /** Absolute, symlink-free directory. */
  root: string;
  write(relativePath: string, text: string): Promise<void>;
  /** `git init` with a fixed identity and no global or system config. */
  initGit(): Promise<void>;
  /** Stages everything and commits at `date` (ISO); returns the full hash. */
  commit(message: string, date: string): Promise<string>;
  git(args: readonly string[]): Promise<string>;
  /** Scans the workspace now and creates the tools over it. */
  tools(options?: { signal?: AbortSignal }): Promise<ReadOnlyTool[]>;
  remove(): Promise<void>;
}

function gitEnvironment(date: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.invalid',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.invalid',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
}

export async function createToolWorkspace(files: Record<string, string> = {}): Promise<ToolWorkspace> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'swarmlord-tools-')));
  async function write(relativePath: string, text: string): Promise<void> {
    const target = path.join(root, relativePath);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, 'utf8');
  }
  async function git(args: readonly string[], date = '2024-01-01T00:00:00Z'): Promise<string> {
    const { stdout } = await run('git', [...args], { cwd: root, env: gitEnvironment(date) });
    return stdout;
  }
  for (const [relativePath, text] of Object.entries(files)) await write(relativePath, text);
  return {
    root,
    write,
    git,
    async initGit() {
      await git(['init', '--quiet', '--initial-branch=main']);
    },
    async commit(message, date) {
      await git(['add', '--all']);
      await git(['commit', '--quiet', '--no-verify', '--message', message], date);
      return (await git(['rev-parse', 'HEAD'])).trim();
    },
    async tools(options = {}) {
      const scanned = await scanWorkspace(root);
      return createReadOnlyTools({
        workspace: root,
        files: scanned,
        index: createWorkspaceIndex(scanned),
        ...options,
      });
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** The tool called `name`, failing the test when it is missing. */
export function toolNamed(tools: readonly ReadOnlyTool[], name: string): ReadOnlyTool {
  const tool = tools.find((candidate) => candidate.name === name);
  if (tool === undefined)
    throw new Error(`test kit: no tool ${name} among ${tools.map((t) => t.name).join(', ')}`);
  return tool;
}

/** Calls the tool as a lane would, with no signal of its own. */
export function callTool(tools: readonly ReadOnlyTool[], name: string, input: unknown): Promise<ToolOutput> {
  return toolNamed(tools, name).run(input, {});
}

/**
 * The contract that matters: every excerpt's ref resolves with the grounding resolver over the
 * same workspace, and its text is exactly the lines the ref names.
 */
export async function expectExcerptsResolve(
  root: string,
  excerpts: readonly ContextExcerpt[],
): Promise<void> {
  const resolver = createGroundingResolver({ workspace: root });
  for (const excerpt of excerpts) {
    const resolution = await resolver.resolveRef({
      ...excerpt.ref,
      quote: excerpt.text.split('\n')[0] ?? '',
    });
    expect(resolution.problems).toEqual([]);
    expect(resolution.status).toBe('resolved');
  }
}
