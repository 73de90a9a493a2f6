#!/usr/bin/env node
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // The one answer that needs no command tree: printed before commander or any command is loaded.
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  process.stdout.write(`${(JSON.parse(text) as { version: string }).version}\n`);
} else {
  await runProgram(args);
}

async function runProgram(argv: readonly string[]): Promise<void> {
  const [{ CommanderError }, { processIo }, { createProgram }] = await Promise.all([
    import('commander'),
    import('./cli-io.js'),
    import('./create-program.js'),
  ]);
  const io = processIo();
  // `swarmlord … | head` closes the pipe early: that is the reader's choice, so exit quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
  try {
    // Only the modules of the command being run are loaded (see `commandsFor`).
    await (await createProgram(io, argv)).parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help / version).
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      // Loaded only on failure: it knows every module's error type.
      const { formatCliError } = await import('./format-cli-error.js');
      const { text, exitCode } = formatCliError(error, io.env);
      io.stderr.write(text);
      process.exitCode = exitCode;
    }
  }
}
