import { describe, expect, it } from 'vitest';
import { validateMermaid } from '../test/validate-mermaid.js';
import { buildModuleMap, moduleOf } from './build-module-map.js';

describe('buildModuleMap', () => {
  it('draws the main modules and their imports as a valid mermaid graph, leaving tests out', async () => {
    const mermaid = buildModuleMap([
      { from: 'src/hono.ts', to: 'src/router/reg-exp-router/router.ts' },
      { from: 'src/hono.ts', to: 'src/router/smart-router/router.ts' },
      { from: 'src/middleware/cors/index.ts', to: 'src/context.ts' },
      { from: 'src/hono.test.ts', to: 'src/hono.ts' },
    ]);
    expect(mermaid).toContain('["src/router"]');
    expect(mermaid).toMatch(/m\d+ -->\|2\| m\d+/);
    expect(mermaid).not.toContain('hono.test');
    await validateMermaid(mermaid ?? '');
    expect(moduleOf('lib/option.js')).toBe('lib/option.js');
  });

  it('has nothing to draw without imports between modules', () => {
    expect(buildModuleMap([{ from: 'src/a/x.ts', to: 'src/a/y.ts' }])).toBeUndefined();
  });
});
