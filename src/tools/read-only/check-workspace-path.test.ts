import { describe, expect, it } from 'vitest';
import { ToolError } from '../tool-error.js';
import { checkWorkspacePath } from './check-workspace-path.js';

describe('checkWorkspacePath', () => {
  it.each([
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\win.ini', 'absolute'],
    ['../secret.txt', '..'],
    ['src/../../secret.txt', '..'],
    ['.git/config', '.git'],
    ['sub/.GIT/HEAD', '.git'],
    ['', 'names no file'],
  ])('refuses %j naming the path', (path, reason) => {
    let thrown: unknown;
    try {
      checkWorkspacePath(path);
    } catch (error) {
      thrown = error;
    }
    expect(ToolError.isInstance(thrown) && thrown.code).toBe('TOOL_PATH_INVALID');
    expect((thrown as Error).message).toContain(JSON.stringify(path));
    expect((thrown as Error).message).toContain(reason);
  });

  it('returns the normalised path, and the root only when asked', () => {
    expect(checkWorkspacePath('.\\src\\app.ts')).toBe('src/app.ts');
    expect(checkWorkspacePath('./', { allowRoot: true })).toBe('');
  });
});
