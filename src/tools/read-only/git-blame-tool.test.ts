import { afterEach, describe, expect, it } from 'vitest';
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

describe('git_blame', () => {
  it('gives commit, date, author and subject per line, and the current lines as a resolvable excerpt', async () => {
    workspace = await createToolWorkspace({ 'src/app.ts': 'one\ntwo\nthree\n' });
    await workspace.initGit();
    const first = await workspace.commit('First version', '2024-01-01T10:00:00Z');
    await workspace.write('src/app.ts', 'one\nTWO\nthree\nfour\n');
    const second = await workspace.commit('Shout two', '2024-02-01T10:00:00Z');
    await workspace.write('src/app.ts', 'one\nTWO\nthree\nfour\nfive\n');
    const output = await callTool(await workspace.tools(), 'git_blame', {
      path: 'src/app.ts',
      start_line: 1,
      end_line: 50,
    });
    expect(output.text.split('\n')).toEqual([
      'blame of src/app.ts lines 1-5 of 5',
      'note: end_line 50 is past the end of the file; it has 5 lines',
      'line  commit  date  author  subject',
      `1  ${first.slice(0, 12)}  2024-01-01  Ada Lovelace  First version`,
      `2  ${second.slice(0, 12)}  2024-02-01  Ada Lovelace  Shout two`,
      `3  ${first.slice(0, 12)}  2024-01-01  Ada Lovelace  First version`,
      `4  ${second.slice(0, 12)}  2024-02-01  Ada Lovelace  Shout two`,
      expect.stringMatching(/^5 {2}uncommitted {2}\d{4}-\d\d-\d\d {2}Not Committed Yet/),
    ]);
    expect(output.excerpts[0]?.text).toBe('one\nTWO\nthree\nfour\nfive');
    await expectExcerptsResolve(workspace.root, output.excerpts);
  });

  it('refuses paths outside the workspace and reports untracked files', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    await workspace.initGit();
    await workspace.commit('First', '2024-01-01T10:00:00Z');
    await workspace.write('new.txt', 'untracked\n');
    const tools = await workspace.tools();
    await expect(
      callTool(tools, 'git_blame', { path: '../a.txt', start_line: 1, end_line: 1 }),
    ).rejects.toMatchObject({ code: 'TOOL_PATH_INVALID' });
    await expect(
      callTool(tools, 'git_blame', { path: 'new.txt', start_line: 1, end_line: 1 }),
    ).rejects.toMatchObject({ code: 'TOOL_FAILED' });
  });
});
