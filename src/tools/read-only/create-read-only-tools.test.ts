import { afterEach, describe, expect, it } from 'vitest';
import { ToolError } from '../tool-error.js';
import { createToolWorkspace, type ToolWorkspace } from './test-tool-workspace.js';

let workspace: ToolWorkspace | undefined;
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
});

describe('createReadOnlyTools', () => {
  it('gives no git tools outside a git work tree', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    const tools = await workspace.tools();
    expect(tools.map((tool) => tool.name)).toEqual(['list_files', 'read_lines', 'search']);
  });

  it('adds git_log, git_show and git_blame inside a git work tree', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    await workspace.initGit();
    const tools = await workspace.tools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'list_files',
      'read_lines',
      'search',
      'git_log',
      'git_show',
      'git_blame',
    ]);
    for (const tool of tools) {
      expect(tool.description.length).toBeGreaterThan(40);
      // The model reads the field descriptions: every field must have one.
      const shape = (tool.inputSchema as unknown as { shape: Record<string, { description?: string }> })
        .shape;
      for (const [field, schema] of Object.entries(shape)) expect(schema.description, field).toBeTruthy();
    }
  });

  it('refuses a workspace that does not exist', async () => {
    const error = await createToolWorkspace().then(async (created) => {
      await created.remove();
      return created.tools().catch((caught: unknown) => caught);
    });
    expect(ToolError.isInstance(error) && error.code).toBe('TOOL_NOT_AVAILABLE');
  });

  it('stops when the signal given to the tools is aborted', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    await workspace.initGit();
    await workspace.commit('first', '2024-01-01T00:00:00Z');
    const controller = new AbortController();
    const tools = await workspace.tools({ signal: controller.signal });
    controller.abort(new Error('mission interrupted'));
    for (const tool of tools) {
      await expect(
        tool.run({ path: 'a.txt', start_line: 1, end_line: 1, query: 'x', commit: 'HEAD' }, {}),
      ).rejects.toThrow('mission interrupted');
    }
  });
});
