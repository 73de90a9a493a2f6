import { afterEach, describe, expect, it } from 'vitest';
import { callTool, createToolWorkspace, type ToolWorkspace, toolNamed } from './test-tool-workspace.js';

let workspace: ToolWorkspace | undefined;
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
});

async function repositoryWithHistory(): Promise<{ workspace: ToolWorkspace; hashes: string[] }> {
  const created = await createToolWorkspace({ 'src/app.ts': 'v1\n', 'README.md': 'readme\n' });
  await created.initGit();
  const first = await created.commit('Add app and readme', '2024-01-01T10:00:00Z');
  await created.write('src/app.ts', 'v2\n');
  const second = await created.commit('Change app', '2024-02-01T10:00:00Z');
  await created.write('README.md', 'readme v2\n');
  const third = await created.commit('Update readme', '2024-03-01T10:00:00Z');
  return { workspace: created, hashes: [first, second, third] };
}

describe('git_log', () => {
  it('lists commits newest first with hash, date, author and subject', async () => {
    const history = await repositoryWithHistory();
    workspace = history.workspace;
    const [first, second, third] = history.hashes;
    const output = await callTool(await workspace.tools(), 'git_log', {});
    expect(output.text.split('\n')).toEqual([
      'commits, newest first (hash  date  author  subject):',
      `${third}  2024-03-01T10:00:00+00:00  Ada Lovelace  Update readme`,
      `${second}  2024-02-01T10:00:00+00:00  Ada Lovelace  Change app`,
      `${first}  2024-01-01T10:00:00+00:00  Ada Lovelace  Add app and readme`,
    ]);
    expect(output.excerpts).toEqual([]);
  });

  it('keeps to one path and says when older commits were left out', async () => {
    const history = await repositoryWithHistory();
    workspace = history.workspace;
    const tools = await workspace.tools();
    const forPath = await callTool(tools, 'git_log', { path: './src/app.ts' });
    expect(
      forPath.text
        .split('\n')
        .slice(1)
        .map((line) => line.split('  ').at(-1)),
    ).toEqual(['Change app', 'Add app and readme']);
    const limited = await callTool(tools, 'git_log', { limit: 1 });
    expect(limited.text).toContain('Update readme');
    expect(limited.text).toContain('older commits not shown');
    // A literal pathspec: a glob-looking path names a file, it does not match every file.
    expect((await callTool(tools, 'git_log', { path: '*' })).text).toBe('no commits touching *');
    await expect(callTool(tools, 'git_log', { path: '../' })).rejects.toMatchObject({
      code: 'TOOL_PATH_INVALID',
    });
  });

  it('ignores an inherited GIT_DIR that would point it at another repository', async () => {
    const history = await repositoryWithHistory();
    workspace = history.workspace;
    const other = await createToolWorkspace({ 'other.txt': 'x\n' });
    await other.initGit();
    await other.commit('Other repository commit', '2024-01-01T00:00:00Z');
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = `${other.root}/.git`;
    try {
      const output = await callTool(await workspace.tools(), 'git_log', {});
      expect(output.text).toContain('Update readme');
      expect(output.text).not.toContain('Other repository commit');
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
      await other.remove();
    }
  });

  it('stops a running git call when its signal is aborted', async () => {
    const history = await repositoryWithHistory();
    workspace = history.workspace;
    const tool = toolNamed(await workspace.tools(), 'git_log');
    const controller = new AbortController();
    const call = tool.run({}, { signal: controller.signal });
    controller.abort(new Error('stop now'));
    await expect(call).rejects.toThrow('stop now');
  });
});
