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

describe('search', () => {
  it('returns excerpts from the index whose refs resolve', async () => {
    workspace = await createToolWorkspace({
      'src/session.ts': 'export function createSessionToken(user: string) {\n  return user;\n}\n',
      'src/other.ts': 'export const unrelated = 1;\n',
    });
    const output = await callTool(await workspace.tools(), 'search', { query: 'session token', limit: 3 });
    expect(output.text).toBe('1 excerpts for "session token", best first');
    expect(output.excerpts[0]?.ref.path).toBe('src/session.ts');
    await expectExcerptsResolve(workspace.root, output.excerpts);
  });

  it('says so when nothing matches and refuses an out-of-bounds limit', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'alpha\n' });
    const tools = await workspace.tools();
    const output = await callTool(tools, 'search', { query: 'kubernetes' });
    expect(output).toEqual({
      text: 'no excerpt matches "kubernetes"; try other words or list_files',
      excerpts: [],
    });
    await expect(callTool(tools, 'search', { query: 'alpha', limit: 500 })).rejects.toMatchObject({
      code: 'TOOL_INPUT_INVALID',
    });
  });
});
