import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashLineRange } from '../../contracts/index.js';
import { scanWorkspace } from '../scan-workspace.js';
import { createWorkspaceIndex } from '../workspace-index.js';
import { createReadOnlyTools } from './create-read-only-tools.js';
import {
  callTool,
  createToolWorkspace,
  expectExcerptsResolve,
  type ToolWorkspace,
} from './test-tool-workspace.js';

let workspace: ToolWorkspace | undefined;
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
});

const OLD_TEXT = 'export const limit = 10;\nexport const name = "old";\n';
const NEW_TEXT = 'export const limit = 99;\nexport const name = "new";\nexport const extra = true;\n';

async function repositoryWithHistory(): Promise<{ workspace: ToolWorkspace; first: string; second: string }> {
  const created = await createToolWorkspace({ 'src/config.ts': OLD_TEXT, 'src/gone.ts': 'removed later\n' });
  await created.initGit();
  const first = await created.commit('Add config\n\nWith a body line.', '2024-01-01T10:00:00Z');
  await created.write('src/config.ts', NEW_TEXT);
  await created.git(['rm', '--quiet', 'src/gone.ts']);
  const second = await created.commit('Raise the limit', '2024-02-01T10:00:00Z');
  return { workspace: created, first, second };
}

describe('git_show', () => {
  it('shows a commit message and its stat as text', async () => {
    const history = await repositoryWithHistory();
    workspace = history.workspace;
    const output = await callTool(await workspace.tools(), 'git_show', { commit: history.first.slice(0, 8) });
    expect(output.text).toContain(`commit ${history.first}`);
    expect(output.text).toContain('Author: Ada Lovelace');
    expect(output.text).toContain('Date:   2024-01-01T10:00:00+00:00');
    expect(output.text).toContain('With a body line.');
    expect(output.text).toMatch(/src\/config\.ts \| 2 \+\+/);
    expect(output.excerpts).toEqual([]);
  });

  it('returns the old lines at an older commit, with the full commit hash on the ref', async () => {
    const history = await repositoryWithHistory();
    workspace = history.workspace;
    const output = await callTool(await workspace.tools(), 'git_show', {
      commit: history.first.slice(0, 7),
      path: 'src/config.ts',
      start_line: 1,
      end_line: 9,
    });
    const [excerpt] = output.excerpts;
    expect(excerpt?.text).toBe('export const limit = 10;\nexport const name = "old";');
    expect(excerpt?.ref).toEqual({
      kind: 'file',
      path: 'src/config.ts',
      lines: [1, 2],
      sha256: hashLineRange(OLD_TEXT, [1, 2]),
      commit: history.first,
    });
    expect(output.text).toContain('it has 2 lines');
    // The ref matches the file as git stores it at that commit.
    const atCommit = await workspace.git(['show', `${history.first}:src/config.ts`]);
    expect(hashLineRange(atCommit, [1, 2])).toBe(excerpt?.ref.sha256);
  });

  it('returns lines at HEAD whose ref resolves against the work tree', async () => {
    const history = await repositoryWithHistory();
    workspace = history.workspace;
    const output = await callTool(await workspace.tools(), 'git_show', {
      commit: 'HEAD',
      path: 'src/config.ts',
    });
    expect(output.excerpts[0]?.ref.lines).toEqual([1, 3]);
    expect(output.excerpts[0]?.ref.commit).toBe(history.second);
    await expectExcerptsResolve(workspace.root, output.excerpts);
    const deleted = await callTool(await workspace.tools(), 'git_show', {
      commit: 'HEAD~1',
      path: 'src/gone.ts',
    });
    expect(deleted.excerpts[0]?.text).toBe('removed later');
  });

  it('refuses option-looking and unknown commits, and paths git must not read', async () => {
    const history = await repositoryWithHistory();
    workspace = history.workspace;
    const tools = await workspace.tools();
    const option = callTool(tools, 'git_show', { commit: '--output=x' });
    await expect(option).rejects.toMatchObject({ code: 'TOOL_INPUT_INVALID' });
    await expect(option).rejects.toThrow(/"--output=x" is not accepted/);
    await expect(access(path.join(workspace.root, 'x'))).rejects.toThrow();
    await expect(callTool(tools, 'git_show', { commit: 'deadbeef' })).rejects.toThrow(/names no commit/);
    for (const [requested, reason] of [
      ['/etc/passwd', /is absolute/],
      ['../x', /leaves the workspace/],
      ['.git/config', /\.git folder/],
      ['.env', /is hidden/],
      ['src', /is a folder at commit/],
      ['src/missing.ts', /does not exist at commit/],
    ] as const) {
      const call = callTool(tools, 'git_show', { commit: 'HEAD', path: requested });
      await expect(call).rejects.toMatchObject({ code: 'TOOL_PATH_INVALID' });
      await expect(call).rejects.toThrow(reason);
    }
    await expect(callTool(tools, 'git_show', { commit: 'HEAD', start_line: 1 })).rejects.toThrow(
      /need a path/,
    );
  });

  it('reads paths relative to a workspace that is a folder of a bigger repository', async () => {
    workspace = await createToolWorkspace({
      'service/src/app.ts': 'export const placement = "inside the service folder";\n',
      'top.txt': 'outside\n',
    });
    await workspace.initGit();
    const hash = await workspace.commit('Monorepo', '2024-01-01T10:00:00Z');
    const root = path.join(workspace.root, 'service');
    const files = await scanWorkspace(root);
    const tools = await createReadOnlyTools({ workspace: root, files, index: createWorkspaceIndex(files) });
    const output = await callTool(tools, 'git_show', { commit: hash, path: 'src/app.ts' });
    expect(output.excerpts[0]?.ref).toMatchObject({ path: 'src/app.ts', commit: hash });
    await expectExcerptsResolve(root, output.excerpts);
    const summary = await callTool(tools, 'git_show', { commit: hash });
    expect(summary.text).toContain('src/app.ts');
    expect(summary.text).not.toContain('top.txt');
  });
});
