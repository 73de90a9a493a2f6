import { afterEach, describe, expect, it } from 'vitest';
import { callTool, createToolWorkspace, type ToolWorkspace } from './test-tool-workspace.js';

let workspace: ToolWorkspace | undefined;
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
});

describe('list_files', () => {
  it('lists the scanned files with line counts, leaving out what the scan skips', async () => {
    workspace = await createToolWorkspace({
      'src/app.ts': 'one\ntwo\n',
      'src/db/pool.ts': 'a\nb\nc',
      'README.md': '# readme\n',
      '.env': 'SECRET=1\n',
      'node_modules/x/index.js': 'x\n',
    });
    const output = await callTool(await workspace.tools(), 'list_files', {});
    expect(output.text.split('\n')).toEqual([
      '3 files:',
      'README.md (1 lines)',
      'src/app.ts (2 lines)',
      'src/db/pool.ts (3 lines)',
    ]);
    expect(output.excerpts).toEqual([]);
  });

  it('filters by folder, glob and substring', async () => {
    workspace = await createToolWorkspace({
      'src/app.ts': 'x\n',
      'src/app.test.ts': 'x\n',
      'src/db/pool.ts': 'x\n',
      'docs/pool.md': 'x\n',
    });
    const tools = await workspace.tools();
    const under = await callTool(tools, 'list_files', { under: './src/db/' });
    expect(under.text).toBe('1 files under src/db:\nsrc/db/pool.ts (1 lines)');
    const glob = await callTool(tools, 'list_files', { pattern: '*.test.ts' });
    expect(glob.text).toContain('src/app.test.ts');
    expect(glob.text).not.toContain('src/app.ts ');
    const substring = await callTool(tools, 'list_files', { pattern: 'POOL' });
    expect(substring.text).toMatch(/^2 files matching "POOL":/);
    const none = await callTool(tools, 'list_files', { under: 'lib' });
    expect(none.text).toMatch(/^no files under lib/);
  });

  it('bounds the output and says how many more there are', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`f${index}.txt`, 'x\n']));
    workspace = await createToolWorkspace(files);
    const output = await callTool(await workspace.tools(), 'list_files', { limit: 5 });
    const lines = output.text.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[6]).toMatch(/^… 7 more not shown/);
  });

  it('refuses a folder outside the workspace', async () => {
    workspace = await createToolWorkspace({ 'a.txt': 'x\n' });
    await expect(callTool(await workspace.tools(), 'list_files', { under: '../' })).rejects.toMatchObject({
      code: 'TOOL_PATH_INVALID',
    });
  });
});
