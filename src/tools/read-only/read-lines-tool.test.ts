import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashLineRange } from '../../contracts/index.js';
import {
  callTool,
  createToolWorkspace,
  expectExcerptsResolve,
  type ToolWorkspace,
  toolNamed,
} from './test-tool-workspace.js';

const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n');

let workspace: ToolWorkspace | undefined;
const cleanups: string[] = [];
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
  for (const directory of cleanups.splice(0)) await rm(directory, { recursive: true, force: true });
});

describe('read_lines', () => {
  it('returns one excerpt whose ref resolves with the grounding resolver', async () => {
    const text = 'const a = 1;\r\nconst b = 2;\r\nexport { a, b };\r\n';
    workspace = await createToolWorkspace({ 'src/app.ts': text });
    const output = await callTool(await workspace.tools(), 'read_lines', {
      path: '.\\src\\app.ts',
      start_line: 2,
      end_line: 3,
    });
    expect(output.text).toBe('src/app.ts lines 2-3 of 3');
    const [excerpt] = output.excerpts;
    expect(excerpt?.text).toBe('const b = 2;\nexport { a, b };');
    expect(excerpt?.ref).toEqual({
      kind: 'file',
      path: 'src/app.ts',
      lines: [2, 3],
      sha256: hashLineRange(text, [2, 3]),
    });
    await expectExcerptsResolve(workspace.root, output.excerpts);
  });

  it('clamps out-of-range and over-long ranges and says so', async () => {
    workspace = await createToolWorkspace({ 'long.txt': `${lines(450)}\n`, 'short.txt': lines(5) });
    const tools = await workspace.tools();
    const short = await callTool(tools, 'read_lines', { path: 'short.txt', start_line: 0, end_line: 99 });
    expect(short.excerpts[0]?.ref.lines).toEqual([1, 5]);
    expect(short.text).toContain('before the first line');
    expect(short.text).toContain('it has 5 lines');
    const long = await callTool(tools, 'read_lines', { path: 'long.txt', start_line: 101, end_line: 450 });
    expect(long.excerpts[0]?.ref.lines).toEqual([101, 300]);
    expect(long.text).toContain('continue with start_line 301');
    await expectExcerptsResolve(workspace.root, [...short.excerpts, ...long.excerpts]);
    await expect(
      callTool(tools, 'read_lines', { path: 'short.txt', start_line: 6, end_line: 9 }),
    ).rejects.toThrow(/past the end of the file, which has 5 lines/);
    await expect(
      callTool(tools, 'read_lines', { path: 'short.txt', start_line: 4, end_line: 2 }),
    ).rejects.toThrow(/before start_line/);
  });

  it('suggests close paths for an unknown path', async () => {
    workspace = await createToolWorkspace({ 'src/db/pool.ts': 'x\n', 'src/app.ts': 'y\n' });
    const call = callTool(await workspace.tools(), 'read_lines', {
      path: 'src/pool.ts',
      start_line: 1,
      end_line: 1,
    });
    await expect(call).rejects.toMatchObject({ name: 'ToolError', code: 'TOOL_PATH_INVALID' });
    await expect(call).rejects.toThrow(/"src\/pool.ts" does not exist.*did you mean src\/db\/pool.ts/);
  });

  it.each([
    ['/etc/passwd', /is absolute/],
    ['../outside.txt', /leaves the workspace/],
    ['.git/config', /\.git folder/],
    ['.env', /not one of the scanned workspace files/],
    ['src', /is a folder/],
  ])('refuses %j', async (requested, reason) => {
    workspace = await createToolWorkspace({ 'src/app.ts': 'x\n', '.env': 'SECRET=1\n' });
    await workspace.initGit();
    const call = callTool(await workspace.tools(), 'read_lines', {
      path: requested,
      start_line: 1,
      end_line: 1,
    });
    await expect(call).rejects.toMatchObject({ code: 'TOOL_PATH_INVALID' });
    await expect(call).rejects.toThrow(reason);
    await expect(call).rejects.toThrow(JSON.stringify(requested));
  });

  it('refuses a symlink that resolves outside the workspace', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'swarmlord-outside-'));
    cleanups.push(outside);
    await writeFile(path.join(outside, 'secret.txt'), 'secret\n');
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    await symlink(path.join(outside, 'secret.txt'), path.join(workspace.root, 'link.txt'));
    const call = callTool(await workspace.tools(), 'read_lines', {
      path: 'link.txt',
      start_line: 1,
      end_line: 1,
    });
    await expect(call).rejects.toMatchObject({ code: 'TOOL_PATH_INVALID' });
    await expect(call).rejects.toThrow(/"link.txt" is a symlink that resolves outside the workspace/);
  });

  it('reports bad arguments as a ToolError and stops when aborted', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    const tool = toolNamed(await workspace.tools(), 'read_lines');
    await expect(tool.run({ path: 'a.txt', start_line: 'one' }, {})).rejects.toMatchObject({
      code: 'TOOL_INPUT_INVALID',
    });
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    await expect(
      tool.run({ path: 'a.txt', start_line: 1, end_line: 1 }, { signal: controller.signal }),
    ).rejects.toThrow('interrupted');
  });
});
