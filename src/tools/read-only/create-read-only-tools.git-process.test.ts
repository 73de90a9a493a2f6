import * as childProcess from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mayBeInsideGitRepository } from './git-marker.js';
import { createToolWorkspace, type ToolWorkspace } from './test-tool-workspace.js';

vi.mock('node:child_process', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:child_process')>();
  return { ...original, execFile: vi.fn(original.execFile) };
});

let workspace: ToolWorkspace | undefined;
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
  vi.mocked(childProcess.execFile).mockClear();
});

function gitRevParseCalls(): number {
  return vi
    .mocked(childProcess.execFile)
    .mock.calls.filter(([file, args]) => file === 'git' && (args as string[]).includes('rev-parse')).length;
}

describe('createReadOnlyTools and the git process', () => {
  it('starts no git process where no directory up to the root could hold a repository', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    if (mayBeInsideGitRepository(path.dirname(workspace.root))) return;
    const tools = await workspace.tools();
    expect(tools.map((tool) => tool.name)).toEqual(['list_files', 'read_lines', 'search']);
    expect(gitRevParseCalls()).toBe(0);
  });

  it('still asks git inside a repository', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    await workspace.initGit();
    const tools = await workspace.tools();
    expect(tools.map((tool) => tool.name)).toContain('git_log');
    expect(gitRevParseCalls()).toBe(1);
  });

  it('still stops on a signal aborted before the tools are made', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    const controller = new AbortController();
    controller.abort(new Error('mission interrupted'));
    await expect(workspace.tools({ signal: controller.signal })).rejects.toThrow('mission interrupted');
  });
});
