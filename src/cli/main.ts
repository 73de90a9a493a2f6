#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import module from 'node:module';

// Node ≥ 22.1 keeps V8's compiled code of the entry on disk between runs, checked against each
// file's content (node skips a stale entry); on older Node the call does not exist (decision 0036).
// The program itself is compiled with its own content-keyed cache (decision 0049).
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // The one answer that needs no command tree: printed before commander or any command is loaded.
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  process.stdout.write(`${(JSON.parse(text) as { version: string }).version}\n`);
} else {
  const { loadProgram } = await import('./load-program.js');
  await (await loadProgram(args)).runProgram(args);
}
