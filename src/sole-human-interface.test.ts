import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The Swarmlord is the only component that talks to the human (issue 9): only `src/cli/` (and later
 * the dashboard server) may prompt, read stdin or write to the terminal. Worker modules — and the
 * clarification protocol, which asks through a host the CLI gives it — may not.
 */
const src = dirname(fileURLToPath(import.meta.url));
const WORKER_FOLDERS = [
  'roles',
  'swarm',
  'verify',
  'tools',
  'models',
  'analysis',
  'store',
  'telemetry',
  'clarify',
  'blackboard',
  'digest',
  'intent',
  'ssot',
  'sysml',
  'contracts',
];
const TERMINAL_MODULES = [
  /^(node:)?readline(\/promises)?$/,
  /^(node:)?tty$/,
  /^@clack\//,
  /^(inquirer|@inquirer\/.*|prompts|enquirer|ora|ink|chalk|picocolors|kleur)$/,
];
const TERMINAL_USE = [
  [/\bprocess\.(stdin|stdout|stderr)\b/, 'uses process.stdin/stdout/stderr'],
  [/\bconsole\.(log|error|warn|info|debug|trace|table|dir)\s*\(/, 'writes with console'],
  [/\bprocess\.openStdin\b/, 'reads stdin'],
] as const;

/** Comments hold TSDoc examples (`console.log(digest)`), which are not code. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every way a file talks to the terminal, as `reason` strings; empty when it does not. */
function findTerminalUse(file: string, text: string): string[] {
  const code = stripComments(text);
  const found: string[] = [];
  for (const match of code.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
    const specifier = match[1] as string;
    if (TERMINAL_MODULES.some((pattern) => pattern.test(specifier))) found.push(`imports ${specifier}`);
    if (specifier.startsWith('.')) {
      const target = relative(src, resolve(dirname(file), specifier));
      if (target.startsWith('cli/') || target === 'cli') found.push(`imports the CLI (${specifier})`);
    }
  }
  for (const [pattern, reason] of TERMINAL_USE) if (pattern.test(code)) found.push(reason);
  return found;
}

/** A folder not made yet (e.g. `store` before its issue lands) has nothing to check. */
function sourceFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !/\.(test|e2e\.test)\.ts$/.test(entry.name),
    )
    .filter((entry) => !join(entry.parentPath, entry.name).includes(`${join('/', 'fixtures')}/`))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the Swarmlord is the sole human interface', () => {
  it('no worker module imports a terminal or prompt module, reads stdin or writes stdout/stderr', () => {
    const offences = WORKER_FOLDERS.flatMap((folder) =>
      sourceFiles(join(src, folder)).flatMap((file) =>
        findTerminalUse(file, readFileSync(file, 'utf8')).map(
          (reason) => `${relative(src, file)}: ${reason}`,
        ),
      ),
    );
    expect(offences).toEqual([]);
  });

  it('catches each kind of offence (the check itself is tested)', () => {
    const file = join(src, 'swarm', 'planted.ts');
    expect(findTerminalUse(file, "import { text } from '@clack/prompts';")).toEqual([
      'imports @clack/prompts',
    ]);
    expect(findTerminalUse(file, "import { createInterface } from 'node:readline/promises';")).toHaveLength(
      1,
    );
    expect(findTerminalUse(file, "import { paint } from '../cli/cli-io.js';")).toEqual([
      'imports the CLI (../cli/cli-io.js)',
    ]);
    expect(findTerminalUse(file, 'process.stdout.write("hi")')).toEqual(['uses process.stdin/stdout/stderr']);
    expect(findTerminalUse(file, 'for await (const line of process.stdin) {}')).toHaveLength(1);
    expect(findTerminalUse(file, 'console.error("x")')).toEqual(['writes with console']);
    expect(findTerminalUse(file, '/** @example console.log(digest) */\nexport const x = 1;')).toEqual([]);
  });
});
