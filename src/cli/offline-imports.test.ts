import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageOf, staticImports, walkStaticImports } from './test-import-graph.js';

const src = fileURLToPath(new URL('..', import.meta.url));

/**
 * Packages an offline `run` must not load before it needs them (issue 19): model providers, the MCP
 * client, the OpenTelemetry SDK (the trace file is written without it when nothing is exported),
 * databases, DBOS, the dashboard, diagrams, the diff library, terminal prompts. Each is imported
 * at its point of use (`import()`), so a command that does not use it never pays its load time or
 * memory. (`oxc-parser` is still static through `src/analysis`: the
 * offline engine parses JS/TS when the workspace index is built, decisions 0029 and 0055; the bundle
 * loads it at its first parse, so a mission over an indexed workspace never loads it, decision 0036.)
 */
const HEAVY_PACKAGES = [
  'ai',
  '@ai-sdk/anthropic',
  '@ai-sdk/openai',
  '@ai-sdk/openai-compatible',
  '@modelcontextprotocol/sdk',
  '@opentelemetry/api',
  '@opentelemetry/core',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-trace',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/exporter-trace-otlp-proto',
  '@opentelemetry/semantic-conventions',
  '@electric-sql/pglite',
  'pg',
  '@dbos-inc/dbos-sdk',
  'hono',
  '@hono/node-server',
  'mermaid',
  'diff',
  '@clack/prompts',
];

/** Our own folders a mission on an unchanged SSOT does not run (the SysML parser: cached snapshot). */
const UNUSED_SOURCES =
  /^(sysml\/(?!diagnostic\.ts$|corpus-files\.ts$|model-types\.ts$)|store\/(?!open-mission-index\.ts$)|dbos\/|server\/|codegen\/)/;

describe('the offline run path', () => {
  const graph = walkStaticImports(src, [
    'cli/main.ts',
    'cli/create-program.ts',
    'cli/commands/run-command.ts',
  ]);

  it('reaches none of the heavy packages through static imports', () => {
    const reached = HEAVY_PACKAGES.filter((name) => graph.packages.has(name)).map(
      (name) => `${name}: ${(graph.packages.get(name) as string[]).join(' → ')}`,
    );
    expect(reached).toEqual([]);
  });

  it('loads no SysML parser, store, DBOS, dashboard or codegen module', () => {
    expect(graph.files.filter((file) => UNUSED_SOURCES.test(file))).toEqual([]);
  });

  it('still reaches what a mission does use (the walk follows the real graph)', () => {
    expect(graph.files).toContain('swarm/run-mission.ts');
    expect(graph.files).toContain('ssot/load-ssot-registry.ts');
    expect(graph.files).toContain('telemetry/file-tracer.ts');
    expect([...graph.packages.keys()]).toEqual(expect.arrayContaining(['zod', 'yaml']));
  });
});

describe('walkStaticImports', () => {
  it('follows value imports and re-exports, not type-only or dynamic ones', () => {
    expect(
      staticImports(
        [
          "import type { A } from 'type-only';",
          "import { type B, c } from './kept.js';",
          "export * from './reexported.js';",
          "export type { D } from './type-reexport.js';",
          "import 'side-effect';",
          "const lazy = await import('dynamic');",
          'import {\n  e,\n  f,\n} from "multi-line";',
        ].join('\n'),
      ),
    ).toEqual(['./kept.js', './reexported.js', 'side-effect', 'multi-line']);
    expect(packageOf('@scope/name/sub/path.js')).toBe('@scope/name');
    expect(packageOf('name/sub')).toBe('name');
  });

  it('names the chain that reaches a package, so a planted static import fails the check', async () => {
    const root = await mkdtemp(join(tmpdir(), 'swarmlord-graph-'));
    try {
      await writeFile(join(root, 'entry.ts'), "import { run } from './middle.js';\nrun();\n");
      await writeFile(
        join(root, 'middle.ts'),
        "import { generateText } from 'ai';\nexport const run = () => generateText;\n",
      );
      const graph = walkStaticImports(root, ['entry.ts']);
      expect(graph.packages.get('ai')).toEqual(['entry.ts', 'middle.ts', 'ai']);
      expect(graph.files).toEqual(['entry.ts', 'middle.ts']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
